#!/usr/bin/env bash
# micro_compare.sh BASELINE_BUILD CANDIDATE_BUILD [OUT_DIR]: runs every Google Benchmark
# micro-benchmark (bm_*) of both builds with JSON output, then diffs each pair with Debian's
# /usr/share/benchmark/compare.py (package libbenchmark-tools; its statistics need python3-scipy
# and python3-numpy). Those are installed here if missing, not by scripts/install-deps.sh: only
# this comparison needs them, and scipy would slow every fresh setup.
# The JSON files stay in OUT_DIR (default results/local/micro) for later comparisons.
# MICRO_REPETITIONS (default 9) sets each benchmark's repetitions: compare.py's U test needs
# several to tell a change from noise.
set -euo pipefail
base=${1:?baseline build directory}
cand=${2:?candidate build directory}
out=${3:-results/local/micro}
repetitions=${MICRO_REPETITIONS:-9}
[[ "$repetitions" =~ ^[1-9][0-9]{0,2}$ ]] ||
  { echo "micro_compare.sh: MICRO_REPETITIONS must be an integer in 1..999, got '$repetitions'" >&2; exit 2; }
for dir in "$base" "$cand"; do
  compgen -G "$dir/bin/bm_*" >/dev/null ||
    { echo "micro_compare.sh: no bm_* benchmarks under '$dir/bin' (build them: ninja -C $dir bm_wire ...)" >&2; exit 2; }
done

compare=/usr/share/benchmark/compare.py
# Debian's interpreter: compare.py needs scipy, which a pyenv python on PATH may lack.
python=/usr/bin/python3
missing=()
[ -f "$compare" ] || missing+=(libbenchmark-tools)
"$python" -c 'import scipy.stats' 2>/dev/null || missing+=(python3-scipy)
"$python" -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "micro_compare.sh: installing ${missing[*]} (for $compare)" >&2
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  # A machine whose package lists were never fetched knows no package: fetch them once, retry.
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
    { "${sudo_cmd[@]}" apt-get update -qq &&
      "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
fi

mkdir -p "$out"
for bench in "$cand"/bin/bm_*; do
  name=$(basename "$bench")
  [ -x "$base/bin/$name" ] || { echo "micro_compare: $base/bin/$name missing, skipped"; continue; }
  for side in base cand; do
    dir=$base; [ "$side" = cand ] && dir=$cand
    "$dir/bin/$name" --benchmark_repetitions="$repetitions" \
      --benchmark_out="$out/$name.$side.json" --benchmark_out_format=json >/dev/null
  done
  echo "== $name"
  "$python" "$compare" benchmarks "$out/$name.base.json" "$out/$name.cand.json"
done
