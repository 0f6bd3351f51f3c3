//! veil anonymises practitioner testimony before it is published.
//!
//! A byte of input travels through the stages in this order:
//! [`rules`] (load and compile YAML rule files) → [`detect`] (candidate spans from word
//! lists and patterns) → [`resolve`] (one span per place; mentions linked into entities)
//! → [`rewrite`] (replacements) → [`audit`] and [`report`] (what was changed or found).
//! [`review`] renders a batch's changes as an HTML page for an editor.
//! [`check`] judges findings as a CI gate (fail, warn, or accepted by baseline or marker).
//! [`pipeline`] strings the stages together, [`redact`] runs them over a batch of files,
//! [`eval`] scores them against annotated texts, and [`cli`] is the command line.

pub mod audit;
pub mod check;
pub mod cli;
pub mod detect;
pub mod error;
pub mod eval;
pub mod input;
pub mod key;
pub mod output;
pub mod pipeline;
pub mod redact;
pub mod report;
pub mod resolve;
pub mod review;
pub mod rewrite;
pub mod rules;
pub mod strings;
pub mod text;

pub use error::{Error, Result};
