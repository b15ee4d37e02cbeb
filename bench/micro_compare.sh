#!/usr/bin/env bash
# micro_compare.sh BASELINE_BUILD CANDIDATE_BUILD [OUT_DIR]: runs every Google Benchmark
# micro-benchmark (bm_*) of both builds with JSON output, then diffs each pair with Debian's
# /usr/share/benchmark/compare.py (package libbenchmark-tools; it needs python3-scipy).
# The JSON files stay in OUT_DIR (default results/local/micro) for later comparisons.
set -euo pipefail
base=${1:?baseline build directory}
cand=${2:?candidate build directory}
out=${3:-results/local/micro}
compare=/usr/share/benchmark/compare.py
[ -f "$compare" ] || { echo "micro_compare: $compare missing (apt-get install libbenchmark-tools python3-scipy)" >&2; exit 2; }
mkdir -p "$out"
for bench in "$cand"/bin/bm_*; do
  name=$(basename "$bench")
  [ -x "$base/bin/$name" ] || { echo "micro_compare: $base/bin/$name missing, skipped"; continue; }
  for side in base cand; do
    dir=$base; [ "$side" = cand ] && dir=$cand
    "$dir/bin/$name" --benchmark_repetitions=5 --benchmark_out="$out/$name.$side.json" \
      --benchmark_out_format=json >/dev/null
  done
  echo "== $name"
  # Debian's interpreter: compare.py needs scipy, which a pyenv python on PATH may lack.
  /usr/bin/python3 "$compare" benchmarks "$out/$name.base.json" "$out/$name.cand.json"
done
