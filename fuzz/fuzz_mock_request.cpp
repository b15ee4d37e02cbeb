// libFuzzer target: the mock's request handling. Any body, fault header and delay header must
// get a decision (an answer or an OpenAI-style error), never a crash; every JSON body the mock
// answers with must be well-formed enough to start with '{'.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mock_llm/handler.hpp"
#include "mock_llm/server_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // Layout: fault header '\n' delay header '\n' body; missing parts are absent headers.
    mock_llm::ChatCall call;
    std::string_view rest = input;
    const auto first = rest.find('\n');
    if (first != std::string_view::npos) {
        call.headers.mock_fault = rest.substr(0, first);
        rest.remove_prefix(first + 1);
        const auto second = rest.find('\n');
        if (second != std::string_view::npos) {
            call.headers.mock_delay_ms = rest.substr(0, second);
            rest.remove_prefix(second + 1);
        }
    }
    call.body = rest;
    call.occurrence = size % 3;
    call.headers.authorization = "Bearer sk-fuzz-1234";

    // Every chaos fault fires now and then, over a drawn latency with token pacing, so the
    // delivery faults (empty, malformed, truncated, error event mid-stream) see every body.
    mock_llm::ServerConfig config;
    mock_llm::Profile& profile = config.profile;
    for (double& rate : profile.chaos.rates) {
        rate = 0.05;
    }
    profile.chaos.x_should_retry = size % 2 == 0;
    profile.latency.kind = mock_llm::LatencyKind::lognormal;
    profile.latency.value = std::chrono::milliseconds(200);
    profile.latency.sigma = 0.5;
    profile.latency.per_token = std::chrono::milliseconds(1);
    const auto decision = mock_llm::decide_chat(config, call);
    if (decision.delay < std::chrono::microseconds(0))
        std::abort();
    if (decision.status < 100 || decision.status > 599)
        std::abort();
    if (!decision.streaming() && !decision.body.empty() && decision.body.front() != '{')
        std::abort();
    std::size_t previous = 0;
    for (const auto end : decision.event_ends) {
        if (end < previous || end > decision.body.size())
            std::abort();
        previous = end;
    }
    return 0;
}
