#!/usr/bin/env bash
# gate.sh record|check BUILD_DIR [OUT_DIR]: the CI regression gate over both seed scenarios.
#   record  writes the committed baseline, results/baseline/<scenario>/ (run on a quiet machine)
#   check   runs the same measurement into OUT_DIR and compares it with the baseline:
#           exit 0 when every check passes, 3 on a regression, 2 on a usage or setup error.
# One place holds the settings, so the baseline and the check always measure the same thing.
set -euo pipefail
mode=${1:?record or check}
build=${2:?build directory}
root=$(cd "$(dirname "$0")/.." && pwd)
scenarios=(seed-38x91 seed-50x120)
# Large enough a scale that the lower bound at limit 50 is 50 ms or more (noise stays small
# against it); small enough that both scenarios take about 20 s.
settings=(--concurrency 1,10,50 --time-scale 0.05 --repetitions 3 --quiet)
# A ratio may exceed the baseline's by this share: ratios move less between machines than
# times, but a shared CI runner is noisy.
tolerance=0.15

case "$mode" in
  record)
    for scenario in "${scenarios[@]}"; do
      "$build/bin/qa-bench" run --scenario "$scenario" "${settings[@]}" \
        --out "$root/results/baseline/$scenario"
    done
    ;;
  check)
    out=${3:?output directory}
    status=0
    for scenario in "${scenarios[@]}"; do
      "$build/bin/qa-bench" run --scenario "$scenario" "${settings[@]}" --out "$out/$scenario" \
        >/dev/null
      "$build/bin/qa-bench" compare "$root/results/baseline/$scenario/summary.json" \
        "$out/$scenario/summary.json" --tolerance "$tolerance" --threshold 'failed==0' ||
        status=$?
      [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
    done
    exit "$status"
    ;;
  *)
    echo "gate.sh: unknown mode '$mode' (record or check)" >&2
    exit 2
    ;;
esac
