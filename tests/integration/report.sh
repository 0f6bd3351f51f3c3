#!/usr/bin/env bash
# The review report in a real browser: installs Debian's chromium (if missing) and the
# npm package playwright-core, redacts the shared samples with --report, and checks the
# page through the DOM (tests/integration/report.mjs). Leaves a screenshot in
# target/review-report.png. Run by .ci/run.
source "$(dirname "$0")/setup.sh"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund playwright-core@1.49.1 >/dev/null)
cp "$root/tests/integration/report.mjs" "$work/"

build_veil
cd "$root"
"$veil" redact samples/corpus --out "$work/out" --audit "$work/audit.jsonl" --report "$work/review.html" 2>/dev/null
mkdir -p target
node "$work/report.mjs" "$work/review.html" "$work/audit.jsonl" "$root/target/review-report.png"
