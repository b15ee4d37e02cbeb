// Messages larger than a socket takes in one send (the kernel's send buffer grows to at most
// net.ipv4.tcp_wmem's 4 MiB): the client's request and the mock's answer each go out partly at
// once and the rest asynchronously as the peer reads. Both must arrive whole.
#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

#include "phase_fixture.hpp"

namespace qa::test {
namespace {

// The most one send takes here (net.ipv4.tcp_wmem's maximum send buffer), and a size past it.
constexpr std::size_t kOneSendAtMost = 4u << 20;
constexpr std::size_t kLargerThanOneSend = 6u << 20;

TEST_F(MockBackedTest, ARequestLargerThanOneSendGoesOutWhole) {
    mock_llm::ServerConfig config;
    config.max_body_bytes = 2 * kLargerThanOneSend;
    start_mock(config);
    auto tasks = numbered_tasks(3);
    std::string source;
    source.reserve(kLargerThanOneSend + 64);
    while (source.size() < kLargerThanOneSend)
        source += "def test_x():\n    assert f(\"x\") == 1\n";
    tasks[1].request.messages[1].content = source;

    const auto result = run_phase(tasks, fast_settings(1));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 3u);
    // A cut body would have been a 400 (or a wait until the call's deadline), never a 200.
    const auto stats = settled_stats();
    EXPECT_EQ(stats.requests_total, 3u);
    EXPECT_EQ(stats.by_status.at(200), 3u);
}

TEST_F(MockBackedTest, AnAnswerLargerThanOneSendArrivesWhole) {
    // The journal of this many requests is larger than one send can take.
    constexpr int kRequests = 30'000;
    mock_llm::ServerConfig config;
    config.journal_capacity = kRequests;
    start_mock(config);
    const auto result = run_phase(numbered_tasks(kRequests), fast_settings(50));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->successful, static_cast<std::size_t>(kRequests));

    httplib::Client client(server_->host(), server_->port());
    client.set_read_timeout(std::chrono::seconds(30));
    const auto journal = client.Get("/_mock/journal");
    ASSERT_TRUE(journal);
    EXPECT_GT(journal->body.size(), kOneSendAtMost);
    const auto parsed = nlohmann::json::parse(journal->body, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "the answer arrived cut";
    EXPECT_EQ(parsed["records"].size(), static_cast<std::size_t>(kRequests));
}

}  // namespace
}  // namespace qa::test
