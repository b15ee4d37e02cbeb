# The README's two commands: `make run` and `make test`. Both install what they need first.
.PHONY: all deps build run test test-release test-sanitize build-asan test-asan build-tsan \
        test-tsan fuzz format clean

BUILD_DIR      ?= build
SANITIZE_DIR   ?= build-asan
TSAN_DIR       ?= build-tsan
FUZZ_DIR       ?= build-fuzz
FUZZ_SECONDS   ?= 20
JOBS           ?= $(shell nproc)
CMAKE_GENERATOR ?= Ninja
RUN_TIME_SCALE ?= 0.25

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job: both seed scenarios, sequential (limit 1) against limit 10, against the embedded mock.
run: build
	$(BUILD_DIR)/bin/qa-bench seed-compare --time-scale $(RUN_TIME_SCALE)

# The README's test command, which CI runs: every suite on the Release build, the fuzzers, then
# every suite again under ASan+UBSan and the suites where threads meet under TSan. One after
# the other (each build already uses every core), cheapest first, so a plain failure shows soon.
test: test-release
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory test-sanitize

# The Release suites alone: the quick loop while editing.
test-release: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# libFuzzer targets (fuzz/), built with clang as their own project, each run for FUZZ_SECONDS
# over a copy of its committed seed corpus. make test runs them; a crash fails the build.
$(FUZZ_DIR)/build.ninja: | deps
	CXX=clang++ cmake -S fuzz -B $(FUZZ_DIR) -G $(CMAKE_GENERATOR) -DCMAKE_BUILD_TYPE=Release \
	  -DQA_FUZZ_SECONDS=$(FUZZ_SECONDS)

fuzz: deps $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	@status=0; ctest --test-dir $(FUZZ_DIR) --output-on-failure -j $(JOBS) || status=$$?; \
	  fuzz/summary.sh $(FUZZ_DIR); exit $$status

# The sanitizers: ASan+UBSan over the whole suite, then TSan over the suites where threads meet.
# Each build keeps its own directory, so reruns are incremental.
test-sanitize: test-asan test-tsan

# Sanitizer builds at -Og -g1: line tables are all a report's stack needs (full debug info of
# Asio's coroutine templates doubled the build), and -Og compiles the instrumented code in about
# two thirds of -O1's time while keeping most of its passes (the sanitizers' documentation asks
# for some optimisation, to keep run time reasonable). Reconfigured when this Makefile changes,
# so an older build directory picks the flags up.
SANITIZER_FLAGS = -DCMAKE_BUILD_TYPE=RelWithDebInfo '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-Og -g1 -DNDEBUG'

$(SANITIZE_DIR)/build.ninja: Makefile | deps
	cmake -S . -B $(SANITIZE_DIR) -G $(CMAKE_GENERATOR) $(SANITIZER_FLAGS) \
	  -DQA_SANITIZE=ON -DQA_BUILD_BENCH=ON

build-asan: deps $(SANITIZE_DIR)/build.ninja
	cmake --build $(SANITIZE_DIR) -j $(JOBS)

test-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS)

# ThreadSanitizer over the suites where threads meet (the mock's thread and the client's).
$(TSAN_DIR)/build.ninja: Makefile | deps
	cmake -S . -B $(TSAN_DIR) -G $(CMAKE_GENERATOR) $(SANITIZER_FLAGS) -DQA_TSAN=ON

build-tsan: deps $(TSAN_DIR)/build.ninja
	cmake --build $(TSAN_DIR) -j $(JOBS) --target test_core test_integration test_mock_llm \
	  test_analysis test_analysis_live

test-tsan: build-tsan
	TSAN_OPTIONS=halt_on_error=1 ctest --test-dir $(TSAN_DIR) --output-on-failure -j $(JOBS) \
	  -E '^cli\.'

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(TSAN_DIR) $(FUZZ_DIR)
