// Live: the control plane: GET and POST /_mock/profile (a live change, and invalid profiles
// refused naming the field), the request journal (fields, the client's retry count, the ring's
// bound, reset), GET /metrics in Prometheus text, and the stats' faults and latency histogram.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.hpp"
#include "mock_llm/control_client.hpp"
#include "mock_llm/profile_json.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(LiveControl, GetProfileAnswersTheProfileInForce) {
    ServerConfig config;
    config.profile.seed = 42;
    config.profile.chaos.rate("503") = 0.25;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = client.Get("/_mock/profile");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    const auto profile = parse_profile(result->body);
    ASSERT_TRUE(profile) << profile.error().message();
    EXPECT_EQ(*profile, config.profile);
    EXPECT_EQ(server->profile(), config.profile);
}

TEST(LiveControl, PostProfileChangesItLive) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    EXPECT_EQ(post_chat(client, chat_body("before"))->status, 200);
    BlockingControlClient control(server->host(), server->port());
    const auto changed = control.set_profile(R"({"chaos": {"503": 1}})");
    ASSERT_TRUE(changed) << changed.error();
    EXPECT_EQ(post_chat(client, chat_body("after"))->status, 503);
    EXPECT_EQ(server->profile().chaos.rate("503"), 1.0);
    // The answer is the profile now in force.
    const auto result = client.Post("/_mock/profile", R"({"seed": 9})", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(json::parse(result->body)["profile"]["seed"], 9);
    EXPECT_EQ(post_chat(client, chat_body("again"))->status, 200);
}

TEST(LiveControl, InvalidProfilesAreRefusedNamingTheFieldAndKeepTheOldOne) {
    ServerConfig config;
    config.profile.seed = 5;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto malformed = client.Post("/_mock/profile", "{seed: 1}", "application/json");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    EXPECT_TRUE(json::parse(malformed->body)["error"]["message"].get<std::string>().starts_with(
        "Invalid profile: invalid JSON"));

    const auto invalid = client.Post(
        "/_mock/profile", R"({"latency": {"model": "normal", "mean_ms": 5}})", "application/json");
    ASSERT_TRUE(invalid);
    EXPECT_EQ(invalid->status, 422);
    const json error = json::parse(invalid->body)["error"];
    EXPECT_EQ(error["param"], "latency.sd_ms");
    EXPECT_EQ(error["message"], "Invalid profile: latency.sd_ms: is required by the normal model");
    EXPECT_EQ(error["type"], "invalid_request_error");
    EXPECT_EQ(server->profile().seed, 5u);

    const auto wrong_method = client.Put("/_mock/profile", "{}", "application/json");
    ASSERT_TRUE(wrong_method);
    EXPECT_EQ(wrong_method->status, 405);
    EXPECT_EQ(wrong_method->get_header_value("Allow"), "GET, POST");

    BlockingControlClient control(server->host(), server->port());
    const auto refused = control.set_profile(R"({"chaos": {"hang": 7}})");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find("chaos.hang"), std::string::npos) << refused.error();
}

TEST(LiveControl, JournalRecordsEachRequest) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(20ms);
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    ASSERT_TRUE(post_chat(client, chat_body("journal")));
    const auto retried = client.Post(
        "/chat/completions", {{"x-stainless-retry-count", "1"}, {"x-mock-fault", "status=503"}},
        chat_body("journal"), "application/json");
    ASSERT_TRUE(retried);
    ASSERT_TRUE(client.Get("/models"));
    ASSERT_TRUE(client.Get("/healthz"));  // not data plane: not journaled
    settled_stats(*server);
    const auto result = client.Get("/_mock/journal");
    ASSERT_TRUE(result);
    const json journal = json::parse(result->body);
    EXPECT_EQ(journal["capacity"], 4096);
    EXPECT_EQ(journal["dropped"], 0);
    const json& records = journal["records"];
    ASSERT_EQ(records.size(), 3u);
    const json& first = records[0];
    EXPECT_EQ(first["seq"], 1);
    EXPECT_EQ(first["endpoint"], "chat_completions");
    EXPECT_EQ(first["status"], 200);
    EXPECT_TRUE(first["fault"].is_null());
    EXPECT_TRUE(first["retry_count"].is_null());
    EXPECT_EQ(first["occurrence"], 0);
    EXPECT_EQ(first["body_hash"].get<std::string>().size(), 16u);
    EXPECT_EQ(first["start_us"], first["arrival_us"]);
    EXPECT_GE(first["end_us"].get<std::int64_t>() - first["arrival_us"].get<std::int64_t>(),
              20'000);
    const json& second = records[1];
    EXPECT_EQ(second["status"], 503);
    EXPECT_EQ(second["fault"], "503");
    EXPECT_EQ(second["fault_source"], "header");
    EXPECT_EQ(second["retry_count"], 1);
    EXPECT_EQ(second["occurrence"], 1);
    EXPECT_EQ(second["body_hash"], first["body_hash"]);
    // Sent once the first answer was read, so it arrived at least the first's latency later.
    // (Not after the first's end_us: that is stamped when the server thread resumes after the
    // write, which can be after the client already sent the next request.)
    EXPECT_GE(second["arrival_us"].get<std::int64_t>() - first["arrival_us"].get<std::int64_t>(),
              20'000);
    EXPECT_EQ(records[2]["endpoint"], "models");

    ASSERT_TRUE(client.Post("/_mock/reset"));
    EXPECT_TRUE(json::parse(client.Get("/_mock/journal")->body)["records"].empty());
}

TEST(LiveControl, JournalKeepsTheNewestWithinItsCapacity) {
    ServerConfig config;
    config.journal_capacity = 3;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(post_chat(client, chat_body("ring " + std::to_string(i))));
    }
    settled_stats(*server);
    const json journal = json::parse(client.Get("/_mock/journal")->body);
    EXPECT_EQ(journal["capacity"], 3);
    EXPECT_EQ(journal["dropped"], 2);
    ASSERT_EQ(journal["records"].size(), 3u);
    EXPECT_EQ(journal["records"][0]["seq"], 3);
    EXPECT_EQ(journal["records"][2]["seq"], 5);
}

// The value of the sample line `name` in a Prometheus text, or -1.
double sample(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size() + 2));
}

TEST(LiveControl, MetricsInPrometheusText) {
    ServerConfig config;
    config.profile.chaos.rate("429") = 0.5;
    config.profile.seed = 3;
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    int ok = 0;
    for (int i = 0; i < 20; ++i) {
        ok += post_chat(client, chat_body("metrics " + std::to_string(i)))->status == 200;
    }
    ASSERT_GT(ok, 0);
    ASSERT_LT(ok, 20);
    settled_stats(*server);
    const auto result = client.Get("/metrics");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = result->body;
    EXPECT_EQ(sample(text, "mock_llm_requests_total"), 20);
    EXPECT_EQ(sample(text, "mock_llm_responses_total{status=\"200\"}"), ok);
    EXPECT_EQ(sample(text, "mock_llm_responses_total{status=\"429\"}"), 20 - ok);
    EXPECT_EQ(sample(text, "mock_llm_faults_total{fault=\"429\"}"), 20 - ok);
    EXPECT_EQ(sample(text, "mock_llm_in_flight"), 0);
    EXPECT_EQ(sample(text, "mock_llm_max_in_flight"), 1);
    EXPECT_EQ(sample(text, "mock_llm_queue_depth"), 0);
    EXPECT_EQ(sample(text, "mock_llm_request_duration_seconds_bucket{le=\"+Inf\"}"), 20);
    EXPECT_EQ(sample(text, "mock_llm_request_duration_seconds_count"), 20);
    EXPECT_GE(sample(text, "mock_llm_request_duration_seconds_sum"), 0);
    EXPECT_NE(text.find("# TYPE mock_llm_request_duration_seconds histogram\n"), std::string::npos);
    // Buckets are cumulative.
    EXPECT_LE(sample(text, "mock_llm_request_duration_seconds_bucket{le=\"0.001\"}"),
              sample(text, "mock_llm_request_duration_seconds_bucket{le=\"1\"}"));
    // Control-plane requests are not counted.
    EXPECT_EQ(server->stats().requests_total, 20u);
}

TEST(LiveControl, StatsCountFaultsAndHistogram) {
    ServerConfig config;
    config.profile.latency = LatencyModel::fixed(30ms);
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    ASSERT_TRUE(post_chat(client, chat_body("slow")));
    client.Post("/chat/completions", {{"x-mock-fault", "status=402"}}, chat_body("broke"),
                "application/json");
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.by_fault, (std::map<std::string, std::uint64_t>{{"402", 1}}));
    EXPECT_EQ(stats.latency.total(), 2u);
    EXPECT_EQ(stats.latency.counts[LatencyHistogram::bucket_of(30'000) + 1] +
                  stats.latency.counts[LatencyHistogram::bucket_of(30'000)],
              1u);  // the 30 ms answer: in the (20, 50] ms bucket, or the next if slow
    EXPECT_GE(stats.latency.sum_micros, 30'000u);
    BlockingControlClient control(server->host(), server->port());
    const auto remote = control.get_stats();
    ASSERT_TRUE(remote) << remote.error();
    EXPECT_EQ(*remote, stats);
}

}  // namespace
}  // namespace mock_llm::testing
