#!/usr/bin/env bash
# same_json.sh QA PATH...: `qa analyze --json --no-timings` with LLM_MAX_CONCURRENT_CALLS=1 and
# with 10 must print byte-identical documents (the embedded mock answers deterministically).
set -u
qa=$1
shift
unset LLM_BASE_URL
sequential=$(LLM_MAX_CONCURRENT_CALLS=1 "$qa" analyze --json --no-timings --quiet "$@" 2>/dev/null)
parallel=$(LLM_MAX_CONCURRENT_CALLS=10 "$qa" analyze --json --no-timings --quiet "$@" 2>/dev/null)
if [ -z "$sequential" ]; then
  echo "no output"
  exit 1
fi
if [ "$sequential" != "$parallel" ]; then
  diff <(printf '%s\n' "$sequential") <(printf '%s\n' "$parallel")
  exit 1
fi
