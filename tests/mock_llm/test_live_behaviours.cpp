// Live: the server behaviours over real sockets. deepseek-legacy holds a request past its
// capacity with 200, headers at once and keep-alive lines, then answers (or closes at the
// cutoff); deepseek-concurrency answers 429 at once past its cap; openai-buckets sends the
// x-ratelimit-* headers and refuses with Retry-After once a bucket is empty.
#include <thread>

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

ServerConfig legacy(std::chrono::milliseconds latency, std::chrono::milliseconds cutoff) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(latency);
    config.profile.behaviour = {.kind = BehaviourKind::deepseek_legacy,
                                .capacity = 1,
                                .keep_alive_interval = 100ms,
                                .queue_cutoff = cutoff};
    return config;
}

// Occupies the server's only slot from another thread until joined.
class Occupant {
  public:
    explicit Occupant(const Server& server)
        : thread_([&server, this] {
              auto client = client_for(server, 10s);
              const auto result = post_chat(client, chat_body("occupant"));
              status_ = result ? result->status : -1;
          }) {
        wait_for_stats(server, [](const Stats& s) { return s.in_flight == 1; });
    }
    ~Occupant() { join(); }
    int join() {
        if (thread_.joinable()) {
            thread_.join();
        }
        return status_;
    }

  private:
    int status_ = 0;  // before thread_: initialized before the thread can write it
    std::thread thread_;
};

TEST(LiveBehaviours, LegacyHoldsAJsonRequestWithBlankLinesThenAnswers) {
    auto server = start_server(legacy(500ms, 10min));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body("held"))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_LT(Clock::now() - started, 400ms) << "the head comes before the slot does";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(head_field(*response, "transfer-encoding"), "chunked");
    EXPECT_EQ(head_field(*response, "content-type"), "application/json");
    EXPECT_EQ(
        wait_for_stats(*server, [](const Stats& s) { return s.queue_depth == 1; }).queue_depth, 1);
    held.read_chunked_body(*response);
    ASSERT_TRUE(response->complete);
    EXPECT_EQ(occupant.join(), 200);
    // Blank lines while it waited (about 1 s: the occupant's 500 ms, then its own).
    const auto first_json = response->body.find('{');
    ASSERT_NE(first_json, std::string::npos);
    EXPECT_GE(first_json, 5u);
    EXPECT_EQ(response->body.substr(0, first_json), std::string(first_json, '\n'));
    const auto answer = nlohmann::json::parse(response->body.substr(first_json));
    EXPECT_EQ(answer["object"], "chat.completion");
    EXPECT_GE(Clock::now() - started, 900ms);
    const Stats stats = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 0; });
    EXPECT_EQ(stats.queue_depth, 0);
    EXPECT_EQ(stats.by_status.at(200), 2u);
    // The journal: it started when the occupant left, not when it arrived.
    const auto journal = server->journal();
    ASSERT_EQ(journal.size(), 2u);
    const JournalRecord& record = journal[1];
    EXPECT_GE(record.start_us - record.arrival_us, 300'000);
    EXPECT_GE(record.end_us - record.start_us, 500'000);
}

TEST(LiveBehaviours, LegacyHoldsAStreamWithKeepAliveComments) {
    auto server = start_server(legacy(400ms, 10min));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body_with("held", {{"stream", true}}))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(head_field(*response, "content-type"), "text/event-stream");
    held.read_chunked_body(*response);
    ASSERT_TRUE(response->complete);
    std::size_t comments = 0;
    while (comments < response->chunks.size() && response->chunks[comments] == ": keep-alive\n\n") {
        ++comments;
    }
    EXPECT_GE(comments, 3u);
    std::string events;
    for (std::size_t i = comments; i < response->chunks.size(); ++i) {
        events += response->chunks[i];
    }
    EXPECT_TRUE(parse_stream(events).done_last);
    EXPECT_EQ(occupant.join(), 200);
}

TEST(LiveBehaviours, LegacyClosesTheHeldAnswerAtTheCutoff) {
    auto server = start_server(legacy(1500ms, 300ms));
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection held(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(held.send_all(raw_chat_request(chat_body("held too long"))));
    auto response = held.read_head(Clock::now() + 5s);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    held.read_chunked_body(*response);
    EXPECT_FALSE(response->complete) << "the empty 200: closed before any answer";
    EXPECT_EQ(response->body.find('{'), std::string::npos);
    const auto elapsed = Clock::now() - started;
    EXPECT_GE(elapsed, 300ms);
    EXPECT_LT(elapsed, 1400ms) << "closed at the cutoff, not when a slot came";
    EXPECT_EQ(occupant.join(), 200);
    const Stats stats = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 0; });
    EXPECT_EQ(stats.by_fault.at("queue_cutoff"), 1u);
    EXPECT_EQ(stats.queue_depth, 0);
}

TEST(LiveBehaviours, ConcurrencyCapAnswers429AtOnceWithoutRateHeaders) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(800ms);
    config.profile.behaviour = {.kind = BehaviourKind::deepseek_concurrency, .capacity = 1};
    auto server = start_server(config);
    ASSERT_TRUE(server);
    Occupant occupant(*server);
    RawConnection refused(server->port());
    const auto started = Clock::now();
    ASSERT_TRUE(refused.send_all(raw_chat_request(chat_body("one too many"))));
    const auto response = refused.read_response();
    ASSERT_TRUE(response);
    EXPECT_LT(Clock::now() - started, 500ms);
    EXPECT_EQ(response->status, 429);
    EXPECT_EQ(head_field(*response, "retry-after"), "");
    EXPECT_EQ(head_field(*response, "x-ratelimit-limit-requests"), "");
    EXPECT_EQ(nlohmann::json::parse(response->body)["error"]["message"], "Rate Limit Reached");
    EXPECT_EQ(occupant.join(), 200);
    const Stats stats = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 0; });
    EXPECT_EQ(stats.by_fault.at("over_capacity"), 1u);
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
    const Stats stats = wait_for_stats(*server, [](const Stats& s) { return s.in_flight == 0; });
    EXPECT_EQ(stats.by_fault.at("rate_limited"), 1u);
}

}  // namespace
}  // namespace mock_llm::testing
