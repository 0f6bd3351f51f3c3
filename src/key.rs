//! The secret given with `--key-file`. It makes pseudonym choice deterministic across runs
//! and machines without sharing any mapping: the same name under the same key always draws
//! the same starting point in the pseudonym pool.

use crate::error::{Error, Result};
use std::path::Path;

/// A 32-byte key derived from the key file's contents.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl Key {
    /// Reads and derives the key from `path`. An empty file is refused: it would make
    /// every "keyed" choice guessable.
    pub fn from_file(path: &Path) -> Result<Key> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read key file", e))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::file(path, "the key file is empty; put a long random secret in it (for example `head -c 32 /dev/urandom | base64 > veil.key`)"));
        }
        // The secret, not how it was saved: a trailing newline or CRLF does not change it.
        Ok(Key(blake3::derive_key(
            "veil pseudonym key v1",
            bytes.trim_ascii_end(),
        )))
    }

    /// A keyed hash of `text`, as a number.
    pub fn hash(&self, text: &str) -> u64 {
        let h = blake3::keyed_hash(&self.0, text.as_bytes());
        u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"))
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}
