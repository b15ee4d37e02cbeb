// Live: scripted faults over real sockets: "the first 2 requests 429, then 200", an outage
// window, per-key sequences that stay the same when keys run in parallel, and "every k-th
// request hangs".
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "live_server.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;

ScriptRule rule(std::uint64_t first, std::uint64_t every, FaultSpec fault) {
    ScriptRule r;
    r.first = first;
    r.every = every;
    r.fault = std::move(fault);
    return r;
}

FaultSpec status(int code, std::optional<std::chrono::milliseconds> retry_after = {}) {
    FaultSpec fault;
    fault.kind = FaultKind::status;
    fault.status = code;
    fault.retry_after = retry_after;
    return fault;
}

int post_status(httplib::Client& client, const std::string& body,
                const httplib::Headers& headers = {}) {
    const auto result = client.Post("/chat/completions", headers, body, "application/json");
    return result ? result->status : -1;
}

TEST(LiveScripts, FirstTwo429ThenOk) {
    ServerConfig config;
    config.profile.scripts = {rule(2, 0, status(429, 300ms))};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto first = post_chat(client, chat_body("scripted"));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 429);
    EXPECT_EQ(first->get_header_value("retry-after-ms"), "300");
    EXPECT_EQ(post_status(client, chat_body("scripted")), 429);
    EXPECT_EQ(post_status(client, chat_body("scripted")), 200);
    EXPECT_EQ(post_status(client, chat_body("other")), 200);
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_fault.at("429"), 2u);
    const auto journal = server->journal();
    ASSERT_EQ(journal.size(), 4u);
    EXPECT_EQ(journal[0].fault_source, FaultSource::script);
    EXPECT_EQ(journal[2].fault_source, FaultSource::none);
}

TEST(LiveScripts, OutageWindowCountsFromTheProfileChange) {
    auto server = start_server();
    ASSERT_TRUE(server);
    Profile outage;
    ScriptRule window;
    window.from = 0ms;
    window.to = 2000ms;  // room for a slow machine to send "during" in time
    window.fault = status(503);
    outage.scripts = {window};
    ASSERT_TRUE(server->set_profile(outage));
    auto client = client_for(*server);
    EXPECT_EQ(post_status(client, chat_body("during")), 503);
    std::this_thread::sleep_for(2100ms);
    EXPECT_EQ(post_status(client, chat_body("after")), 200);
}

TEST(LiveScripts, PerKeySequencesAreTheSameInParallel) {
    ServerConfig config;
    ScriptRule per_key = rule(1, 0, status(429));
    per_key.scope = ScriptScope::header;
    per_key.header = "x-mock-key";
    ScriptRule third = rule(0, 3, status(500));
    third.scope = ScriptScope::header;
    third.header = "x-mock-key";
    config.profile.scripts = {per_key, third};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    const std::vector<int> expected{429, 200, 500, 200, 200, 500};
    constexpr int kKeys = 6;
    std::vector<std::vector<int>> seen(kKeys);
    std::vector<std::thread> threads;
    for (int k = 0; k < kKeys; ++k) {
        threads.emplace_back([&, k] {
            auto client = client_for(*server);
            const httplib::Headers key{{"x-mock-key", "client " + std::to_string(k)}};
            for (std::size_t i = 0; i < expected.size(); ++i) {
                seen[static_cast<std::size_t>(k)].push_back(
                    post_status(client, chat_body("same body"), key));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& statuses : seen) {
        EXPECT_EQ(statuses, expected);
    }
    // Requests without the key meet no script.
    auto client = client_for(*server);
    EXPECT_EQ(post_status(client, chat_body("no key")), 200);
}

TEST(LiveScripts, EverySecondRequestHangs) {
    ServerConfig config;
    FaultSpec hang;
    hang.kind = FaultKind::hang;
    config.profile.scripts = {rule(0, 2, hang)};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    EXPECT_EQ(post_status(client, chat_body("one")), 200);
    auto impatient = client_for(*server, 300ms);
    EXPECT_EQ(post_status(impatient, chat_body("two")), -1);
    EXPECT_EQ(post_status(client, chat_body("three")), 200);
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_fault.at("hang"), 1u);
}

}  // namespace
}  // namespace mock_llm::testing
