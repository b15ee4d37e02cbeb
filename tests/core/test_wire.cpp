#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "qa/analysis/utf8.hpp"
#include "qa/llm/wire.hpp"

namespace qa {
namespace {

constexpr const char* kAnswer = R"({
  "id": "abc", "object": "chat.completion", "created": 1, "model": "deepseek-chat",
  "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\"issues\": []}"},
               "logprobs": null, "finish_reason": "stop"}],
  "usage": {"prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17}
})";

TEST(Wire, RequestCarriesModelMessagesAndJsonMode) {
    ChatRequest request;
    request.messages = {{"system", "be brief"}, {"user", "hi \"there\""}};
    request.max_tokens = 64;
    const auto body = nlohmann::json::parse(to_request_json(request, "deepseek-chat"));
    EXPECT_EQ(body["model"], "deepseek-chat");
    EXPECT_EQ(body["messages"].size(), 2u);
    EXPECT_EQ(body["messages"][1]["content"], "hi \"there\"");
    EXPECT_EQ(body["response_format"]["type"], "json_object");
    EXPECT_EQ(body["max_tokens"], 64);
    EXPECT_EQ(body["stream"], false);
    EXPECT_FALSE(body.contains("temperature"));
}

TEST(Wire, RequestModelOverridesTheDefault) {
    ChatRequest request;
    request.model = "deepseek-reasoner";
    request.json_mode = false;
    const auto body = nlohmann::json::parse(to_request_json(request, "deepseek-chat"));
    EXPECT_EQ(body["model"], "deepseek-reasoner");
    EXPECT_FALSE(body.contains("response_format"));
}

TEST(Wire, TheBodyWriterWritesWhatAppendRequestJsonWrites) {
    // Its kept system message is reused only while the text is the same: same, changed (also to
    // one of the same length), absent, and text that needs escaping.
    const std::string system = "Answer in \"JSON\".\n\tOnly JSON.";
    std::string changed = system;
    changed[0] = 'a';
    const std::vector<std::vector<ChatMessage>> requests = {
        {{"system", system}, {"user", "first"}},
        {{"system", system}, {"user", "second \u00e9"}},
        {{"system", changed}, {"user", "third"}},
        {{"user", "no system message"}},
        {{"system", changed}, {"user", "fifth"}},
        {{"system", ""}, {"user", "empty system message"}},
        {{"user", "a"}, {"system", system}, {"system", changed}},
    };
    RequestBodyWriter writer;
    for (const auto& messages : requests) {
        ChatRequest request;
        request.messages = messages;
        std::string written = "kept|";
        writer.append(written, request, "deepseek-chat");
        EXPECT_EQ(written, "kept|" + to_request_json(request, "deepseek-chat"));
    }
}

TEST(Wire, ParsesAnAnswer) {
    const auto parsed = parse_chat_response(kAnswer);
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->id, "abc");
    EXPECT_EQ(parsed->content, "{\"issues\": []}");
    EXPECT_EQ(parsed->finish_reason, "stop");
    EXPECT_EQ(parsed->usage.prompt_tokens, 12);
    EXPECT_EQ(parsed->usage.completion_tokens, 5);
}

TEST(Wire, ToleratesKeepAliveBlankLinesAndComments) {
    const auto parsed = parse_chat_response(std::string("\n\n\r\n: keep-alive\n\n") + kAnswer);
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->id, "abc");
}

TEST(Wire, RefusesBrokenAnswersWithAReason) {
    const std::pair<const char*, const char*> cases[] = {
        {"", "empty answer body"},
        {"\n\n\n", "empty answer body"},
        {"{\"choices\": [", "answer is not JSON"},
        {"[1,2]", "answer is not a JSON object"},
        {"{}", "answer has no choices"},
        {"{\"choices\": []}", "answer has no choices"},
        {"{\"choices\": [{}]}", "answer choice has no message"},
        {"{\"choices\": [{\"message\": {\"content\": null}}]}", "answer message has no content"},
    };
    for (const auto& [body, reason] : cases) {
        const auto parsed = parse_chat_response(body);
        ASSERT_FALSE(parsed) << body;
        EXPECT_TRUE(parsed.error().starts_with(reason)) << body << " -> " << parsed.error();
    }
}

TEST(Wire, ErrorMessageFromAnOpenAiBody) {
    EXPECT_EQ(error_message_from_body(
                  R"({"error":{"message":"Rate Limit Reached","type":"rate_limit_error"}})"),
              "Rate Limit Reached");
    EXPECT_EQ(error_message_from_body("Bad Gateway"), "Bad Gateway");
    EXPECT_EQ(error_message_from_body(std::string(1000, 'x')).size(), 203u);
}

TEST(Wire, AnExcerptNeverEndsInsideAUtf8Character) {
    // Bytes 199..200 are one two-byte character: the cut at 200 would split it.
    const std::string body = std::string(199, 'x') + "\xC3\xA9" + std::string(50, 'y');
    const std::string excerpt = error_message_from_body(body);
    EXPECT_EQ(excerpt, std::string(199, 'x') + "...");
    EXPECT_FALSE(find_invalid_utf8(excerpt).has_value());
    // A character that ends at the cut is kept whole.
    const std::string fits = std::string(198, 'x') + "\xC3\xA9" + std::string(50, 'y');
    EXPECT_EQ(error_message_from_body(fits), std::string(198, 'x') + "\xC3\xA9...");
}

}  // namespace
}  // namespace qa

namespace qa {
namespace {

// Found by fuzz/fuzz_chat_answer: an empty error body reached simdjson as a null pointer
// (undefined behaviour, caught by UBSan).
TEST(ErrorMessage, AnEmptyOrBlankBodyIsItsOwnExcerpt) {
    EXPECT_EQ(error_message_from_body(std::string_view()), "");
    EXPECT_EQ(error_message_from_body("\n\n"), "\n\n");
}

}  // namespace
}  // namespace qa
