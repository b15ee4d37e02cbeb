// Validation of chat request bodies: 400 for malformed JSON, 422 for a wrong shape naming the
// field, and what an accepted body yields.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/chat_request.hpp"
#include "mock_llm/completion.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"

namespace mock_llm {
namespace {

struct RejectCase {
    std::string_view body;
    int status;
    std::string_view message;  // exact, or a prefix when it ends with "..."
    std::string_view param = "";
};

const RejectCase kRejections[] = {
    {"", 400, "Invalid JSON body: ..."},
    {"{", 400, "Invalid JSON body: ..."},
    {"{bad", 400, "Invalid JSON body: parse error at line 1, column 2: ..."},
    {R"({"messages": [}])", 400, "Invalid JSON body: ..."},
    {"\xff", 400, "Invalid JSON body: ..."},
    {"[]", 422, "request body must be a JSON object"},
    {"42", 422, "request body must be a JSON object"},
    {"{}", 422, "messages is required", "messages"},
    {R"({"model":"deepseek-chat"})", 422, "messages is required", "messages"},
    {R"({"messages":null})", 422, "messages must be a non-empty array", "messages"},
    {R"({"messages":"hi"})", 422, "messages must be a non-empty array", "messages"},
    {R"({"messages":[]})", 422, "messages must be a non-empty array", "messages"},
    {R"({"messages":[1]})", 422, "messages[0] must be an object", "messages[0]"},
    {R"({"messages":[{"content":"x"}]})", 422, "messages[0].role must be a string",
     "messages[0].role"},
    {R"({"messages":[{"role":1,"content":"x"}]})", 422, "messages[0].role must be a string",
     "messages[0].role"},
    {R"({"messages":[{"role":"user"}]})", 422, "messages[0].content must be a string",
     "messages[0].content"},
    {R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":null}]})", 422,
     "messages[1].content must be a string", "messages[1].content"},
    {R"({"messages":[{"role":"wizard","content":"x"}]})", 422,
     "messages[0].role must be one of system, user, assistant, tool", "messages[0].role"},
    {R"({"messages":[{"role":"User","content":"x"}]})", 422,
     "messages[0].role must be one of system, user, assistant, tool", "messages[0].role"},
};

// A macro so that bodies stay string literals (the tables hold string_views).
#define VALID_MESSAGES R"("messages":[{"role":"user","content":"x"}])"

const RejectCase kOptionRejections[] = {
    {"{" VALID_MESSAGES R"(,"stream":"yes"})", 422, "stream must be a boolean", "stream"},
    {"{" VALID_MESSAGES R"(,"stream":1})", 422, "stream must be a boolean", "stream"},
    {"{" VALID_MESSAGES R"(,"max_tokens":0})", 422, "max_tokens must be a positive integer",
     "max_tokens"},
    {"{" VALID_MESSAGES R"(,"max_tokens":-3})", 422, "max_tokens must be a positive integer",
     "max_tokens"},
    {"{" VALID_MESSAGES R"(,"max_tokens":2.5})", 422, "max_tokens must be a positive integer",
     "max_tokens"},
    {"{" VALID_MESSAGES R"(,"max_tokens":"10"})", 422, "max_tokens must be a positive integer",
     "max_tokens"},
    {"{" VALID_MESSAGES R"(,"stream_options":true})", 422, "stream_options must be an object",
     "stream_options"},
    {"{" VALID_MESSAGES R"(,"stream":true,"stream_options":[]})", 422,
     "stream_options must be an object", "stream_options"},
    {"{" VALID_MESSAGES R"(,"stream":true,"stream_options":{"include_usage":"y"}})", 422,
     "stream_options.include_usage must be a boolean", "stream_options.include_usage"},
    {"{" VALID_MESSAGES R"(,"temperature":"hot"})", 422, "temperature must be a number in 0..2",
     "temperature"},
    {"{" VALID_MESSAGES R"(,"temperature":2.5})", 422, "temperature must be a number in 0..2",
     "temperature"},
    {"{" VALID_MESSAGES R"(,"temperature":-0.1})", 422, "temperature must be a number in 0..2",
     "temperature"},
    {"{" VALID_MESSAGES R"(,"top_p":1.5})", 422, "top_p must be a number in 0..1", "top_p"},
    {"{" VALID_MESSAGES R"(,"frequency_penalty":-3})", 422,
     "frequency_penalty must be a number in -2..2", "frequency_penalty"},
    {"{" VALID_MESSAGES R"(,"presence_penalty":[1]})", 422,
     "presence_penalty must be a number in -2..2", "presence_penalty"},
    {"{" VALID_MESSAGES R"(,"response_format":"json"})", 422,
     R"(response_format must be {"type": "text"} or {"type": "json_object"})", "response_format"},
    {"{" VALID_MESSAGES R"(,"response_format":{"type":"json_schema"}})", 422,
     R"(response_format must be {"type": "text"} or {"type": "json_object"})", "response_format"},
    {"{" VALID_MESSAGES R"(,"response_format":{}})", 422,
     R"(response_format must be {"type": "text"} or {"type": "json_object"})", "response_format"},
    {"{" VALID_MESSAGES R"(,"model":7})", 422, "model must be a string", "model"},
    // Messages are checked first.
    {R"({"messages":[],"stream":"yes"})", 422, "messages must be a non-empty array", "messages"},
};

void expect_rejection(const RejectCase& c) {
    SCOPED_TRACE(std::string(c.body));
    const auto parsed = parse_chat_request(c.body);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().status, c.status);
    if (c.message.ends_with("...")) {
        EXPECT_TRUE(parsed.error().message.starts_with(c.message.substr(0, c.message.size() - 3)))
            << parsed.error().message;
    } else {
        EXPECT_EQ(parsed.error().message, c.message);
    }
    EXPECT_EQ(parsed.error().param, c.param);
}

TEST(ChatValidation, RejectsWithStatusAndMessage) {
    for (const RejectCase& c : kRejections) {
        expect_rejection(c);
    }
}

TEST(ChatValidation, RejectsBadOptionsNamingTheField) {
    for (const RejectCase& c : kOptionRejections) {
        expect_rejection(c);
    }
}

TEST(ChatValidation, ReadsTheOptions) {
    const auto defaults = parse_chat_request("{" VALID_MESSAGES "}");
    ASSERT_TRUE(defaults);
    EXPECT_FALSE(defaults->stream);
    EXPECT_FALSE(defaults->include_usage);
    EXPECT_EQ(defaults->max_tokens, 0u);

    const auto nulls = parse_chat_request(
        "{" VALID_MESSAGES R"(,"stream":null,"max_tokens":null,"stream_options":null})");
    ASSERT_TRUE(nulls) << nulls.error().message;
    EXPECT_FALSE(nulls->stream);
    EXPECT_EQ(nulls->max_tokens, 0u);

    // The settings the real API takes, at their bounds, and every role it knows.
    const auto settings = parse_chat_request(
        R"({"model":"deepseek-chat","messages":[{"role":"system","content":"s"},)"
        R"({"role":"user","content":"u"},{"role":"assistant","content":"a"},)"
        R"({"role":"tool","content":"t"}],"temperature":0,"top_p":1,"frequency_penalty":-2,)"
        R"("presence_penalty":2,"response_format":{"type":"json_object"}})");
    ASSERT_TRUE(settings) << settings.error().message;
    const auto text_format = parse_chat_request(
        "{" VALID_MESSAGES R"(,"temperature":2,"response_format":{"type":"text"},"model":null})");
    ASSERT_TRUE(text_format) << text_format.error().message;
    EXPECT_EQ(text_format->model, kDefaultModel);

    const auto all = parse_chat_request(
        "{" VALID_MESSAGES
        R"(,"stream":true,"max_tokens":18446744073709551615,"stream_options":{"include_usage":true}})");
    ASSERT_TRUE(all) << all.error().message;
    EXPECT_TRUE(all->stream);
    EXPECT_TRUE(all->include_usage);
    EXPECT_EQ(all->max_tokens, 18446744073709551615u);
}

#undef VALID_MESSAGES

TEST(ChatValidation, PromptTokensPerMessageAndTheSystemPrefix) {
    const std::string system(130 * 4, 's');  // 130 tokens
    const auto parsed = parse_chat_request(nlohmann::json{
        {"messages",
         {{{"role", "system"}, {"content", system}},
          {{"role", "user"}, {"content", "a"}},
          {{"role", "system"}, {"content", "late system text"}},
          {{"role", "user"},
           {"content", ""}}}}}.dump());
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->prompt_tokens, 130u + 1u + 4u + 0u);  // at least 1 per non-empty message
    EXPECT_EQ(parsed->system_prefix_tokens, 130u);          // leading system messages only
}

TEST(ChatValidation, RejectionBecomesAnErrorBody) {
    const Decision bad_json =
        decide_chat(ServerConfig{}, ChatCall{"{bad", hash_bytes("{bad"), 0, 0, {}});
    EXPECT_EQ(bad_json.status, 400);
    EXPECT_EQ(bad_json.delay.count(), 0);
    const auto body = nlohmann::json::parse(bad_json.body);
    EXPECT_EQ(body["error"]["type"], "invalid_request_error");
    EXPECT_EQ(body["error"]["code"], "invalid_request_error");
    EXPECT_TRUE(body["error"]["param"].is_null());

    const Decision missing =
        decide_chat(ServerConfig{}, ChatCall{"{}", hash_bytes("{}"), 0, 0, {}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["message"], "messages is required");
    EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["param"], "messages");
}

TEST(ChatValidation, ValidationComesBeforeFaults) {
    ServerConfig always_429;
    always_429.profile.chaos.rate("429") = 1.0;
    EXPECT_EQ(decide_chat(always_429, ChatCall{"{}", hash_bytes("{}"), 0, 0, {}}).status, 422);
}

TEST(ChatValidation, AcceptedBodyYieldsModelCharsAndHash) {
    const auto parsed = parse_chat_request(
        R"({"model":"deepseek-reasoner","messages":[{"role":"system","content":"abc"},)"
        R"({"role":"user","content":"hello"}],"temperature":0})");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->model, "deepseek-reasoner");
    EXPECT_EQ(parsed->prompt_chars, 8u);
}

// Missing or null, the model is the default (a curl line need not name it); of another type it
// is refused like any setting (kOptionRejections).
TEST(ChatValidation, ModelDefaultsWhenMissingOrNull) {
    for (std::string_view body : {R"({"messages":[{"role":"user","content":"x"}]})",
                                  R"({"model":null,"messages":[{"role":"user","content":"x"}]})"}) {
        const auto parsed = parse_chat_request(body);
        ASSERT_TRUE(parsed);
        EXPECT_EQ(parsed->model, kDefaultModel);
    }
}

TEST(ChatValidation, MessagesHashIgnoresFormattingButNotText) {
    const auto compact = parse_chat_request(R"({"messages":[{"role":"user","content":"x"}]})");
    const auto spaced =
        parse_chat_request(R"({ "model": "m", "messages" : [ {"content":"x", "role":"user"} ] })");
    const auto other_role = parse_chat_request(R"({"messages":[{"role":"system","content":"x"}]})");
    const auto split = parse_chat_request(
        R"({"messages":[{"role":"user","content":"ab"},{"role":"user","content":"c"}]})");
    const auto split_other = parse_chat_request(
        R"({"messages":[{"role":"user","content":"a"},{"role":"user","content":"bc"}]})");
    const auto swapped = parse_chat_request(
        R"({"messages":[{"role":"user","content":"c"},{"role":"user","content":"ab"}]})");
    ASSERT_TRUE(compact && spaced && other_role && split && split_other && swapped);
    EXPECT_EQ(compact->messages_hash, spaced->messages_hash);
    EXPECT_NE(compact->messages_hash, other_role->messages_hash);
    EXPECT_NE(split->messages_hash, split_other->messages_hash);
    EXPECT_NE(split->messages_hash, swapped->messages_hash);
}

}  // namespace
}  // namespace mock_llm
