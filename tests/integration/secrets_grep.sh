#!/usr/bin/env bash
# secrets_grep.sh QA_BENCH QA MOCK_LLM DATA_DIR OUT_DIR: runs the CLIs with a distinctive API key
# through faults that make them log errors, retry and fail calls (embedded mock, a mock-llm
# process, no server at all), then greps every output (stdout, stderr, every report file, the
# mock's own output and stats) for the key. Any hit fails the test. Every qa-bench command that
# calls a server or writes a report runs: run, soak, seed-compare, experiment, client-cpu and
# merge (compare only reads two summaries), each on a few calls at a tiny time scale.
set -uo pipefail
bench=$1 qa=$2 mock=$3 data=$4 out=$5
rm -rf "$out" && mkdir -p "$out"
key="sk-grep-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export LLM_API_KEY=$key
fail() { echo "secrets_grep: $*" >&2; exit 1; }

# The harness against the embedded mock, with 429s and 500s: retries, then failed calls.
"$bench" run --scenario seed-5x7 --concurrency 1,4 --time-scale 0.002 --rate-429 0.3 \
  --rate-500 0.3 --out "$out/run" >"$out/run.stdout" 2>"$out/run.stderr"
LLM_MAX_RETRIES=0 "$bench" run --scenario seed-5x7 --concurrency 4 --time-scale 0.002 \
  --rate-500 0.6 --json --out "$out/run-failing" >"$out/run-failing.stdout" \
  2>"$out/run-failing.stderr"
grep -q '"outcome":"failed"' "$out/run-failing/calls.jsonl" ||
  fail "expected failed calls in run-failing/calls.jsonl"
# The other commands on the embedded mock; merge combines two shards of a run.
"$bench" soak --calls 600 --every 200 --concurrency 10 --rate-500 0.3 --out "$out/soak" \
  >"$out/soak.stdout" 2>"$out/soak.stderr"
"$bench" seed-compare --time-scale 0.001 --rate-500 0.3 --out "$out/seed-compare" \
  >"$out/seed-compare.stdout" 2>"$out/seed-compare.stderr"
"$bench" experiment shared-limit --time-scale 0.002 --rate-500 0.3 --out "$out/experiment" \
  >"$out/experiment.stdout" 2>"$out/experiment.stderr"
for shard in 0 1; do
  "$bench" run --scenario seed-5x7 --concurrency 4 --time-scale 0.002 --rate-500 0.3 \
    --shard "$shard/2" --out "$out/shard-$shard" >"$out/shard-$shard.stdout" \
    2>"$out/shard-$shard.stderr"
done
"$bench" merge "$out"/shard-{0,1}/summary.json --out "$out/merge" >"$out/merge.stdout" \
  2>"$out/merge.stderr"
for report in soak/soak.json seed-compare/seed-38x91/summary.json experiment/conclusion.md \
  merge/summary.json; do
  [ -s "$out/$report" ] || fail "expected $out/$report"
done

# A mock-llm process: its own output and what it reports.
"$mock" --port 0 --rate-500 0.3 >"$out/mock.stdout" 2>"$out/mock.stderr" &
mock_pid=$!
trap 'kill $mock_pid 2>/dev/null' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$out/mock.stdout" && break
  sleep 0.05
done
address=$(sed -n 's/^listening on //p' "$out/mock.stdout")
[ -n "$address" ] || fail "mock-llm did not start"
"$bench" run --llm-url "http://$address" --scenario seed-5x7 --concurrency 4 --time-scale 0.002 \
  --out "$out/run-external" >"$out/run-external.stdout" 2>"$out/run-external.stderr"
LLM_BASE_URL="http://$address" "$qa" analyze --json "$data" >"$out/qa-external.stdout" \
  2>"$out/qa-external.stderr"
# Commands that run against a server in another process (client-cpu only does). client-cpu runs
# at time scale 1: with no backoff its retries of the mock's 500s do not wait for seconds.
"$bench" soak --llm-url "http://$address" --rate-429 0 --rate-500 0 --calls 240 --every 120 \
  --concurrency 4 --out "$out/soak-external" >"$out/soak-external.stdout" \
  2>"$out/soak-external.stderr"
LLM_BACKOFF_BASE_MS=0 "$bench" client-cpu --llm-url "http://$address" --rounds 2 \
  --concurrency 10 --scenario seed-5x12 >"$out/client-cpu.stdout" 2>"$out/client-cpu.stderr"
grep -q 'client-cpu: 2 rounds of 12 calls (seed-5x12)' "$out/client-cpu.stdout" ||
  fail "client-cpu did not run its rounds of seed-5x12"
[ -s "$out/soak-external/soak.json" ] || fail "expected $out/soak-external/soak.json"
for path in stats journal metrics; do
  curl -s "http://$address/_mock/$path" >"$out/mock-$path.txt" 2>/dev/null || true
done
kill $mock_pid 2>/dev/null
wait $mock_pid 2>/dev/null

# The analysis: embedded mock, then no server at all (every call fails, errors are printed).
"$qa" analyze "$data" >"$out/qa.stdout" 2>"$out/qa.stderr"
"$qa" analyze --json "$data" >"$out/qa-json.stdout" 2>"$out/qa-json.stderr"
LLM_BASE_URL=http://127.0.0.1:1 LLM_MAX_RETRIES=0 "$qa" analyze --json "$data" \
  >"$out/qa-no-server.stdout" 2>"$out/qa-no-server.stderr"
grep -q '127.0.0.1:1' "$out/qa-no-server.stdout" "$out/qa-no-server.stderr" ||
  fail "expected the failed calls' reasons in the no-server output"

files=$(find "$out" -type f | wc -l)
[ "$files" -ge 25 ] || fail "only $files output files: a run did not write its outputs"
if grep -rlF -- "$key" "$out"; then
  fail "the API key appears in the files above"
fi
# The key is spelled out nowhere, not even in part (a prefix long enough to be a leak).
if grep -rlF -- "${key:0:16}" "$out"; then
  fail "a prefix of the API key appears in the files above"
fi
echo "the API key appears in none of $files output files"
