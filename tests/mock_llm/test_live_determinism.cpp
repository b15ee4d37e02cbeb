// Live: the fault pattern per body is the same whether the bodies arrive sequentially or in
// parallel, restarts after a reset, and matches the pure decision.
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "live_server.hpp"
#include "mock_llm/fault.hpp"
#include "mock_llm/hash.hpp"

namespace mock_llm::testing {
namespace {

constexpr int kBodies = 6;
constexpr int kRepeats = 8;
using Pattern = std::vector<std::vector<int>>;  // [body][occurrence] -> status

std::string body_number(int i) {
    return chat_body("function number " + std::to_string(i));
}

std::vector<int> send_repeatedly(const Server& server, const std::string& body) {
    auto client = client_for(server);
    std::vector<int> statuses;
    for (int k = 0; k < kRepeats; ++k) {
        const auto result = post_chat(client, body);
        statuses.push_back(result ? result->status : -1);
    }
    return statuses;
}

ServerConfig faulty() {
    ServerConfig config;
    config.profile.seed = 2024;
    config.profile.chaos.rate("429") = 0.3;
    config.profile.chaos.rate("500") = 0.2;
    config.profile.retry_after = std::chrono::microseconds(0);
    return config;
}

TEST(LiveDeterminism, SequentialAndParallelRunsSeeTheSameFaultsPerBody) {
    auto server = start_server(faulty());
    ASSERT_TRUE(server);

    Pattern sequential;
    for (int i = 0; i < kBodies; ++i) {
        sequential.push_back(send_repeatedly(*server, body_number(i)));
    }
    server->reset();
    Pattern parallel(kBodies);
    std::vector<std::thread> threads;
    for (int i = 0; i < kBodies; ++i) {
        threads.emplace_back([&, i] {
            parallel[static_cast<std::size_t>(i)] = send_repeatedly(*server, body_number(i));
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(sequential, parallel);

    // And both are the pure decision, occurrence by occurrence.
    int faults = 0;
    for (int i = 0; i < kBodies; ++i) {
        for (int k = 0; k < kRepeats; ++k) {
            const Fault fault = decide_fault(2024, hash_bytes(body_number(i)),
                                             static_cast<std::uint64_t>(k), 0.3, 0.2);
            const int expected = fault == Fault::rate_limited   ? 429
                                 : fault == Fault::server_error ? 500
                                                                : 200;
            EXPECT_EQ(sequential[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)],
                      expected);
            faults += expected != 200;
        }
    }
    EXPECT_GT(faults, 0);  // the pattern is not trivially all-200
}

TEST(LiveDeterminism, ResetRestartsTheOccurrenceCount) {
    auto server = start_server(faulty());
    ASSERT_TRUE(server);
    const std::string body = body_number(0);
    const std::vector<int> first = send_repeatedly(*server, body);
    const std::vector<int> continued = send_repeatedly(*server, body);
    server->reset();
    const std::vector<int> again = send_repeatedly(*server, body);
    EXPECT_EQ(first, again);
    EXPECT_NE(first, continued);  // later occurrences roll differently
}

}  // namespace
}  // namespace mock_llm::testing
