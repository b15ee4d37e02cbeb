// The error catalogue: one row per status with DeepSeek's message, type and code, the body it is
// sent in, and the 401 message that masks the API key.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/errors.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/http_response.hpp"

namespace mock_llm {
namespace {

using nlohmann::json;

struct Row {
    int status;
    std::string_view message;
    std::string_view type;
    const char* code;  // nullptr: null
};

// Pinned: clients match on these texts.
const Row kExpected[] = {
    {400, "Invalid request body format", "invalid_request_error", "invalid_request_error"},
    {401, "Authentication Fails (no such user)", "authentication_error", "invalid_request_error"},
    {402, "Insufficient Balance", "unknown_error", "invalid_request_error"},
    {422, "Invalid Parameters", "invalid_request_error", "invalid_request_error"},
    {429, "Rate Limit Reached", "rate_limit_error", "rate_limit_exceeded"},
    {500, "The server had an error while processing your request", "server_error",
     "internal_server_error"},
    {502, "Bad Gateway", "server_error", nullptr},
    {503, "Server Overloaded", "service_unavailable_error", "server_is_overloaded"},
};

TEST(ErrorCatalogue, RowsForTheApiErrors) {
    for (const Row& row : kExpected) {
        SCOPED_TRACE(row.status);
        const ErrorKind* kind = find_error_kind(row.status);
        ASSERT_NE(kind, nullptr);
        EXPECT_EQ(kind->message, row.message);
        EXPECT_EQ(kind->type, row.type);
        EXPECT_EQ(kind->code, row.code == nullptr ? "" : row.code);
    }
}

TEST(ErrorCatalogue, SortedUniqueErrorStatusesWithAReasonPhrase) {
    std::set<int> seen;
    int previous = 0;
    for (const ErrorKind& kind : error_catalogue()) {
        EXPECT_GT(kind.status, previous);
        previous = kind.status;
        EXPECT_GE(kind.status, 400);
        EXPECT_LE(kind.status, 599);
        EXPECT_FALSE(kind.message.empty());
        EXPECT_FALSE(kind.type.empty());
        EXPECT_NE(reason_phrase(kind.status), "Unknown") << kind.status;
        EXPECT_EQ(find_error_kind(kind.status), &kind);
    }
    EXPECT_EQ(find_error_kind(200), nullptr);
    EXPECT_EQ(find_error_kind(418), nullptr);
    EXPECT_EQ(find_error_kind(600), nullptr);
}

TEST(ErrorCatalogue, ApiErrorSendsTheRowInTheOpenAiBody) {
    for (const ErrorKind& kind : error_catalogue()) {
        SCOPED_TRACE(kind.status);
        const Decision d = api_error(kind.status);
        EXPECT_EQ(d.status, kind.status);
        EXPECT_EQ(d.delay.count(), 0);
        EXPECT_FALSE(d.streaming());
        const json body = json::parse(d.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << d.body;
        ASSERT_EQ(body.size(), 1u);
        const json& error = body.at("error");
        EXPECT_EQ(error.size(), 4u);
        EXPECT_EQ(error.at("message"), kind.message);
        EXPECT_EQ(error.at("type"), kind.type);
        EXPECT_TRUE(error.at("param").is_null());
        if (kind.code.empty()) {
            EXPECT_TRUE(error.at("code").is_null());
        } else {
            EXPECT_EQ(error.at("code"), kind.code);
        }
    }
}

TEST(ErrorCatalogue, SpecificMessageAndParam) {
    const json error = json::parse(
        api_error(422, "max_tokens must be a positive integer", "max_tokens").body)["error"];
    EXPECT_EQ(error["message"], "max_tokens must be a positive integer");
    EXPECT_EQ(error["param"], "max_tokens");
    EXPECT_EQ(error["type"], "invalid_request_error");
}

TEST(ErrorBody, NullCodeAndParamWhenEmpty) {
    EXPECT_EQ(json::parse(error_body("m", "t", "")),
              json::parse(R"({"error":{"message":"m","type":"t","param":null,"code":null}})"));
    EXPECT_EQ(json::parse(error_body("m", "t", "c", "p")),
              json::parse(R"({"error":{"message":"m","type":"t","param":"p","code":"c"}})"));
}

TEST(ErrorBody, KeysInDeepSeeksOrder) {
    EXPECT_EQ(error_body("m", "t", "c", "p"),
              R"({"error":{"message":"m","type":"t","param":"p","code":"c"}})");
}

TEST(ErrorBody, InvalidUtf8IsReplacedNotThrown) {
    const std::string body = error_body("bad \xff byte", "t", "c", "\xfe");
    EXPECT_FALSE(json::parse(body, nullptr, false).is_discarded()) << body;
}

TEST(AuthenticationMessage, MasksAllButTheLastFourCharacters) {
    EXPECT_EQ(authentication_failed_message("Bearer sk-1234567890abcd"),
              "Authentication Fails, Your api key: ****abcd is invalid");
    EXPECT_EQ(authentication_failed_message("bearer sk-xyz"),
              "Authentication Fails, Your api key: ****-xyz is invalid");
    EXPECT_EQ(authentication_failed_message("Bearer ab"),
              "Authentication Fails, Your api key: ****ab is invalid");
}

TEST(AuthenticationMessage, NoKeyGetsTheCatalogueMessage) {
    for (std::string_view header : {"", "Bearer ", "Basic dXNlcjpwYXNz", "sk-123456"}) {
        EXPECT_EQ(authentication_failed_message(header), "Authentication Fails (no such user)")
            << header;
    }
}

}  // namespace
}  // namespace mock_llm
