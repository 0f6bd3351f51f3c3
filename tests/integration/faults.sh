#!/usr/bin/env bash
# Fault injection: veil redact is killed (SIGKILL) at 20+ random points of a batch, and
# made to run out of space (a file-size limit, and a tiny tmpfs where one can be mounted).
# After each, every output file that exists must be complete (equal to an undisturbed
# run's) and must have all of its audit records in the log. Run by .ci/run.
source "$(dirname "$0")/setup.sh"
build_veil
cd "$root"

# A batch of 300 files cut from the samples.
mkdir -p "$work/in"
i=0
for f in samples/*/*.txt; do
  for k in 1 2 3 4 5 6 7 8; do
    i=$((i + 1))
    cp "$f" "$work/in/$(printf '%04d' $i)-$(basename "$f")"
  done
done
"$veil" redact "$work/in" -o "$work/ref" --audit "$work/ref.jsonl" 2>/dev/null
# The fastest of three runs: other work on the machine only slows a run, and a span taken
# from one slowed run put most kills after the batch had ended.
span_ms=
for t in 1 2 3; do
  start=$(date +%s%N); "$veil" redact "$work/in" -o "$work/timing$t" --audit "$work/timing$t.jsonl" 2>/dev/null; end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  if [ -z "$span_ms" ] || [ "$ms" -lt "$span_ms" ]; then span_ms=$ms; fi
done
echo "batch: $i files, an undisturbed run takes ${span_ms} ms (fastest of 3)"

verify() { # verify OUT AUDIT: the invariant
  python3 - "$work/ref" "$work/ref.jsonl" "$1" "$2" <<'PY'
import json, os, sys
ref, ref_log, out, log = sys.argv[1:5]
def records(path):
    by_file = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        # A kill can cut the last line short; every complete line must parse.
        for line in lines[:-1]:
            r = json.loads(line)
            by_file.setdefault(r["file"], []).append(r)
    return by_file
want, got = records(ref_log), records(log)
checked = 0
for dirpath, _, files in os.walk(out):
    for name in files:
        if name.startswith(".veil-"):
            continue  # a staging file, never renamed into place
        rel = os.path.relpath(os.path.join(dirpath, name), out)
        with open(os.path.join(out, rel), "rb") as a, open(os.path.join(ref, rel), "rb") as b:
            if a.read() != b.read():
                sys.exit(f"FAIL: {rel} is not complete")
        key = next((k for k in want if k.endswith("/" + rel)), None)
        mine = [r for k, rs in got.items() if k.endswith("/" + rel) for r in rs]
        theirs = [{**r, "file": None} for r in want.get(key, [])]
        if [{**r, "file": None} for r in mine] != theirs:
            sys.exit(f"FAIL: {rel} exists without all of its audit records")
        checked += 1
print(checked)
PY
}

kills=0
n=0
# Kill at random points until 20 runs were really killed mid-batch (a run that finished
# first does not count), within 80 tries.
while [ "$kills" -lt 20 ] && [ "$n" -lt 80 ]; do
  n=$((n + 1))
  out="$work/k$n"
  delay=$(( (RANDOM * 32768 + RANDOM) % (span_ms * 9 / 10 + 1) ))
  "$veil" redact "$work/in" -o "$out" --audit "$out.jsonl" 2>/dev/null &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo gone)
  if [ "$state" != "Z" ] && [ "$state" != "gone" ] && kill -9 "$pid" 2>/dev/null; then
    kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
    complete=$(verify "$out" "$out.jsonl")
    echo "kill $kills at ${delay} ms: $complete complete outputs, all with their records"
  else
    wait "$pid" 2>/dev/null || true
    verify "$out" "$out.jsonl" >/dev/null
  fi
done
[ "$kills" -ge 20 ] || { echo "FAIL: only $kills runs could be killed mid-batch" >&2; exit 1; }
echo "ok: killed $kills runs at random points; the invariant held every time"

# Out of space: a file-size limit of 64 KiB (the audit log outgrows it mid-batch).
out="$work/full"
( ulimit -f 128; "$veil" redact "$work/in" -o "$out" --audit "$out.jsonl" 2>/dev/null ) || true
echo "file-size limit: $(verify "$out" "$out.jsonl") complete outputs, all with their records"
out="$work/full2"
( trap '' XFSZ; ulimit -f 128; "$veil" redact "$work/in" -o "$out" --audit "$out.jsonl" 2>"$work/full2.err" ) && { echo "FAIL: a full disk was not reported" >&2; exit 1; } || true
grep -q "audit log" "$work/full2.err" || { cat "$work/full2.err"; echo "FAIL: no clear error" >&2; exit 1; }
echo "file-size limit (signal ignored): exit non-zero with \"$(head -1 "$work/full2.err" | cut -c1-100)\"; $(verify "$out" "$out.jsonl") complete outputs"

# A tiny filesystem, where this machine lets us mount one.
if mkdir -p "$work/tiny" && mount -t tmpfs -o size=256k tmpfs "$work/tiny" 2>/dev/null; then
  out="$work/tiny/out"
  "$veil" redact "$work/in" -o "$out" --audit "$work/tiny/out.jsonl" 2>"$work/tiny.err" && { echo "FAIL: a full disk was not reported" >&2; umount "$work/tiny"; exit 1; } || true
  result=$(verify "$out" "$work/tiny/out.jsonl")
  echo "256 KiB tmpfs: exit non-zero, $result complete outputs, all with their records"
  umount "$work/tiny"
else
  echo "256 KiB tmpfs: cannot mount here; the file-size limit above stands in for it"
fi
echo "ok: faults leave every output absent or complete, with its audit records"
