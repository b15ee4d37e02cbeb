#!/usr/bin/env bash
# expect_exit.sh STATUS TEXT COMMAND...: runs COMMAND; passes when it exits with STATUS and its
# output (stdout and stderr) contains TEXT.
set -u
want_status=$1 want_text=$2
shift 2
output=$("$@" 2>&1)
status=$?
if [ "$status" -ne "$want_status" ]; then
  printf 'expected exit %s, got %s\n%s\n' "$want_status" "$status" "$output"
  exit 1
fi
if ! grep -qF -- "$want_text" <<<"$output"; then
  printf 'output lacks: %s\n%s\n' "$want_text" "$output"
  exit 1
fi
