// HTTP/2 (LLM_HTTP_VERSION=2) against the real mock: calls share one connection as streams, the
// server sees exactly the limit in flight, a timed-out call resets only its stream, a connection
// the server closed while idle is not used again, a GOAWAY moves later calls to a new connection,
// a stream the server refused unprocessed goes again without a retry, and HTTP/1.1 clients are
// served by the same server meanwhile. The fault matrix
// (test_fault_matrix.cpp) runs every fault over HTTP/2 as well.
#include <thread>

#include "mock_llm/script.hpp"
#include "phase_fixture.hpp"

namespace qa::test {
namespace {

using namespace std::chrono_literals;

Settings http2_settings(int limit, const std::string& url) {
    Settings settings = fast_settings(limit);
    settings.base_url = url;
    settings.http_version = HttpVersion::http2;
    return settings;
}

// The production phase over `count` numbered calls on the rig, bounded by `bound`.
std::optional<ParallelCallsResult> run_calls(RunnerRig& rig, std::chrono::seconds bound, int count,
                                             const std::string& prefix = "task") {
    return run_bounded(
        rig.ioc, run_parallel_calls(*rig.runner, numbered_tasks(count, prefix), Logger()), bound);
}

TEST_F(MockBackedTest, Http2CallsShareOneConnectionAndTheServerSeesTheLimit) {
    mock_llm::ServerConfig config;
    // Long enough that every slot fills before the first answer, even on a slow machine.
    config.profile.latency = mock_llm::LatencyModel::fixed(50ms);
    start_mock(std::move(config));
    for (const int limit : {1, 10, 50}) {
        server_->reset();
        auto rig = RunnerRig::make(http2_settings(limit, base_url()));
        ASSERT_TRUE(rig);
        const int calls = limit == 1 ? 5 : 2 * limit + 3;
        const auto result = run_calls(*rig, 60s, calls);
        ASSERT_TRUE(result) << "limit " << limit;
        EXPECT_EQ(result->successful, static_cast<std::size_t>(calls)) << "limit " << limit;
        const auto stats = settled_stats();
        EXPECT_EQ(stats.max_in_flight, limit) << "limit " << limit;
        EXPECT_EQ(stats.requests_total, static_cast<std::uint64_t>(calls));
        EXPECT_EQ(rig->client->pool().connections_opened(), 1u) << "limit " << limit;
        EXPECT_EQ(rig->client->h2_connections(), 1u);
    }
}

TEST_F(MockBackedTest, Http2ATimedOutCallResetsOnlyItsStream) {
    // Every third request hangs; the client gives up on it at its deadline and resets that
    // stream, while the others on the same connection are answered.
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(2ms);
    mock_llm::ScriptRule hang_every_third;
    hang_every_third.every = 3;
    hang_every_third.fault.kind = mock_llm::FaultKind::hang;
    config.profile.scripts = {hang_every_third};
    start_mock(std::move(config));
    Settings settings = http2_settings(9, base_url());
    settings.call_timeout = 300ms;
    settings.max_retries = 0;
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    const auto result = run_calls(*rig, 30s, 9);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 6u);
    EXPECT_EQ(result->failed, 3u);
    for (const auto& outcome : result->outcomes) {
        if (!outcome.result) {
            EXPECT_EQ(outcome.result.error().kind, CallErrorKind::timeout);
        }
    }
    EXPECT_EQ(rig->client->pool().connections_opened(), 1u) << "the connection did not survive";
    // The server saw each reset: the hung requests count as given up by the client (499), and
    // none is left in flight.
    const auto stats = settled_stats();
    EXPECT_EQ(stats.in_flight, 0);
    EXPECT_EQ(stats.by_status.at(499), 3u);
    EXPECT_EQ(stats.by_status.at(200), 6u);
}

TEST_F(MockBackedTest, Http2AConnectionTheServerClosedWhileIdleIsNotUsedAgain) {
    mock_llm::ServerConfig config;
    config.header_timeout = 200ms;  // the idle timeout of an HTTP/2 connection too
    start_mock(std::move(config));
    Settings settings = http2_settings(1, base_url());
    settings.max_retries = 0;  // a lost request would show as a failed call
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    for (int phase = 0; phase < 2; ++phase) {
        const auto result = run_calls(*rig, 20s, 3);
        ASSERT_TRUE(result) << "phase " << phase << ": the run hung (an idle reader left?)";
        EXPECT_EQ(result->successful, 3u) << "phase " << phase;
        rig->ioc.restart();
        for (const auto give_up = SteadyClock::now() + 10s;
             phase == 0 && server_->open_connections() > 0 && SteadyClock::now() < give_up;)
            std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(rig->client->pool().connections_opened(), 2u);
    EXPECT_EQ(rig->metrics.attempts, 6u);
    EXPECT_EQ(settled_stats().requests_total, 6u);
}

TEST_F(MockBackedTest, Http2AGoawayMovesLaterCallsToANewConnection) {
    // Bodies over the mock's limit are refused with 413, and the mock then closes the
    // connection (GOAWAY on HTTP/2): each call, sent one after another, opens a connection.
    mock_llm::ServerConfig config;
    config.max_body_bytes = 64;
    start_mock(std::move(config));
    auto rig = RunnerRig::make(http2_settings(1, base_url()));
    ASSERT_TRUE(rig);
    const auto result = run_calls(*rig, 20s, 3);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->failed, 3u);
    for (const auto& outcome : result->outcomes) {
        ASSERT_FALSE(outcome.result);
        EXPECT_EQ(outcome.result.error().http_status, 413);
        EXPECT_NE(outcome.result.error().message.find("64"), std::string::npos)
            << outcome.result.error().message;  // the OpenAI-style body names the limit
    }
    EXPECT_EQ(rig->client->pool().connections_opened(), 3u);
}

TEST_F(MockBackedTest, Http2ASecondConnectionOpensWhenTheServerAllowsFewerStreams) {
    // The server takes 10 streams per connection; 30 calls at once need three connections,
    // and the server still sees all 30 in flight.
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(100ms);
    config.h2_max_concurrent_streams = 10;
    start_mock(std::move(config));
    auto rig = RunnerRig::make(http2_settings(30, base_url()));
    ASSERT_TRUE(rig);
    // A first call learns the server's setting; then the fan-out.
    ASSERT_TRUE(run_calls(*rig, 20s, 1, "warm"));
    rig->ioc.restart();
    server_->reset();
    const auto result = run_calls(*rig, 30s, 30);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 30u);
    EXPECT_EQ(rig->client->pool().connections_opened(), 3u);
    EXPECT_EQ(settled_stats().max_in_flight, 30);
}

TEST_F(MockBackedTest, Http2StreamsRefusedOnAColdConnectionGoAgainWithoutARetry) {
    // No call first: the fan-out starts on a connection whose server settings have not arrived,
    // so streams beyond the server's 10 go out and are refused (REFUSED_STREAM), unprocessed.
    // Each goes again at once on a connection with room: no retry, no failure, and the server
    // counts every request once.
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(100ms);
    config.h2_max_concurrent_streams = 10;
    start_mock(std::move(config));
    Settings settings = http2_settings(30, base_url());
    settings.max_retries = 0;  // a refusal the client did not send again would fail its call
    auto rig = RunnerRig::make(settings);
    ASSERT_TRUE(rig);
    const auto result = run_calls(*rig, 30s, 30);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 30u);
    EXPECT_EQ(rig->metrics.attempts, 30u);
    EXPECT_GT(rig->client->h2_streams_refused(), 0u)
        << "no stream was refused: the case proves nothing";
    EXPECT_GE(rig->client->pool().connections_opened(), 3u);
    const auto stats = settled_stats();
    EXPECT_EQ(stats.requests_total, 30u);
    EXPECT_EQ(stats.max_in_flight, 30);
}

TEST_F(MockBackedTest, Http2HeldAnswersArriveAfterTheirKeepAliveLines) {
    // deepseek-legacy serving one request at a time: the others are held, their heads sent at
    // once and empty lines as DATA while they wait, then their answers; the client reads each
    // answer past its leading blank lines.
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(30ms);
    config.profile.behaviour.kind = mock_llm::BehaviourKind::deepseek_legacy;
    config.profile.behaviour.capacity = 1;
    config.profile.behaviour.keep_alive_interval = 5ms;
    start_mock(std::move(config));
    auto rig = RunnerRig::make(http2_settings(3, base_url()));
    ASSERT_TRUE(rig);
    const auto result = run_calls(*rig, 30s, 3);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->successful, 3u);
    std::size_t held = 0;
    for (const auto& record : server_->journal())
        held += record.start_us > record.arrival_us ? 1 : 0;
    EXPECT_GE(held, 1u) << "no request waited in the queue: the case proves nothing";
}

TEST_F(MockBackedTest, Http1AndHttp2ClientsShareOneServer) {
    mock_llm::ServerConfig config;
    config.profile.latency = mock_llm::LatencyModel::fixed(20ms);
    start_mock(std::move(config));
    Settings h1 = fast_settings(10);
    h1.base_url = base_url();
    auto one = RunnerRig::make(h1);
    auto two = RunnerRig::make(http2_settings(10, base_url()));
    ASSERT_TRUE(one && two);
    std::optional<ParallelCallsResult> first;
    std::thread other([&] { first = run_calls(*one, 30s, 30); });
    const auto second = run_calls(*two, 30s, 30, "h2");
    other.join();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->successful, 30u);
    EXPECT_EQ(second->successful, 30u);
    EXPECT_EQ(settled_stats().requests_total, 60u);
    EXPECT_LE(settled_stats().max_in_flight, 20);
}

TEST(Http2Settings, AnHttpsEndpointIsRefusedNamingTheSetting) {
    Settings settings = fast_settings(1);
    settings.base_url = "https://api.deepseek.com";
    settings.http_version = HttpVersion::http2;
    net::io_context ioc;
    const auto client = make_http_llm_client(ioc.get_executor(), settings);
    ASSERT_FALSE(client);
    EXPECT_EQ(client.error().variable, "LLM_HTTP_VERSION");
    EXPECT_EQ(client.error().value, "2");
    EXPECT_NE(client.error().allowed.find("1.1"), std::string::npos);
}

}  // namespace
}  // namespace qa::test
