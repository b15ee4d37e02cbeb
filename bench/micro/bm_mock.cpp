// Micro-benchmarks of the mock's per-request CPU work that does not touch a socket: hashing the
// body (the input of every seeded decision) and deciding a chat completion (validating and
// reading the body, hashing its messages, writing the answer). At high concurrency the mock's
// CPU is on the critical path of every makespan the harness measures, so it is tracked like the
// client's. Compare runs with /usr/share/benchmark/compare.py.
#include <string>

#include <benchmark/benchmark.h>

#include "mock_llm/chat_request.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/profile.hpp"

namespace {

// A request as the client sends it: the shared system prompt and one test function, about 1 KB.
std::string typical_body() {
    std::string function;
    for (int line = 0; line < 12; ++line) {
        function += "    response = client.get(\\\"/items/" + std::to_string(line) +
                    "\\\")\\n    assert response.status_code == 200\\n";
    }
    return R"({"model":"deepseek-chat","messages":[{"role":"system","content":"You review )"
           R"(Python test functions for quality problems. Answer with a JSON object {\"issues\": )"
           R"([{\"category\", \"severity\", \"line\", \"message\", \"suggestion\"}]}."},)"
           R"({"role":"user","content":"File: tests/test_items.py\nFunction:\ndef test_items()"
           R"(:\n)" +
           function + R"("}],"response_format":{"type":"json_object"},"stream":false})";
}

void BM_MockHashBody(benchmark::State& state) {
    const std::string body = typical_body();
    for (auto _ : state) {
        benchmark::DoNotOptimize(mock_llm::hash_bytes(body));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_MockHashBody);

// As the server decides each completion: one parser, reused.
void BM_MockDecideChat(benchmark::State& state) {
    const std::string body = typical_body();
    const mock_llm::Profile profile;
    mock_llm::ChatRequestParser parser;
    std::uint64_t occurrence = 0;
    for (auto _ : state) {
        const mock_llm::ChatCall call{
            body, mock_llm::hash_bytes(body), occurrence++, 1764380000, {}};
        auto decision = mock_llm::decide_chat(profile, call, parser);
        if (decision.status != 200) {
            state.SkipWithError("the typical body was refused");
            break;
        }
        benchmark::DoNotOptimize(decision);
    }
    state.counters["requests_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MockDecideChat);

}  // namespace

BENCHMARK_MAIN();
