// Micro-benchmarks of the client's per-call CPU work that does not touch a socket: building the
// request body and parsing the answer. Compare runs with /usr/share/benchmark/compare.py.
#include <benchmark/benchmark.h>

#include "qa/llm/wire.hpp"

namespace {

qa::ChatRequest typical_request() {
    qa::ChatRequest request;
    request.messages = {
        {"system",
         "You review Python test functions for quality problems. Answer with a JSON object "
         "{\"issues\": [{\"category\", \"severity\", \"line\", \"message\", \"suggestion\"}]}."},
        {"user",
         "File: tests/test_module_01.py\nFunction:\ndef test_behaviour_1(client, tmp_path):\n"
         "    result = client.get(\"/items/1\")\n    if result.status_code == 200:\n"
         "        assert result.json()[\"id\"] == 1\n"},
    };
    return request;
}

constexpr const char* kAnswer =
    R"({"id":"9f0c2d4e-7b1a-4c3e-9d2f-1a2b3c4d5e6f","object":"chat.completion","created":1764380000,)"
    R"("model":"deepseek-chat","system_fingerprint":"fp_mock","choices":[{"index":0,"message":)"
    R"({"role":"assistant","content":"{\"issues\":[{\"category\":\"conditional_logic\",)"
    R"(\"severity\":\"medium\",\"line\":4,\"message\":\"The assertion only runs when the status )"
    R"(is 200.\",\"suggestion\":\"Assert the status first, then the body.\"}]}"},"logprobs":null,)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":96,"completion_tokens":48,)"
    R"("total_tokens":144,"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":96,)"
    R"("prompt_tokens_details":{"cached_tokens":0}}})";

void BM_RequestJson(benchmark::State& state) {
    const auto request = typical_request();
    for (auto _ : state) {
        auto body = qa::to_request_json(request, "deepseek-chat");
        benchmark::DoNotOptimize(body);
    }
    state.counters["calls_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RequestJson);

// As the client writes its bodies: one writer, one reused buffer, the same system prompt.
void BM_RequestBodyWriter(benchmark::State& state) {
    const auto request = typical_request();
    qa::RequestBodyWriter writer;
    std::string body;
    for (auto _ : state) {
        body.clear();
        writer.append(body, request, "deepseek-chat");
        benchmark::DoNotOptimize(body);
    }
    state.counters["calls_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RequestBodyWriter);

void BM_ParseAnswer(benchmark::State& state) {
    const std::string answer = kAnswer;
    qa::ChatResponseParser parser;  // one per client, as HttpLlmClient holds it
    for (auto _ : state) {
        auto parsed = parser.parse(answer);
        if (!parsed) {
            state.SkipWithError(parsed.error().c_str());
            break;
        }
        benchmark::DoNotOptimize(parsed);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * answer.size()));
}
BENCHMARK(BM_ParseAnswer);

}  // namespace

BENCHMARK_MAIN();
