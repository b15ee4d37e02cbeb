# Sourced by the bench scripts that measure a client against mock-llm in another process: the
# server gets the last CPU and the clients the others, so neither preempts the other.
last_cpu=$(( $(nproc) - 1 ))
others="0-$(( last_cpu > 0 ? last_cpu - 1 : 0 ))"

# start_mock BUILD LOG [FLAG...]: mock-llm on the last CPU on a port of its choosing, its output
# in LOG; sets `mock` (its pid) and `address` (HOST:PORT) once it listens. If it does not start,
# it is stopped and the script exits 1 with its output.
start_mock() {
  local build=$1 log=$2
  shift 2
  taskset -c "$last_cpu" "$build/bin/mock-llm" --port 0 "$@" >"$log" 2>&1 &
  mock=$!
  for _ in $(seq 50); do grep -q '^listening on' "$log" && break; sleep 0.1; done
  address=$(sed -n 's/^listening on //p' "$log")
  if [ -z "$address" ]; then
    kill "$mock" 2>/dev/null || true
    echo "mock-llm did not start: $(cat "$log")" >&2
    exit 1
  fi
}
