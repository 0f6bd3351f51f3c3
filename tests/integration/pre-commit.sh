#!/usr/bin/env bash
# veil's pre-commit hook, used for real: installs the `pre-commit` tool from PyPI into a
# throwaway virtualenv, sets up a throwaway git repository whose .pre-commit-config.yaml
# uses the veil-check hook of this checkout (at its HEAD commit), and shows that a commit of
# a file naming a private person is blocked and a clean file passes. Run by .ci/run.
source "$(dirname "$0")/setup.sh"
export PRE_COMMIT_HOME="$work/cache"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==4.3.0"
rev=$(git -C "$root" rev-parse HEAD)

git init --quiet "$work/repo"
cd "$work/repo"
git config user.email ci@example.invalid
git config user.name "veil CI"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: veil-check
YAML
git add .pre-commit-config.yaml
git commit --quiet -m "pre-commit config"
"$work/venv/bin/pre-commit" install >/dev/null

echo "Nothing identifying here: the team met on a Monday to plan the rota." > clean.md
git add clean.md
if ! git commit --quiet -m "a clean file" > "$work/clean.log" 2>&1; then
  cat "$work/clean.log"
  echo "FAIL: a clean file was blocked" >&2
  exit 1
fi
echo "ok: a clean file is committed"

echo "Our client Siobhan Okafor moved to Sheffield in March 2019." > leak.md
git add leak.md
if git commit --quiet -m "a file naming a person" > "$work/leak.log" 2>&1; then
  cat "$work/leak.log"
  echo "FAIL: a file naming a private person was committed" >&2
  exit 1
fi
grep -q 'leak.md:1:12: PERSON' "$work/leak.log" || { cat "$work/leak.log"; echo "FAIL: no finding reported" >&2; exit 1; }
if grep -q 'Siobhan\|Okafor\|Sheffield' "$work/leak.log"; then
  echo "FAIL: the hook's output shows the names" >&2
  exit 1
fi
echo "ok: a file naming a private person is blocked, and the output is masked"
