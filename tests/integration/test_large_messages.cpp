// Messages larger than a socket takes in one send (the kernel's send buffer grows to at most
// net.ipv4.tcp_wmem's 4 MiB): the client's request and the mock's answer each go out partly at
// once and the rest asynchronously as the peer reads. Both must arrive whole.
#include <httplib.h>

#include <string>

#include "mock_llm/journal.hpp"
#include "phase_fixture.hpp"
#include "raw_connection.hpp"

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
    // The journal of this many requests is larger than one send can take. They are the cheapest
    // data-plane requests there are, GET /v1/models pipelined on one connection a batch at a
    // time: what is under test is the mock's write of the journal, not how the requests were
    // made (a chat phase of this size took 46 s under TSan; one request per round trip, 5 s in
    // Release).
    constexpr int kRequests = 30'000;
    constexpr int kBatch = 200;  // ~20 KB of requests, ~80 KB of answers: within socket buffers
    mock_llm::ServerConfig config;
    config.journal_capacity = kRequests;
    start_mock(config);

    mock_llm::testing::RawConnection connection(server_->port());
    ASSERT_TRUE(connection.connected());
    std::string batch;
    for (int i = 0; i < kBatch; ++i)
        batch += "GET /v1/models HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer sk-test\r\n\r\n";
    for (int sent = 0; sent < kRequests; sent += kBatch) {
        ASSERT_TRUE(connection.send_all(batch)) << "after " << sent << " requests";
        for (int i = 0; i < kBatch; ++i) {
            const auto models = connection.read_response();
            ASSERT_TRUE(models) << "request " << sent + i;
            ASSERT_EQ(models->status, 200) << "request " << sent + i << ": " << models->body;
        }
    }

    httplib::Client client(server_->host(), server_->port());
    client.set_read_timeout(std::chrono::seconds(30));
    const auto journal = client.Get("/_mock/journal");
    ASSERT_TRUE(journal);
    EXPECT_GT(journal->body.size(), kOneSendAtMost);

    // Byte for byte what the server holds, rendered as the endpoint renders it (cheaper than
    // parsing 6 MB in a test built at -O0, and stricter).
    const auto records = server_->journal();
    ASSERT_EQ(records.size(), static_cast<std::size_t>(kRequests));
    mock_llm::Journal expected(records.size());
    for (const auto& record : records)
        expected.add(record);
    const std::string expected_body = mock_llm::journal_json(expected);
    EXPECT_TRUE(journal->body == expected_body)
        << "the answer arrived changed or cut: " << journal->body.size() << " bytes of "
        << expected_body.size();
}

}  // namespace
}  // namespace qa::test
