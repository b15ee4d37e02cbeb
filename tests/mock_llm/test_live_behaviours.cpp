// Live: the server behaviours over real sockets. deepseek-legacy holds a request past its
// capacity with 200, headers at once and keep-alive lines, then answers (or closes at the
// cutoff); deepseek-concurrency answers 429 at once past its cap; openai-buckets sends the
// x-ratelimit-* headers and refuses with Retry-After once a bucket is empty.
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "live_server.hpp"
#include "raw_chat.hpp"
#include "sse.hpp"

namespace mock_llm::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The occupant's requests hang (a script keyed on x-mock-key), so it holds its slot until the
// test lets it go: no assertion below depends on how fast this machine runs.
constexpr std::string_view kOccupantKey = "x-mock-key: occupant\r\n";

ServerConfig capped(BehaviourKind kind, std::chrono::milliseconds latency) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(latency);
    config.profile.behaviour = {.kind = kind, .capacity = 1, .keep_alive_interval = 100ms};
    ScriptRule hang_occupant;
    hang_occupant.scope = ScriptScope::header;
    hang_occupant.header = "x-mock-key";
    hang_occupant.first = 1;
    hang_occupant.fault.kind = FaultKind::hang;
    config.profile.scripts = {hang_occupant};
    return config;
}

ServerConfig legacy(std::chrono::milliseconds latency, std::chrono::milliseconds cutoff) {
    ServerConfig config = capped(BehaviourKind::deepseek_legacy, latency);
    config.profile.behaviour.queue_cutoff = cutoff;
    return config;
}

// Holds the server's only slot (its request hangs) until release().
class Occupant {
  public:
    explicit Occupant(const Server& server) : connection_(server.port()) {
        EXPECT_TRUE(connection_.send_all(raw_chat_request(chat_body("occupant"), kOccupantKey)));
        wait_for_stats(server, [](const Stats& s) { return s.in_flight == 1; });
    }
    // Closes the connection: the server sees the client give up and frees the slot.
    void release() { connection_.close(); }

  private:
    RawConnection connection_;
};

TEST(LiveBehaviours, LegacyHoldsAJsonRequestWithBlankLinesThenAnswers) {
    auto server = start_server(legacy(200ms, 10min));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body("held"))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response) << "the head comes before the slot does";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(head_field(*response, "transfer-encoding"), "chunked");
    EXPECT_EQ(head_field(*response, "content-type"), "application/json");
    EXPECT_EQ(
        wait_for_stats(*server, [](const Stats& s) { return s.queue_depth == 1; }).queue_depth, 1);
    // Blank lines while it waits: as many as we care to read, since the slot never frees.
    ASSERT_TRUE(held.read_chunks_until(*response, 3));
    EXPECT_EQ(response->body, "\n\n\n");
    EXPECT_EQ(server->stats().queue_depth, 1);
    occupant.release();
    held.read_chunked_body(*response);
    ASSERT_TRUE(response->complete);
    const auto first_json = response->body.find('{');
    ASSERT_NE(first_json, std::string::npos);
    EXPECT_EQ(response->body.substr(0, first_json), std::string(first_json, '\n'));
    const auto answer = nlohmann::json::parse(response->body.substr(first_json));
    EXPECT_EQ(answer["object"], "chat.completion");
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.queue_depth, 0);
    EXPECT_EQ(stats.by_status.at(200), 1u);
    EXPECT_EQ(stats.by_status.at(kStatusClientClosed), 1u);  // the occupant
    // The journal: service started when the occupant left, and took the latency from there.
    const auto journal = server->journal();
    ASSERT_EQ(journal.size(), 2u);
    const JournalRecord& gone = journal[0];
    const JournalRecord& record = journal[1];
    EXPECT_EQ(gone.status, kStatusClientClosed);
    EXPECT_GE(record.start_us, gone.end_us);
    EXPECT_GE(record.start_us - record.arrival_us, 300'000) << "three keep-alive intervals";
    EXPECT_GE(record.end_us - record.start_us, 200'000);
}

TEST(LiveBehaviours, LegacyHoldsAStreamWithKeepAliveComments) {
    auto server = start_server(legacy(100ms, 10min));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body_with("held", {{"stream", true}}))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(head_field(*response, "content-type"), "text/event-stream");
    ASSERT_TRUE(held.read_chunks_until(*response, 3));
    for (const std::string& chunk : response->chunks) {
        EXPECT_EQ(chunk, ": keep-alive\n\n");
    }
    occupant.release();
    held.read_chunked_body(*response);
    ASSERT_TRUE(response->complete);
    std::string events;
    for (const std::string& chunk : response->chunks) {
        if (chunk != ": keep-alive\n\n") {
            events += chunk;
        }
    }
    const auto stream = parse_stream(events);
    EXPECT_TRUE(stream.done_last);
    EXPECT_FALSE(stream_content(stream).empty());
}

TEST(LiveBehaviours, LegacyClosesTheHeldAnswerAtTheCutoff) {
    auto server = start_server(legacy(100ms, 300ms));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body("held too long"))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    // The slot never frees: only the cutoff can end this.
    held.read_chunked_body(*response);
    EXPECT_FALSE(response->complete) << "the empty 200: closed before any answer";
    EXPECT_EQ(response->body.find('{'), std::string::npos);
    EXPECT_GE(Clock::now() - started, 300ms);
    const Stats cut = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 1; });
    EXPECT_EQ(cut.by_fault.at("queue_cutoff"), 1u);
    EXPECT_EQ(cut.by_status.at(200), 1u);  // a 200 was sent, however empty
    EXPECT_EQ(cut.queue_depth, 0);
    const auto journal = server->journal();
    ASSERT_EQ(journal.size(), 1u);
    EXPECT_EQ(journal[0].fault, FaultKind::queue_cutoff);
    EXPECT_GE(journal[0].end_us - journal[0].arrival_us, 300'000);
    EXPECT_EQ(journal[0].start_us, journal[0].end_us) << "never served";
    occupant.release();
}

TEST(LiveBehaviours, ConcurrencyCapAnswers429AtOnceWithoutRateHeaders) {
    auto server = start_server(capped(BehaviourKind::deepseek_concurrency, 10ms));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    // The occupant never leaves, so only an immediate refusal can answer this.
    RawConnection refused(server->port());
    ASSERT_TRUE(refused.send_all(raw_chat_request(chat_body("one too many"))));
    const auto response = refused.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 429);
    EXPECT_EQ(head_field(*response, "retry-after"), "");
    EXPECT_EQ(head_field(*response, "x-ratelimit-limit-requests"), "");
    const auto error = nlohmann::json::parse(response->body)["error"];
    EXPECT_EQ(error["message"], "Rate Limit Reached");
    // Counted once its write completes, a moment after the client has read it.
    const Stats refusals = wait_for_stats(
        *server, [](const Stats& s) { return s.by_fault.contains("over_capacity"); });
    ASSERT_TRUE(refusals.by_fault.contains("over_capacity"));
    EXPECT_EQ(refusals.by_fault.at("over_capacity"), 1u);
    EXPECT_EQ(refusals.by_status.at(429), 1u);
    // Once the slot frees, the next request is served.
    occupant.release();
    settled_stats(*server);
    ASSERT_TRUE(refused.send_all(raw_chat_request(chat_body("room now"))));
    const auto served = refused.read_response();
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
}

TEST(LiveBehaviours, BucketsSendRateHeadersAndRefuseWhenEmpty) {
    ServerConfig config;
    config.profile.behaviour = {.kind = BehaviourKind::openai_buckets,
                                .requests_per_minute = 2,
                                .tokens_per_minute = 100'000};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    for (const char* remaining : {"1", "0"}) {
        const auto result = post_chat(client, chat_body("bucket"));
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 200);
        EXPECT_EQ(result->get_header_value("x-ratelimit-limit-requests"), "2");
        EXPECT_EQ(result->get_header_value("x-ratelimit-remaining-requests"), remaining);
        EXPECT_EQ(result->get_header_value("x-ratelimit-limit-tokens"), "100000");
        EXPECT_FALSE(result->get_header_value("x-ratelimit-remaining-tokens").empty());
        EXPECT_FALSE(result->get_header_value("x-ratelimit-reset-requests").empty());
        EXPECT_FALSE(result->get_header_value("x-ratelimit-reset-tokens").empty());
    }
    const auto refused = post_chat(client, chat_body("bucket"));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 429);
    const int retry_after = std::stoi(refused->get_header_value("Retry-After"));
    EXPECT_GE(retry_after, 29);
    EXPECT_LE(retry_after, 30);
    EXPECT_FALSE(refused->get_header_value("retry-after-ms").empty());
    EXPECT_EQ(refused->get_header_value("x-ratelimit-remaining-requests"), "0");
    EXPECT_EQ(nlohmann::json::parse(refused->body)["error"]["code"], "rate_limit_exceeded");
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_fault.at("rate_limited"), 1u);
}

}  // namespace
}  // namespace mock_llm::testing
