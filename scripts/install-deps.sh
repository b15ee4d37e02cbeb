#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages. Idempotent: packages already
# present are not touched, and apt is not consulted at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev                      # Asio + Beast (header-only parts of Boost 1.74)
  libssl-dev                        # TLS for real endpoints
  nlohmann-json3-dev                # JSON
  libcpp-httplib-dev                # blocking control-plane HTTP (mock admin API)
  libcli11-dev                      # command-line parsing
  libgtest-dev libgmock-dev         # tests
  libbenchmark-dev                  # micro-benchmarks
  libsimdjson-dev                   # fast, validating JSON parsing on the hot paths
  libnghttp2-dev                    # HTTP/2 framing, HPACK and flow control (client and mock)
  libmimalloc-dev                   # the programs' allocator (see QA_MIMALLOC in CMakeLists.txt)
  nodejs                            # the OpenAI Node SDK conformance tests (tests/conformance)
  clang libclang-rt-14-dev          # libFuzzer targets (fuzz/), run briefly by make test
  python3 curl                      # test scripts: JSON checks, the mock's control endpoints
  wrk                               # bench/client_cpu.sh: a C load generator beside the client
  nghttp2-client                    # nghttp (HTTP/2 conformance test), h2load (client_cpu.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Debian ships npm as its own package; a Node.js from elsewhere (NodeSource) bundles it.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
