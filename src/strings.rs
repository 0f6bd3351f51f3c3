//! Many small strings kept end to end in one, each known by its [`Span`]: no allocation per
//! string, for tables of hundreds of thousands (the word lists, a batch's entities) and for
//! the few hundred names of each document, which are many allocations over an archive.

/// An append-only store of strings.
#[derive(Debug, Default)]
pub struct Strings(String);

/// Where one string of a [`Strings`] lies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Strings {
    /// Stores `s`.
    pub fn push(&mut self, s: &str) -> Span {
        let start = self.0.len();
        u32::try_from(start + s.len()).expect("under 4 GiB of strings");
        self.0.push_str(s);
        Span {
            start: start as u32,
            len: s.len() as u32,
        }
    }

    /// The string stored at `span`.
    pub fn get(&self, span: Span) -> &str {
        &self.0[span.start as usize..(span.start + span.len) as usize]
    }

    /// The bytes stored at `span`: for comparing, where [`Strings::get`] would check the
    /// span's char boundaries on every look-up of a word list.
    pub fn bytes(&self, span: Span) -> &[u8] {
        &self.0.as_bytes()[span.start as usize..(span.start + span.len) as usize]
    }
}

/// A map from strings to values, its keys kept in one [`Strings`].
#[derive(Debug)]
pub struct StringMap<V> {
    text: Strings,
    table: hashbrown::HashTable<(Span, V)>,
}

impl<V> Default for StringMap<V> {
    fn default() -> Self {
        StringMap {
            text: Strings::default(),
            table: hashbrown::HashTable::new(),
        }
    }
}

impl<V> StringMap<V> {
    /// The hash the map files `key` under.
    pub fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(key, Self::hash(key))
    }

    /// [`StringMap::get`] given the key's [`StringMap::hash`].
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        let text = &self.text;
        self.table
            .find(hash, |&(span, _)| text.bytes(span) == key.as_bytes())
            .map(|(_, value)| value)
    }

    /// The value of `key`, made by `new` if the map has none.
    pub fn entry(&mut self, key: &str, new: impl FnOnce() -> V) -> &mut V {
        let hash = Self::hash(key);
        let StringMap { text, table } = self;
        let entry = table.entry(
            hash,
            |&(span, _)| text.bytes(span) == key.as_bytes(),
            |&(span, _)| Self::hash(text.get(span)),
        );
        let entry = match entry {
            hashbrown::hash_table::Entry::Occupied(entry) => entry.into_mut(),
            hashbrown::hash_table::Entry::Vacant(entry) => {
                entry.insert((text.push(key), new())).into_mut()
            }
        };
        &mut entry.1
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The keys and values, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.table
            .iter()
            .map(|(span, value)| (self.text.get(*span), value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_stored() {
        let mut s = Strings::default();
        let (a, empty, b) = (s.push("Siân"), s.push(""), s.push("O’Neill"));
        assert_eq!((s.get(a), s.get(empty), s.get(b)), ("Siân", "", "O’Neill"));
        assert_eq!(s.bytes(b), "O’Neill".as_bytes());
    }

    #[test]
    fn a_string_map_keeps_the_first_value_of_each_key() {
        let mut map = StringMap::default();
        for (i, key) in ["tom", "Tom", "tom", "", "siân"].into_iter().enumerate() {
            map.entry(key, || i);
        }
        *map.entry("Tom", || 9) += 10;
        assert_eq!(map.len(), 4);
        assert_eq!(
            (map.get("tom"), map.get("Tom"), map.get(""), map.get("siân")),
            (Some(&0), Some(&11), Some(&3), Some(&4))
        );
        assert_eq!(map.get("sian"), None);
        let mut all: Vec<(&str, usize)> = map.iter().map(|(k, v)| (k, *v)).collect();
        all.sort();
        assert_eq!(all, [("", 3), ("Tom", 11), ("siân", 4), ("tom", 0)]);
    }
}
