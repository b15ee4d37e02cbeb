#!/usr/bin/env bash
# h2_conformance.sh MOCK_LLM DIR: the mock's HTTP/2 (prior knowledge) as nghttp2's own command-line
# client, nghttp, speaks it: a chat completion in DeepSeek's shape, a streamed one ending with
# [DONE], a 429 with both retry hints, a malformed body refused with an OpenAI-style error, an
# unknown route, and 20 requests multiplexed on one connection, all of them counted by the
# server. An implementation other than the project's own client, so the two cannot agree on a
# shared mistake.
set -euo pipefail
mock=$1 dir=$2
command -v nghttp >/dev/null || { echo "nghttp not installed (apt-get install nghttp2-client)"; exit 1; }
rm -rf "$dir" && mkdir -p "$dir"
"$mock" --port 0 --latency-ms 5 >"$dir/mock.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q '^listening on' "$dir/mock.log" && break; sleep 0.1; done
address=$(sed -n 's/^listening on //p' "$dir/mock.log")
[ -n "$address" ] || { cat "$dir/mock.log"; exit 1; }
url="http://$address/v1/chat/completions"
json=(-H 'content-type: application/json')

printf '%s' '{"model":"deepseek-chat","messages":[{"role":"user","content":"def test_x():\n    assert f() == 1\n"}]}' >"$dir/chat.json"
printf '%s' '{"model":"deepseek-chat","stream":true,"messages":[{"role":"user","content":"hi"}]}' >"$dir/stream.json"
printf '%s' '{bad' >"$dir/bad.json"

nghttp -v -d "$dir/chat.json" "${json[@]}" "$url" >"$dir/chat.out"
grep -q ':status: 200' "$dir/chat.out" || { cat "$dir/chat.out"; exit 1; }
nghttp -d "$dir/chat.json" "${json[@]}" "$url" >"$dir/chat.body"
python3 - "$dir/chat.body" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
assert answer["object"] == "chat.completion", answer
content = answer["choices"][0]["message"]["content"]
assert "issues" in json.loads(content), content
PY

nghttp -d "$dir/stream.json" "${json[@]}" "$url" >"$dir/stream.body"
grep -q '^data: {' "$dir/stream.body" && [ "$(grep -c '^data: \[DONE\]' "$dir/stream.body")" -eq 1 ] ||
  { echo "no event stream ending with [DONE]:"; cat "$dir/stream.body"; exit 1; }

nghttp -v -d "$dir/chat.json" "${json[@]}" -H 'x-mock-fault: status=429; retry_after_ms=250' \
  "$url" >"$dir/429.out"
grep -q ':status: 429' "$dir/429.out" && grep -q 'retry-after-ms: 250' "$dir/429.out" &&
  grep -q 'retry-after: 1' "$dir/429.out" && grep -q '"type":"rate_limit_error"' "$dir/429.out" ||
  { cat "$dir/429.out"; exit 1; }

nghttp -v -d "$dir/bad.json" "${json[@]}" "$url" >"$dir/bad.out"
grep -q ':status: 400' "$dir/bad.out" && grep -q '"error":{"message":"Invalid JSON body' "$dir/bad.out" ||
  { cat "$dir/bad.out"; exit 1; }

nghttp -v "http://$address/v1/nowhere" >"$dir/404.out"
grep -q ':status: 404' "$dir/404.out" || { cat "$dir/404.out"; exit 1; }

curl -sf -X POST "http://$address/_mock/reset" >/dev/null
nghttp -n -s -m 20 -d "$dir/chat.json" "${json[@]}" "$url" >"$dir/multiplexed.out"
curl -sf "http://$address/_mock/stats" >"$dir/stats.json"
python3 - "$dir/stats.json" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
assert stats["requests_total"] == 20 and stats["by_status"] == {"200": 20}, stats
assert stats["max_in_flight"] > 1, stats  # multiplexed: several in service at once
assert stats["in_flight"] == 0, stats
PY
echo "HTTP/2 conformance with nghttp: ok"
