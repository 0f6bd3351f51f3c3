//! The YAML form of a rule file, exactly as a user writes it. Unknown fields are rejected
//! so that a typo (`pattren:`) fails loudly instead of silently disabling a rule.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// What a rule detects. The names are the entity types of the annotation guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Category {
    Person,
    Loc,
    Org,
    Datetime,
    Code,
    Dem,
    Quantity,
    Misc,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Person,
        Category::Loc,
        Category::Org,
        Category::Datetime,
        Category::Code,
        Category::Dem,
        Category::Quantity,
        Category::Misc,
    ];

    /// The upper-case name used in rule files, entity ids and reports.
    pub fn name(self) -> &'static str {
        match self {
            Category::Person => "PERSON",
            Category::Loc => "LOC",
            Category::Org => "ORG",
            Category::Datetime => "DATETIME",
            Category::Code => "CODE",
            Category::Dem => "DEM",
            Category::Quantity => "QUANTITY",
            Category::Misc => "MISC",
        }
    }

    /// The word a numbered placeholder uses unless a rule file sets another.
    pub fn default_label(self) -> &'static str {
        match self {
            Category::Person => "PERSON",
            Category::Loc => "PLACE",
            Category::Org => "ORGANISATION",
            Category::Datetime => "DATE",
            Category::Code => "IDENTIFIER",
            Category::Dem => "DETAIL",
            Category::Quantity => "AMOUNT",
            Category::Misc => "DETAIL",
        }
    }

    /// How identifying a finding of this category is when its rule does not say.
    pub fn default_class(self) -> Class {
        match self {
            Category::Person | Category::Code => Class::Direct,
            _ => Class::Quasi,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The identifier class of the annotation guidelines: DIRECT identifies on its own,
/// QUASI in combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Direct,
    Quasi,
}

impl Class {
    /// `direct` or `quasi`, as reports and rule files spell it.
    pub fn name(self) -> &'static str {
        match self {
            Class::Direct => "direct",
            Class::Quasi => "quasi",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Terms never rewritten, whatever rule matches them.
    #[serde(default)]
    pub keep: Option<TermSource>,
    /// A table of `place<TAB>region` lines, for generalising places ("a town in Kent").
    #[serde(default)]
    pub place_regions: Option<TermSource>,
    /// A table of `organisation<TAB>kind` lines, for generalising organisations ("a police force").
    #[serde(default)]
    pub organisation_kinds: Option<TermSource>,
    /// Common English words: a word-list hit on one of them needs evidence (see `Common`).
    #[serde(default)]
    pub common_words: Option<TermSource>,
    /// How each category is rewritten.
    #[serde(default)]
    pub rewrite: BTreeMap<Category, RewriteSpec>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
}

/// Terms given inline, from a file (one per line, `#` starts a comment), or both.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSource {
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub file: Option<String>,
}

/// How the mentions of one category are replaced.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewriteSpec {
    pub strategy: Strategy,
    /// The word in a numbered placeholder (`[PLACE 3]`).
    #[serde(default)]
    pub label: Option<String>,
    /// DATETIME, generalised: what of a date to keep (default `month-year`).
    #[serde(default)]
    pub keep: Option<DateKeep>,
    /// DATETIME, generalised: a clock time becomes the part of the day (default) or `[TIME]`.
    #[serde(default)]
    pub times: Option<TimeStyle>,
    /// DEM, generalised: the width of age bands in years (default 10: "40-something").
    #[serde(default)]
    pub band: Option<u32>,
}

/// What a generalised date keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateKeep {
    /// "March 2019"
    MonthYear,
    /// "2019"
    Year,
    /// `[DATE]`
    Nothing,
}

/// What a generalised clock time becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeStyle {
    /// "mid-morning", "late evening"
    PartOfDay,
    /// `[TIME]`
    Placeholder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// `[PERSON 3]`, numbered by first appearance in the batch.
    Placeholder,
    /// A realistic name from the bundled pool (PERSON only).
    Pseudonym,
    /// A vaguer description, as an editor would write it: an age band, a month and year,
    /// the part of the day, "a town in South Yorkshire", "a prison" (not for PERSON).
    Generalise,
}

/// One detection rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub category: Category,
    #[serde(default)]
    pub class: Option<Class>,
    /// What the rule finds, in words an editor can check.
    #[serde(default)]
    pub message: Option<String>,
    /// A regular expression; if it has named groups, the first one that took part in the
    /// match is the span to rewrite. A group named `not` (or `not_...`) vetoes any match
    /// it takes part in (`(?P<not> years old)?` after an age-like number).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Word-list terms given inline.
    #[serde(default)]
    pub terms: Option<Vec<String>>,
    /// A word-list file relative to the rule file.
    #[serde(default)]
    pub file: Option<String>,
    /// How letter case must agree for a word-list hit.
    #[serde(default)]
    pub case: Case,
    /// What a word-list hit on a common English word needs to count. On a pattern rule,
    /// `skip` drops a match of one or two words that are all common words.
    #[serde(default)]
    pub common: Common,
    /// A check the matched text must pass (pattern rules), such as a check digit.
    #[serde(default)]
    pub validate: Option<Validator>,
    /// Which part of a name a word list holds; a given name opening a sentence counts
    /// before a family name ("Mark Threlfall") but not before another given name ("Will Jim").
    #[serde(default)]
    pub part: Option<NamePart>,
    /// Words or phrases that, right before a hit, are evidence that it is a name
    /// ("Mr", "my client", "called").
    #[serde(default)]
    pub context: Vec<String>,
    /// What a match becomes under the `generalise` strategy ("a prison", "a court").
    #[serde(default)]
    pub generalise: Option<String>,
    /// Terms this rule never reports, though its pattern or list matches them.
    #[serde(default)]
    pub except: Vec<String>,
    /// Breaks ties between overlapping matches of the same length; higher wins.
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub examples: Examples,
}

/// Texts a rule must and must not match; `veil rules test` runs them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// Checks a pattern match must pass to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// Ten digits whose last is the NHS modulus-11 check digit.
    NhsNumber,
}

impl Validator {
    /// Whether `text` passes the check.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            Validator::NhsNumber => {
                let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
                if digits.len() != 10 {
                    return false;
                }
                let sum: u32 = digits[..9]
                    .iter()
                    .zip((2..=10).rev())
                    .map(|(d, w)| d * w)
                    .sum();
                match 11 - sum % 11 {
                    11 => digits[9] == 0,
                    10 => false,
                    check => digits[9] == check,
                }
            }
        }
    }
}

/// The part of a personal name a word list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamePart {
    Given,
    Family,
}

/// Case agreement for word-list terms.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// Any letter case matches.
    #[default]
    Insensitive,
    /// The hit must begin with a capital letter, and not be in capitals throughout
    /// (acronyms are not names).
    Capitalised,
}

/// What a word-list hit on a common English word needs to count.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Common {
    /// Counts like any other hit.
    #[default]
    Allow,
    /// Counts only with evidence: a context phrase right before it, another name part
    /// next to it, or the same word already accepted as a name in the document.
    Evidence,
    /// Never counts.
    Skip,
}

#[cfg(test)]
mod tests {
    use super::Validator;

    #[test]
    fn nhs_check_digit() {
        assert!(Validator::NhsNumber.accepts("943 476 5919"));
        assert!(!Validator::NhsNumber.accepts("943 476 5918"));
        assert!(!Validator::NhsNumber.accepts("0113 496 0000"));
    }
}
