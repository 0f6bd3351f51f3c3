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

/// A map from strings to values, its keys kept in one [`Strings`]. Open addressing over
/// slots of one word each (part of a key's hash and where its entry is), so that a caller
/// about to look up a word can fetch its slot ahead of time ([`StringMap::prefetch`]): a
/// look-up in the 150,000 words of the lists is a wait on memory, and a scan that asks
/// for the next words' slots early waits on several at once.
#[derive(Debug)]
pub struct StringMap<V> {
    text: Strings,
    /// The entries, in the order their keys came.
    entries: Vec<Entry<V>>,
    /// A power of two long (or empty), at most 5/8 full: 0 for a free slot, else the top
    /// half of a key's hash and one more than its entry's index. A key sits at the first
    /// free slot from its hash on.
    slots: Vec<u64>,
}

#[derive(Debug)]
struct Entry<V> {
    hash: u64,
    key: Span,
    value: V,
}

impl<V> Default for StringMap<V> {
    fn default() -> Self {
        StringMap {
            text: Strings::default(),
            entries: Vec::new(),
            slots: Vec::new(),
        }
    }
}

impl<V> StringMap<V> {
    /// An empty map with room for `keys` keys of `bytes` bytes in all: a map grown from
    /// nothing files its keys again at each doubling.
    pub fn with_capacity(keys: usize, bytes: usize) -> Self {
        let mut map = StringMap {
            text: Strings(String::with_capacity(bytes)),
            entries: Vec::with_capacity(keys),
            slots: Vec::new(),
        };
        map.resize(keys);
        map
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

    /// The first slot to look at for `hash` (the map has slots).
    fn home(&self, hash: u64) -> usize {
        hash as usize & (self.slots.len() - 1)
    }

    /// The index of the slot of the key of `hash` that `is` accepts, or of the free slot
    /// where it would go, and the key's entry if it is there.
    fn position(&self, hash: u64, is: impl Fn(&[u8]) -> bool) -> (usize, Option<usize>) {
        let mut at = self.home(hash);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return (at, None);
            }
            if slot >> 32 == hash >> 32 {
                let entry = (slot as u32 - 1) as usize;
                if is(self.text.bytes(self.entries[entry].key)) {
                    return (at, Some(entry));
                }
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }

    /// The value of the key of `hash` (see [`StringMap::hash`]) that `is` accepts.
    pub fn find(&self, hash: u64, is: impl Fn(&[u8]) -> bool) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let (_, entry) = self.position(hash, is);
        entry.map(|entry| &self.entries[entry].value)
    }

    /// Asks the processor to fetch the slot a look-up of `hash` starts at, so that the
    /// look-up, a few words later, finds it in the cache. Only a hint: it changes nothing.
    pub fn prefetch(&self, hash: u64) {
        #[cfg(target_arch = "x86_64")]
        if !self.slots.is_empty() {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let slot: *const u64 = &self.slots[self.home(hash)];
            // SAFETY: a prefetch reads nothing and cannot fault; the address is a slot's.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(slot.cast()) };
        }
    }

    /// The value of `key`, made by `new` if the map has none.
    pub fn entry(&mut self, key: &str, new: impl FnOnce() -> V) -> &mut V {
        if (self.entries.len() + 1) * 8 > self.slots.len() * 5 {
            self.resize(self.entries.len() + 1);
        }
        let hash = Self::hash(key);
        let entry = match self.position(hash, |stored| stored == key.as_bytes()) {
            (_, Some(entry)) => entry,
            (at, None) => {
                let key = self.text.push(key);
                self.entries.push(Entry {
                    hash,
                    key,
                    value: new(),
                });
                self.slots[at] = Self::slot(hash, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        &mut self.entries[entry].value
    }

    /// The slot of the entry at `index`, of `hash`.
    fn slot(hash: u64, index: usize) -> u64 {
        let index = u32::try_from(index + 1).expect("under 4 billion keys");
        (hash >> 32) << 32 | u64::from(index)
    }

    /// Files the entries anew in slots enough for `keys` keys (and for all it holds: a
    /// full table would leave a look-up no free slot to stop at).
    fn resize(&mut self, keys: usize) {
        let keys = keys.max(self.entries.len());
        let size = (keys * 8 / 5 + 1).next_power_of_two().max(16);
        // Zeroed, so the memory is the system's fresh pages until a key lands in them.
        self.slots = vec![0; size];
        for (index, entry) in self.entries.iter().enumerate() {
            let mut at = entry.hash as usize & (size - 1);
            while self.slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = Self::slot(entry.hash, index);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys and values, in the order the keys came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        (self.entries.iter()).map(|entry| (self.text.get(entry.key), &entry.value))
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
    fn a_string_map_keeps_every_key_as_it_grows() {
        let mut map = StringMap::default();
        let keys: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        for (i, key) in keys.iter().enumerate() {
            *map.entry(key, || i) += 0;
            map.prefetch(StringMap::<usize>::hash(key));
        }
        assert_eq!(map.len(), keys.len());
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(map.get(key), Some(&i), "{key}");
        }
        assert_eq!(map.get("w5000"), None);
        let order: Vec<&str> = map.iter().map(|(k, _)| k).collect();
        assert_eq!(order, keys.iter().map(String::as_str).collect::<Vec<_>>());
        let sized = StringMap::<()>::with_capacity(100, 1000);
        assert!(sized.is_empty() && sized.get("w1").is_none());
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
