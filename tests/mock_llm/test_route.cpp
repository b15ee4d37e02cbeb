// The routing table: (method, target) -> endpoint, data plane, and the 404/405 answers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/handler.hpp"
#include "mock_llm/route.hpp"

namespace mock_llm {
namespace {

struct RouteCase {
    std::string_view method;
    std::string_view target;
    Endpoint endpoint;
    bool data_plane;
    std::string_view allow;
};

const RouteCase kCases[] = {
    {"POST", "/chat/completions", Endpoint::chat_completions, true, ""},
    {"POST", "/v1/chat/completions", Endpoint::chat_completions, true, ""},
    {"POST", "/v1/chat/completions?stream=false", Endpoint::chat_completions, true, ""},
    {"GET", "/chat/completions", Endpoint::method_not_allowed, true, "POST"},
    {"PUT", "/v1/chat/completions", Endpoint::method_not_allowed, true, "POST"},
    {"post", "/chat/completions", Endpoint::method_not_allowed, true, "POST"},
    {"GET", "/models", Endpoint::models, true, ""},
    {"GET", "/v1/models", Endpoint::models, true, ""},
    {"POST", "/models", Endpoint::method_not_allowed, true, "GET"},
    {"GET", "/user/balance", Endpoint::user_balance, true, ""},
    {"GET", "/v1/user/balance?x=1", Endpoint::user_balance, true, ""},
    {"DELETE", "/user/balance", Endpoint::method_not_allowed, true, "GET"},
    {"GET", "/user", Endpoint::not_found, true, ""},
    {"GET", "/healthz", Endpoint::healthz, false, ""},
    {"POST", "/healthz", Endpoint::method_not_allowed, false, "GET"},
    {"GET", "/_mock/stats", Endpoint::mock_stats, false, ""},
    {"POST", "/_mock/stats", Endpoint::method_not_allowed, false, "GET"},
    {"POST", "/_mock/reset", Endpoint::mock_reset, false, ""},
    {"GET", "/_mock/reset", Endpoint::method_not_allowed, false, "POST"},
    {"GET", "/_mock/unknown", Endpoint::not_found, false, ""},
    {"GET", "/x", Endpoint::not_found, true, ""},
    {"POST", "/chat/completions/", Endpoint::not_found, true, ""},
    {"POST", "/v2/chat/completions", Endpoint::not_found, true, ""},
    {"GET", "/", Endpoint::not_found, true, ""},
    {"GET", "", Endpoint::not_found, true, ""},
};

TEST(Route, TableOfPathsAndMethods) {
    for (const RouteCase& c : kCases) {
        const Route r = route(c.method, c.target);
        SCOPED_TRACE(std::string(c.method) + " " + std::string(c.target));
        EXPECT_EQ(r.endpoint, c.endpoint);
        EXPECT_EQ(r.data_plane, c.data_plane);
        EXPECT_EQ(r.allow, c.allow);
    }
}

TEST(Route, TargetPathDropsTheQuery) {
    EXPECT_EQ(target_path("/a?b=c?d"), "/a");
    EXPECT_EQ(target_path("/a"), "/a");
    EXPECT_EQ(target_path("?x"), "");
}

TEST(RouteError, UnknownPathIs404NamingThePath) {
    const Decision d = route_error(route("GET", "/x?y=1"), "GET", "/x?y=1");
    EXPECT_EQ(d.status, 404);
    const auto body = nlohmann::json::parse(d.body);
    EXPECT_EQ(body["error"]["message"], "Unknown path /x");
    EXPECT_EQ(body["error"]["type"], "invalid_request_error");
    EXPECT_TRUE(d.headers.empty());
    EXPECT_FALSE(d.close);
}

TEST(RouteError, WrongMethodIs405WithAllow) {
    const Decision d = route_error(route("GET", "/chat/completions"), "GET", "/chat/completions");
    EXPECT_EQ(d.status, 405);
    ASSERT_EQ(d.headers.size(), 1u);
    EXPECT_EQ(d.headers[0].name, "Allow");
    EXPECT_EQ(d.headers[0].value, "POST");
    const auto body = nlohmann::json::parse(d.body);
    EXPECT_EQ(body["error"]["message"], "Method GET not allowed on /chat/completions; use POST");
    EXPECT_EQ(body["error"]["code"], "method_not_allowed");
}

TEST(RouteError, PathWithInvalidUtf8IsEscapedNotThrown) {
    const std::string target = "/\xff\xfe";
    const Decision d = route_error(route("GET", target), "GET", target);
    EXPECT_EQ(d.status, 404);
    EXPECT_FALSE(nlohmann::json::parse(d.body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace mock_llm
