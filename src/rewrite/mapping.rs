//! The mapping file (`--mapping FILE`): replacements an editor pins ("Joe" → "Sam"), and
//! every entity veil assigned, so that the next batch of the same project reuses them.
//! It holds originals, so it is written owner-only, like the audit log.

use crate::error::{Error, Result};
use crate::resolve::entities::{entity_key, EntityTable};
use crate::rules::schema::Category;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// One mapped entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapped {
    pub category: Category,
    /// The original as written; entities match on its folded form.
    pub original: String,
    pub replacement: String,
    /// Set by an editor: never changed by veil.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

/// A mapping file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(from = "MappingFile")]
pub struct Mapping {
    entities: Vec<Mapped>,
    /// Where each entity is in `entities`, by category and folded original (the first, if
    /// several fold alike): a project's mapping grows with every batch, and a search
    /// through it for each entity made a re-run quadratic (15,000 entities: 0.6 s -> 10 s).
    #[serde(skip)]
    index: HashMap<Category, HashMap<String, usize>>,
}

/// A mapping file as written, before it is indexed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    entities: Vec<Mapped>,
}

impl From<MappingFile> for Mapping {
    fn from(file: MappingFile) -> Mapping {
        Mapping::of(file.entities)
    }
}

impl Mapping {
    /// Reads `path`; a missing file is an empty mapping (the first batch of a project).
    pub fn read(path: &Path) -> Result<Mapping> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Mapping::default()),
            Err(e) => return Err(Error::io(path, "read mapping", e)),
        };
        let mapping: Mapping = serde_yaml::from_str(&text).map_err(|e| Error::File {
            path: path.display().to_string(),
            position: e.location().map(|l| (l.line(), l.column())),
            message: format!("{e}; fix the mapping file"),
        })?;
        let mut seen: HashMap<(Category, &str), &str> = HashMap::new();
        for m in &mapping.entities {
            if let Some(other) = seen.insert((m.category, m.replacement.as_str()), &m.original) {
                if entity_key(other) != entity_key(&m.original) {
                    return Err(Error::file(
                        path,
                        format!(
                            "{:?} and {:?} are both mapped to {:?}; give each entity its own replacement",
                            other, m.original, m.replacement
                        ),
                    ));
                }
            }
        }
        Ok(mapping)
    }

    /// A mapping of `entities`, indexed.
    fn of(entities: Vec<Mapped>) -> Mapping {
        let mut index: HashMap<Category, HashMap<String, usize>> = HashMap::new();
        for (i, m) in entities.iter().enumerate() {
            let keys = index.entry(m.category).or_default();
            keys.entry(entity_key(&m.original)).or_insert(i);
        }
        Mapping { entities, index }
    }

    /// Every mapped entity, in the file's order.
    pub fn entities(&self) -> &[Mapped] {
        &self.entities
    }

    /// The replacement already given to an entity of `category` with `key`.
    pub fn lookup(&self, category: Category, key: &str) -> Option<&Mapped> {
        let i = *self.index.get(&category)?.get(key)?;
        Some(&self.entities[i])
    }

    /// This mapping with every entity of `table` added (existing entries are kept).
    pub fn updated(&self, table: &EntityTable) -> Mapping {
        let mut entities = self.entities.clone();
        for e in table.iter() {
            if self.lookup(e.category, e.key).is_none() {
                entities.push(Mapped {
                    category: e.category,
                    original: e.first.to_string(),
                    replacement: e.replacement.to_string(),
                    pinned: false,
                });
            }
        }
        Mapping::of(entities)
    }

    /// Writes the mapping atomically, owner-only.
    pub fn write(&self, path: &Path) -> Result<()> {
        let body = serde_yaml::to_string(self).expect("mappings serialise");
        let text = format!(
            "# veil mapping: originals and their replacements. It identifies people: keep it private.\n\
             # Pin a replacement by editing it and setting `pinned: true`.\n{body}"
        );
        crate::output::write_atomic(path, text.as_bytes(), 0o600)
            .map_err(|e| Error::io(path, "write mapping", e))
    }
}

#[cfg(test)]
mod tests {
    use super::{Mapped, Mapping};
    use crate::resolve::entities::entity_key;
    use crate::rules::schema::Category;

    fn mapped(category: Category, original: &str, replacement: &str) -> Mapped {
        Mapped {
            category,
            original: original.into(),
            replacement: replacement.into(),
            pinned: false,
        }
    }

    #[test]
    fn lookup_matches_the_folded_original_within_its_category_first_entry_first() {
        let mapping = Mapping::of(vec![
            mapped(Category::Person, "Jim  Brown", "Sam"),
            mapped(Category::Loc, "Jim Brown", "[PLACE 1]"),
            mapped(Category::Person, "JIM BROWN", "Tom"),
        ]);
        let found = |category, mention| {
            mapping
                .lookup(category, &entity_key(mention))
                .map(|m| m.replacement.as_str())
        };
        assert_eq!(found(Category::Person, "Jim Brown's"), Some("Sam"));
        assert_eq!(found(Category::Loc, "jim brown"), Some("[PLACE 1]"));
        assert_eq!(found(Category::Org, "Jim Brown"), None);
        assert_eq!(found(Category::Person, "Jim"), None);
        // What is written is found again when read back.
        let yaml = serde_yaml::to_string(&mapping).unwrap();
        let read: Mapping = serde_yaml::from_str(&yaml).unwrap();
        let again = read.lookup(Category::Person, &entity_key("jim brown"));
        assert_eq!(again.map(|m| m.replacement.as_str()), Some("Sam"));
        assert_eq!(read.entities(), mapping.entities());
    }
}
