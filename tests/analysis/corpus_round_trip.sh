#!/usr/bin/env bash
# corpus_round_trip.sh QA DIR: `qa generate-corpus --scenario seed-38x91` into DIR, then
# `qa analyze --strategy rule-only` over it must count 38 files and 91 uncertain functions, and
# find every file valid Python (no parse problems).
set -u
qa=$1 dir=$2
rm -rf "$dir"
"$qa" generate-corpus --scenario seed-38x91 --out "$dir" || exit 1
json=$("$qa" analyze --strategy rule-only --json --no-timings "$dir")
status=$?
if [ "$status" -ne 1 ]; then
  echo "expected exit 1 (issues found), got $status"
  exit 1
fi
for want in '"files_analysed": 38,' '"uncertain_functions": 91,' '"parse_problems": [],'; do
  if ! grep -qF -- "$want" <<<"$json"; then
    printf 'output lacks: %s\n%s\n' "$want" "$(head -8 <<<"$json")"
    exit 1
  fi
done
rm -rf "$dir"
