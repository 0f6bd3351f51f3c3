#!/usr/bin/env bash
# A 100 MB file on a single line (the samples joined, dense with names): veil check and
# veil redact must finish, with every finding in the audit log, in bounded memory (peak
# resident size under 1 GB, whatever the file's size: detection works a few MB at a time).
# Run by .ci/run with the release binary.
source "$(dirname "$0")/setup.sh"
build_veil
cd "$root"

python3 - "$work/line.txt" <<'PY'
import glob, sys
text = " ".join(open(f, encoding="utf-8").read().replace("\n", " ").replace("\r", " ")
                for f in sorted(glob.glob("samples/*/*.txt")))
size = 100_000_000
with open(sys.argv[1], "w", encoding="utf-8") as out:
    written = 0
    while written < size:
        out.write(text)
        written += len(text.encode("utf-8"))
PY

# Runs veil with a 3 GB address-space cap; prints its wall time and peak resident size.
python3 - "$veil" "$work" <<'PY'
import json, resource, subprocess, sys, time
veil, work = sys.argv[1], sys.argv[2]
line = f"{work}/line.txt"

def run(args, expect):
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    start = time.time()
    done = subprocess.run([veil, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          preexec_fn=cap)
    elapsed = time.time() - start
    # RUSAGE_CHILDREN holds the largest peak of any child so far: run check first.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    stderr = done.stderr.decode()
    assert done.returncode == expect, f"{args[0]}: exit {done.returncode}: {stderr}"
    assert peak_mb < 1024, f"{args[0]}: peak {peak_mb:.0f} MB"
    print(f"{args[0]} of a 100 MB single-line file: {elapsed:.1f} s, peak {peak_mb:.0f} MB")
    return stderr

run(["check", line], 1)
stderr = run(["redact", line, "-o", f"{work}/out"], 0)
changes = int(stderr.split(" changes")[0].rsplit(": ", 1)[1])
with open(f"{work}/out.audit.jsonl", encoding="utf-8") as log:
    records = sum(1 for _ in log)
assert records == changes, f"{records} audit records for {changes} changes"
with open(f"{work}/out/line.txt", "rb") as out:
    assert b"\n" not in out.read(), "the output is one line too"
print(f"redact: {changes} changes, all in the audit log")
PY
