#!/usr/bin/env bash
# injection_refused.sh QA_BENCH QA: an API key or base URL carrying CR/LF would put a header of
# the environment's choosing on the wire. Both binaries refuse either with exit status 2 before
# anything starts; the key's error names the variable but never shows the key, and the URL's
# error shows the value with its control characters escaped. A password typed into a URL is
# refused too, and masked in the message.
set -u
qa_bench=$1 qa=$2
failed=0
# Only the variables each case sets: none inherited from the caller.
while IFS='=' read -r name _; do
  case $name in LLM_* | DEEPSEEK_*) unset "$name" ;; esac
done < <(env)

check() {  # check NAME WANT_TEXT FORBIDDEN_TEXT COMMAND... (environment already set)
  local name=$1 want=$2 forbidden=$3
  shift 3
  local output status
  # Bounded: were the refusal ever to regress, the command would start measuring instead.
  output=$(timeout 20 "$@" 2>&1)
  status=$?
  if [ "$status" -ne 2 ]; then
    printf '%s: expected exit 2, got %s\n%s\n' "$name" "$status" "$output"
    failed=1
  elif ! grep -qF -- "$want" <<<"$output"; then
    printf '%s: output lacks: %s\n%s\n' "$name" "$want" "$output"
    failed=1
  elif [ -n "$forbidden" ] && grep -qF -- "$forbidden" <<<"$output"; then
    printf '%s: output shows: %s\n' "$name" "$forbidden"
    failed=1
  fi
}

key=$'sk-secret-abc\r\nX-Injected: yes'
url=$'http://127.0.0.1:9/v1\r\nX-Injected: yes'
for variable in LLM_API_KEY DEEPSEEK_API_KEY; do
  check "qa-bench $variable" "$variable (value not shown) is invalid" sk-secret \
    env "$variable=$key" "$qa_bench" run --time-scale 0.001
  check "qa $variable" "$variable (value not shown) is invalid" sk-secret \
    env "$variable=$key" "$qa" analyze .
done
check "qa-bench empty key" "LLM_API_KEY (value not shown) is invalid" "" \
  env LLM_API_KEY= "$qa_bench" run --time-scale 0.001
check "qa-bench password in --llm-url" '--llm-url="http://***@127.0.0.1:9/v1" is invalid' s3cret \
  "$qa_bench" run --time-scale 0.001 --llm-url 'http://user:s3cret@127.0.0.1:9/v1'
check "qa password in LLM_BASE_URL" 'LLM_BASE_URL="http://***@127.0.0.1:9/v1" is invalid' s3cret \
  env LLM_BASE_URL='http://user:s3cret@127.0.0.1:9/v1' "$qa" analyze .
escaped='LLM_BASE_URL="http://127.0.0.1:9/v1\r\nX-Injected: yes" is invalid'
check "qa-bench LLM_BASE_URL" "$escaped" "" env "LLM_BASE_URL=$url" "$qa_bench" run --time-scale 0.001
check "qa LLM_BASE_URL" "$escaped" "" env "LLM_BASE_URL=$url" "$qa" analyze .
exit $failed
