// Live: GET /models and /user/balance, each catalogue error through x-mock-fault with its body
// and hints, x-mock-delay-ms, and the 400 for a malformed x-mock-* header (keep-alive kept).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.hpp"
#include "mock_llm/errors.hpp"
#include "raw_connection.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

json parsed_body(const httplib::Result& result) {
    const json body = json::parse(result->body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << result->body;
    return body;
}

TEST(LiveApiEndpoints, ModelsListsDeepSeeksTwoModels) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const json expected = json::parse(R"({"object":"list","data":[
        {"id":"deepseek-chat","object":"model","owned_by":"deepseek"},
        {"id":"deepseek-reasoner","object":"model","owned_by":"deepseek"}]})");
    for (const char* path : {"/models", "/v1/models"}) {
        const auto result = client.Get(path);
        ASSERT_TRUE(result) << httplib::to_string(result.error());
        EXPECT_EQ(result->status, 200);
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        EXPECT_EQ(parsed_body(result), expected);
    }
}

TEST(LiveApiEndpoints, BalanceInDeepSeeksShape) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto result = client.Get("/user/balance");
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(parsed_body(result), json::parse(R"({"is_available":true,"balance_infos":[
        {"currency":"CNY","total_balance":"110.00","granted_balance":"10.00",
         "topped_up_balance":"100.00"}]})"));
}

TEST(LiveApiEndpoints, EachCatalogueErrorThroughTheFaultHeader) {
    ServerConfig config;
    config.profile.latency =
        mock_llm::LatencyModel::fixed(30s);  // a fault that waited would time the client out
    auto server = start_server(config);
    ASSERT_TRUE(server);
    auto client = client_for(*server, 3s);
    for (int status : {400, 401, 402, 422, 429, 500, 502, 503}) {
        SCOPED_TRACE(status);
        const httplib::Headers headers = {{"x-mock-fault", "status=" + std::to_string(status)}};
        const auto result =
            client.Post("/chat/completions", headers, chat_body("fault " + std::to_string(status)),
                        "application/json");
        ASSERT_TRUE(result) << httplib::to_string(result.error());
        EXPECT_EQ(result->status, status);
        const json error = parsed_body(result)["error"];
        const ErrorKind* kind = find_error_kind(status);
        ASSERT_NE(kind, nullptr);
        EXPECT_EQ(error["message"], kind->message);
        EXPECT_EQ(error["type"], kind->type);
        EXPECT_TRUE(error["param"].is_null());
        EXPECT_EQ(error["code"].is_null(), kind->code.empty());
        EXPECT_EQ(result->has_header("Retry-After"), status == 429);
    }
    const Stats stats = settled_stats(*server);
    EXPECT_EQ(stats.requests_total, 8u);
    EXPECT_EQ(stats.by_status.count(200), 0u);
}

TEST(LiveApiEndpoints, FaultHeaderDetails) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto limited =
        client.Post("/v1/chat/completions", {{"x-mock-fault", "status=429;retry_after_ms=200"}},
                    chat_body("limited"), "application/json");
    ASSERT_TRUE(limited) << httplib::to_string(limited.error());
    EXPECT_EQ(limited->status, 429);
    EXPECT_EQ(limited->get_header_value("retry-after-ms"), "200");
    EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
    EXPECT_EQ(parsed_body(limited)["error"]["code"], "rate_limit_exceeded");

    const auto unauthorized = client.Get(
        "/models", {{"x-mock-fault", "status=401"}, {"Authorization", "Bearer sk-test-9f3e"}});
    ASSERT_TRUE(unauthorized) << httplib::to_string(unauthorized.error());
    EXPECT_EQ(unauthorized->status, 401);
    EXPECT_EQ(parsed_body(unauthorized)["error"]["message"],
              "Authentication Fails, Your api key: ****9f3e is invalid");

    const auto broke = client.Get("/user/balance", {{"x-mock-fault", "status=402"}});
    ASSERT_TRUE(broke) << httplib::to_string(broke.error());
    EXPECT_EQ(broke->status, 402);
}

TEST(LiveApiEndpoints, DelayHeaderAddsThatDelay) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const auto fast_start = Clock::now();
    ASSERT_TRUE(post_chat(client, chat_body("fast")));
    const auto fast = Clock::now() - fast_start;

    const auto slow_start = Clock::now();
    const auto slow = client.Post("/chat/completions", {{"x-mock-delay-ms", "300"}},
                                  chat_body("slow"), "application/json");
    const auto elapsed = Clock::now() - slow_start;
    ASSERT_TRUE(slow) << httplib::to_string(slow.error());
    EXPECT_EQ(slow->status, 200);
    EXPECT_GE(elapsed, 300ms);
    EXPECT_LT(elapsed, 300ms + fast + 1s);

    // With a fault too: the error waits as long.
    const auto fault_start = Clock::now();
    const auto fault = client.Post("/chat/completions",
                                   {{"x-mock-delay-ms", "200"}, {"x-mock-fault", "status=503"}},
                                   chat_body("slow fault"), "application/json");
    ASSERT_TRUE(fault) << httplib::to_string(fault.error());
    EXPECT_EQ(fault->status, 503);
    EXPECT_GE(Clock::now() - fault_start, 200ms);
}

TEST(LiveApiEndpoints, MalformedHeaderIs400AndTheConnectionStays) {
    auto server = start_server();
    ASSERT_TRUE(server);
    auto client = client_for(*server);
    const struct {
        const char* header;
        const char* value;
        const char* reason;
    } cases[] = {
        {"x-mock-fault", "status=abc", R"(status must be a whole number, got "abc")"},
        {"x-mock-fault", "status=429;retry_after_ms=-1",
         R"(retry_after_ms must be a whole number, got "-1")"},
        {"x-mock-fault", "status=429;colour=red",
         R"(unknown key "colour"; known keys: status, retry_after_ms)"},
        {"x-mock-delay-ms", "1e3", R"(the value must be a whole number, got "1e3")"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.value);
        const auto result = client.Post("/chat/completions", {{c.header, c.value}},
                                        chat_body("bad header"), "application/json");
        ASSERT_TRUE(result) << httplib::to_string(result.error());
        EXPECT_EQ(result->status, 400);
        const json error = parsed_body(result)["error"];
        EXPECT_EQ(error["message"],
                  "Invalid " + std::string(c.header) + " header \"" + c.value + "\": " + c.reason);
        EXPECT_EQ(error["param"], c.header);
        EXPECT_EQ(error["type"], "invalid_request_error");
    }
}

TEST(LiveApiEndpoints, AfterABadHeaderTheConnectionServesTheNextRequest) {
    auto server = start_server();
    ASSERT_TRUE(server);
    RawConnection connection(server->port());
    const std::string body = chat_body("keep going");
    const std::string request = "POST /chat/completions HTTP/1.1\r\nHost: m\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n";
    ASSERT_TRUE(connection.send_all(request + "x-mock-delay-ms: -1\r\n\r\n" + body));
    const auto rejected = connection.read_response();
    ASSERT_TRUE(rejected);
    EXPECT_EQ(rejected->status, 400);
    EXPECT_EQ(rejected->head.find("Connection: close"), std::string::npos);
    ASSERT_TRUE(connection.send_all(request + "\r\n" + body));
    const auto served = connection.read_response();
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
}

}  // namespace
}  // namespace mock_llm::testing
