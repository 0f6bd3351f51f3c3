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

/// A hash of `bytes`, the same for byte strings that differ only in ASCII case if
/// `fold_case`: taken eight bytes at a time, without a folded copy. Folding sets each
/// byte's 0x20 bit, which lower-cases ASCII letters and leaves digits, `'` and `-` as they
/// are; it also makes some other strings alike ("_" and DEL, some bytes beyond ASCII),
/// which only costs the comparison every look-up makes anyway.
pub fn hash_bytes(bytes: &[u8], fold_case: bool) -> u64 {
    use std::hash::Hasher;
    let fold = if fold_case {
        u64::from_ne_bytes([0x20; 8])
    } else {
        0
    };
    let mut h = rustc_hash::FxHasher::default();
    h.write_usize(bytes.len());
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h.write_u64(u64::from_le_bytes(chunk.try_into().expect("eight bytes")) | fold);
    }
    h.write_u64(last_word(chunks.remainder()) | fold);
    h.finish()
}

/// The up to seven bytes of `rest` as a little-endian word, from two reads that overlap (an
/// overlapping byte is the same in both): a copy into a padded buffer was a call to
/// `memcpy` for every word hashed.
fn last_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let two = |at: usize| u64::from(u16::from_le_bytes([rest[at], rest[at + 1]]));
    let four = |at: usize| {
        u64::from(u32::from_le_bytes(
            rest[at..at + 4].try_into().expect("four bytes"),
        ))
    };
    match n {
        0 => 0,
        1 => u64::from(rest[0]),
        2 | 3 => two(0) | two(n - 2) << (8 * (n - 2)),
        _ => four(0) | four(n - 4) << (8 * (n - 4)),
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
    /// An empty map with room for `keys` keys of `bytes` bytes in all: a map grown from
    /// nothing hashes its keys again at each doubling.
    pub fn with_capacity(keys: usize, bytes: usize) -> Self {
        StringMap {
            text: Strings(String::with_capacity(bytes)),
            table: hashbrown::HashTable::with_capacity(keys),
        }
    }

    /// The hash the map files `key` under: [`hash_bytes`] with ASCII case folded, so that
    /// a caller may look up a word in another case without folding it first (see
    /// [`StringMap::find`]).
    pub fn hash(key: &str) -> u64 {
        hash_bytes(key.as_bytes(), true)
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(key, Self::hash(key))
    }

    /// [`StringMap::get`] given the key's [`StringMap::hash`].
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        self.find(hash, |stored| stored == key.as_bytes())
    }

    /// The value of the key of `hash` (see [`StringMap::hash`]) that `is` accepts.
    pub fn find(&self, hash: u64, is: impl Fn(&[u8]) -> bool) -> Option<&V> {
        let text = &self.text;
        self.table
            .find(hash, |&(span, _)| is(text.bytes(span)))
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
    fn byte_hashes_fold_ascii_case_only_when_asked() {
        for (a, b) in [
            ("Smith", "SMITH"),
            ("Abercrombie", "aBERCROMBIE"),
            ("R2D2", "r2d2"),
        ] {
            assert_eq!(
                hash_bytes(a.as_bytes(), true),
                hash_bytes(b.as_bytes(), true)
            );
            assert_ne!(
                hash_bytes(a.as_bytes(), false),
                hash_bytes(b.as_bytes(), false)
            );
        }
        // Length counts, within a chunk of eight and across one.
        for (a, b) in [("ab", "abc"), ("abcdefgh", "abcdefghi"), ("Tom", "Tom0")] {
            assert_ne!(
                hash_bytes(a.as_bytes(), true),
                hash_bytes(b.as_bytes(), true)
            );
        }
    }

    #[test]
    fn a_hash_takes_the_last_bytes_as_a_padded_word() {
        use std::hash::Hasher;
        let text = "Okonkwo-Bright, Siân";
        for end in 0..=text.len() {
            let bytes = &text.as_bytes()[..end];
            let mut h = rustc_hash::FxHasher::default();
            h.write_usize(bytes.len());
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                h.write_u64(u64::from_le_bytes(word));
            }
            if bytes.len().is_multiple_of(8) {
                h.write_u64(0);
            }
            assert_eq!(hash_bytes(bytes, false), h.finish(), "{end}");
        }
    }

    #[test]
    fn a_string_map_finds_a_key_in_another_case_by_its_hash() {
        let mut map = StringMap::default();
        *map.entry("o'neill", || 0) += 1;
        let word = b"O'NEILL";
        let hash = hash_bytes(word, true);
        assert_eq!(map.find(hash, |k| k.eq_ignore_ascii_case(word)), Some(&1));
        assert_eq!(map.get_hashed("O'NEILL", hash), None);
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
