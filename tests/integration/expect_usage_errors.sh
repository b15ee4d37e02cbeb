#!/usr/bin/env bash
# expect_usage_errors.sh PROGRAM TABLE: runs PROGRAM once per line of TABLE; passes when every
# run exits with status 2 and writes the line's TEXT to stderr. A line is shell words:
#   TEXT [NAME=VALUE...] [ARG...]
# NAME=VALUE words set environment variables for that run only; '' is an empty argument. Blank
# lines and lines starting with # are skipped. The caller's LLM_* and DEEPSEEK_* variables are
# unset first, so only the table's settings count. An ARG @OUT@ becomes a fresh path that must
# still not exist afterwards: a refused value leaves no output folder behind.
set -u
program=$1 table=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(LLM_|DEEPSEEK_)')
cases=0 failed=0
while IFS= read -r line || [ -n "$line" ]; do
  [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
  eval "words=($line)"
  text=${words[0]} assignments=() args=("${words[@]:1}")
  while [[ ${#args[@]} -gt 0 && ${args[0]} =~ ^[A-Z_][A-Z0-9_]*= ]]; do
    assignments+=("${args[0]}") args=("${args[@]:1}")
  done
  cases=$((cases + 1))
  out="$scratch/out-$cases"
  for i in "${!args[@]}"; do [[ ${args[$i]} == @OUT@ ]] && args[$i]=$out; done
  # A bad value must stop the program before it starts anything; the bound keeps a case that
  # starts serving instead from hanging the suite.
  stderr=$(env "${assignments[@]}" timeout 10 "$program" "${args[@]}" 2>&1 >/dev/null </dev/null)
  status=$?
  if [[ $status -ne 2 ]] || ! grep -qF -- "$text" <<<"$stderr"; then
    failed=$((failed + 1))
    printf 'FAIL: %s\n  expected exit 2 and: %s\n  got exit %s and: %s\n' "$line" "$text" \
      "$status" "$stderr"
  elif [[ -e $out ]]; then
    failed=$((failed + 1))
    printf 'FAIL: %s\n  refused, but left %s behind\n' "$line" "$out"
  fi
done <"$table"
echo "$((cases - failed)) of $cases bad values refused with exit status 2"
[[ $failed -eq 0 && $cases -gt 0 ]]
