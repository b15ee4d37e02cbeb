// The chaos layer as a pure decision: deterministic per (seed, body, occurrence), each fault at
// its own rate in draw order, stream_error for streams only, the old two-rate decision kept; and
// what each fault makes of an answer.
#include <array>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "mock_llm/chaos.hpp"
#include "mock_llm/fault_answer.hpp"
#include "mock_llm/hash.hpp"
#include "sse.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kDraws = 20'000;

std::map<std::string, int> tally(const ChaosProfile& chaos, bool streamed) {
    std::map<std::string, int> counts;
    for (int i = 0; i < kDraws; ++i) {
        const FaultSpec fault =
            decide_chaos(chaos, 11, hash_bytes("body " + std::to_string(i % 400)),
                         static_cast<std::uint64_t>(i / 400), streamed);
        ++counts[fault_label(fault.kind, fault.status)];
    }
    return counts;
}

TEST(Chaos, NoRatesNoFaults) {
    EXPECT_FALSE(ChaosProfile{}.active());
    EXPECT_EQ(tally(ChaosProfile{}, true), (std::map<std::string, int>{{"", kDraws}}));
}

TEST(Chaos, EachFaultAtItsRateInDrawOrder) {
    ChaosProfile chaos;
    chaos.rate("429") = 0.1;
    chaos.rate("503") = 0.1;
    chaos.rate("hang") = 0.05;
    chaos.rate("slow_drip") = 0.05;
    ASSERT_TRUE(chaos.active());
    const auto counts = tally(chaos, false);
    const double n = kDraws;
    // P(first) = r1; P(second) = (1 - r1) r2; ...
    EXPECT_NEAR(counts.at("429") / n, 0.1, 0.01);
    EXPECT_NEAR(counts.at("503") / n, 0.9 * 0.1, 0.01);
    EXPECT_NEAR(counts.at("hang") / n, 0.9 * 0.9 * 0.05, 0.008);
    EXPECT_NEAR(counts.at("slow_drip") / n, 0.9 * 0.9 * 0.95 * 0.05, 0.008);
    EXPECT_EQ(counts.size(), 5u);  // and none
}

TEST(Chaos, SameRequestSameFaultAndARetryRerolls) {
    ChaosProfile chaos;
    chaos.rate("500") = 0.5;
    chaos.rate("truncated") = 0.3;
    int differs = 0;
    for (std::uint64_t k = 0; k < 100; ++k) {
        const auto a = decide_chaos(chaos, 3, 77, k, false);
        EXPECT_EQ(a, decide_chaos(chaos, 3, 77, k, false));
        differs += !(a == decide_chaos(chaos, 3, 77, k + 1, false));
    }
    EXPECT_GT(differs, 20);
}

TEST(Chaos, StreamErrorOnlyForStreams) {
    ChaosProfile chaos;
    chaos.rate("stream_error") = 1.0;
    EXPECT_EQ(decide_chaos(chaos, 1, 2, 3, true).kind, FaultKind::stream_error);
    EXPECT_EQ(decide_chaos(chaos, 1, 2, 3, false).kind, FaultKind::none);
}

TEST(Chaos, AgreesWithTheTwoRateDecision) {
    ChaosProfile chaos;
    chaos.rate("429") = 0.3;
    chaos.rate("500") = 0.3;
    for (std::uint64_t k = 0; k < 500; ++k) {
        const std::uint64_t body = hash_bytes(std::to_string(k % 7));
        const FaultSpec spec = decide_chaos(chaos, 99, body, k, false);
        const Fault old = decide_fault(99, body, k, 0.3, 0.3);
        const int expected = old == Fault::rate_limited   ? 429
                             : old == Fault::server_error ? 500
                                                          : 0;
        EXPECT_EQ(spec.status, expected) << k;
    }
}

TEST(Chaos, StatusFaultsCarryXShouldRetryWhenSet) {
    ChaosProfile chaos;
    chaos.rate("502") = 1.0;
    EXPECT_FALSE(decide_chaos(chaos, 1, 2, 3, false).x_should_retry);
    chaos.x_should_retry = false;
    EXPECT_EQ(decide_chaos(chaos, 1, 2, 3, false).x_should_retry, std::optional<bool>(false));
}

FaultSpec status_fault(int status, std::optional<std::chrono::milliseconds> retry_after = {},
                       std::optional<bool> x_should_retry = {}) {
    FaultSpec fault;
    fault.kind = FaultKind::status;
    fault.status = status;
    fault.retry_after = retry_after;
    fault.x_should_retry = x_should_retry;
    return fault;
}

std::string header(const Decision& d, std::string_view name) {
    for (const Header& h : d.headers) {
        if (h.name == name) {
            return h.value;
        }
    }
    return "(absent)";
}

TEST(FaultAnswerShape, StatusFaultHasTheCatalogueBodyAndItsHints) {
    const Decision d = status_fault_answer(status_fault(503, {}, true), 1s, "");
    EXPECT_EQ(d.status, 503);
    EXPECT_EQ(d.delay, 0us);
    EXPECT_EQ(header(d, "x-should-retry"), "true");
    EXPECT_EQ(header(d, "Retry-After"), "(absent)");
    EXPECT_EQ(nlohmann::json::parse(d.body)["error"]["message"], "Server Overloaded");

    const Decision limited = status_fault_answer(status_fault(429), 1500ms, "");
    EXPECT_EQ(header(limited, "retry-after-ms"), "1500");
    EXPECT_EQ(header(limited, "Retry-After"), "2");
    const Decision timeout = status_fault_answer(status_fault(408, 250ms), 1s, "");
    EXPECT_EQ(timeout.status, 408);
    EXPECT_EQ(header(timeout, "retry-after-ms"), "250");
    const Decision denied = status_fault_answer(status_fault(401), 1s, "Bearer sk-abcd1234");
    EXPECT_EQ(nlohmann::json::parse(denied.body)["error"]["message"],
              "Authentication Fails, Your api key: ****1234 is invalid");
}

Decision answer(bool stream) {
    const std::string body = chat_body_with(text_with_issues(), {{"stream", stream}});
    return decide_chat(ServerConfig{}, ChatCall{body, hash_bytes(body), 0, 1700000000, {}});
}

TEST(FaultAnswerShape, DeliveryFaultsSetTheDelivery) {
    const std::pair<FaultKind, Delivery> cases[] = {{FaultKind::hang, Delivery::hang},
                                                    {FaultKind::reset, Delivery::reset},
                                                    {FaultKind::truncated, Delivery::truncate},
                                                    {FaultKind::slow_drip, Delivery::drip}};
    for (const auto& [kind, delivery] : cases) {
        Decision d = answer(false);
        const std::string body = d.body;
        apply_delivery_fault(d, kind, DripPace{.bytes = 7, .interval = 30ms});
        EXPECT_EQ(d.delivery, delivery);
        EXPECT_EQ(d.fault, kind);
        EXPECT_EQ(d.body, body) << "the session cuts or trickles it";
    }
    Decision drip = answer(false);
    apply_delivery_fault(drip, FaultKind::slow_drip, DripPace{.bytes = 7, .interval = 30ms});
    EXPECT_EQ(drip.drip.bytes, 7u);
    EXPECT_EQ(drip.drip.interval, 30ms);
}

TEST(FaultAnswerShape, EmptyIsA200WithNoBody) {
    for (const bool stream : {false, true}) {
        Decision d = answer(stream);
        apply_delivery_fault(d, FaultKind::empty, {});
        EXPECT_EQ(d.status, 200);
        EXPECT_TRUE(d.body.empty());
        EXPECT_FALSE(d.streaming());
        EXPECT_EQ(d.content_type, stream ? "text/event-stream" : "application/json");
    }
}

TEST(FaultAnswerShape, MalformedJsonNeverParses) {
    Decision plain = answer(false);
    apply_delivery_fault(plain, FaultKind::malformed_json, {});
    EXPECT_TRUE(nlohmann::json::parse(plain.body, nullptr, false).is_discarded());

    Decision stream = answer(true);
    const std::size_t events = stream.event_ends.size();
    apply_delivery_fault(stream, FaultKind::malformed_json, {});
    ASSERT_EQ(stream.event_ends.size(), events);
    EXPECT_EQ(stream.event_ends.back(), stream.body.size());
    const auto data = sse_data(stream.body);
    ASSERT_EQ(data.size(), events);
    EXPECT_TRUE(nlohmann::json::parse(data[1], nullptr, false).is_discarded());
    EXPECT_FALSE(nlohmann::json::parse(data[0], nullptr, false).is_discarded());
    EXPECT_EQ(data.back(), "[DONE]");
}

TEST(FaultAnswerShape, StreamErrorEndsWithAnErrorEventHalfWay) {
    Decision stream = answer(true);
    const std::size_t events = stream.event_ends.size();
    apply_delivery_fault(stream, FaultKind::stream_error, {});
    const auto data = sse_data(stream.body);
    ASSERT_EQ(data.size(), events / 2 + 1);
    const auto last = nlohmann::json::parse(data.back());
    EXPECT_EQ(last["error"]["type"], "server_error");
    EXPECT_EQ(stream.paced_events, data.size() - 1);

    Decision plain = answer(false);
    const std::string body = plain.body;
    apply_delivery_fault(plain, FaultKind::stream_error, {});
    EXPECT_EQ(plain.body, body);
    EXPECT_EQ(plain.fault, FaultKind::none);
}

}  // namespace
}  // namespace mock_llm::testing
