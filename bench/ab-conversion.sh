#!/usr/bin/env bash
# Runs the conversion benchmark's floor and conversion at one state size, N times, and prints each run's
# records/s and their ratio: for before/after comparisons on a noisy machine (the floor normalises the load).
# Usage: bench/ab-conversion.sh LABEL [RUNS] [TRACKED] [extra JMH args...]
set -euo pipefail
cd "$(dirname "$0")/.."
label=$1; runs=${2:-2}; tracked=${3:-1000}; shift $(( $# < 3 ? $# : 3 ))
mkdir -p target/bench
mvn -B -q -Pbench-conversion test-compile
for i in $(seq 1 "$runs"); do
  out=target/bench/ab-$label-$i.json
  mvn -B -q -Pbench-conversion -Djmh.args="ConversionBenchmark -p trackedJobs=$tracked -rf json -rff $out $*" >/dev/null
  python3 - "$out" "$label" "$i" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import json, sys
rows = {r["benchmark"].split(".")[-1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
f, c = rows["readTree"], rows["toRecords"]
print(f"{sys.argv[2]} run {sys.argv[3]}: readTree {f['score']:.0f} ±{f['scoreError']:.0f}  toRecords {c['score']:.0f} ±{c['scoreError']:.0f}"
      f"  ratio {c['score']/f['score']:.3f}  (load {sys.argv[4]})")
PY
done
