// The streamed answer as a pure decision: chat.completion.chunk events in DeepSeek's order, the
// same content and usage as the JSON answer, and [DONE] last.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/stream.hpp"
#include "sse.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;

Decision decide(const std::string& body) {
    return decide_chat(ServerConfig{}, ChatCall{body, hash_bytes(body), 0, 1700000000, {}});
}

ParsedStream streamed(const std::string& text, json options) {
    options["stream"] = true;
    const Decision d = decide(chat_body_with(text, options));
    EXPECT_EQ(d.status, 200);
    EXPECT_TRUE(d.streaming());
    EXPECT_EQ(d.event_interval.count(), 0);
    return parse_stream(d.body);
}

TEST(StreamEvents, EventsTileTheBody) {
    const Decision d = decide(chat_body_with(text_with_issues(), {{"stream", true}}));
    ASSERT_TRUE(d.streaming());
    std::size_t begin = 0;
    for (const std::size_t end : d.event_ends) {
        ASSERT_GT(end, begin);
        const std::string_view event(d.body.data() + begin, end - begin);
        EXPECT_TRUE(event.starts_with("data: ")) << event;
        EXPECT_TRUE(event.ends_with("\n\n")) << event;
        begin = end;
    }
    EXPECT_EQ(begin, d.body.size());
}

TEST(StreamEvents, ChunksInDeepSeeksOrderWithoutUsage) {
    const std::string text = text_with_issues();
    const ParsedStream stream = streamed(text, json::object());
    ASSERT_TRUE(stream.done_last);
    ASSERT_GE(stream.chunks.size(), 3u);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < stream.chunks.size(); ++i) {
        const json& chunk = stream.chunks[i];
        SCOPED_TRACE(chunk.dump());
        ids.insert(chunk["id"].get<std::string>());
        EXPECT_EQ(chunk["object"], "chat.completion.chunk");
        EXPECT_EQ(chunk["created"], 1700000000);
        EXPECT_EQ(chunk["model"], "deepseek-chat");
        EXPECT_TRUE(chunk["system_fingerprint"].get<std::string>().starts_with("fp_mock_"));
        EXPECT_FALSE(chunk.contains("usage"));
        ASSERT_EQ(chunk["choices"].size(), 1u);
        const json& choice = chunk["choices"][0];
        EXPECT_EQ(choice["index"], 0);
        EXPECT_TRUE(choice["logprobs"].is_null());
        const bool last = i + 1 == stream.chunks.size();
        if (i == 0) {
            EXPECT_EQ(choice["delta"], json::parse(R"({"role":"assistant","content":""})"));
        } else if (last) {
            EXPECT_EQ(choice["delta"], json::object());
        } else {
            EXPECT_EQ(choice["delta"].size(), 1u);
            EXPECT_LE(choice["delta"]["content"].get<std::string>().size(), kStreamPieceBytes);
        }
        if (last) {
            EXPECT_EQ(choice["finish_reason"], "stop");
        } else {
            EXPECT_TRUE(choice["finish_reason"].is_null());
        }
    }
    EXPECT_EQ(ids.size(), 1u);
    const std::string content = answer_content(chat_body_with(text));
    EXPECT_EQ(stream_content(stream), content);
    EXPECT_EQ(stream.chunks.size(), 2 + estimate_tokens(content.size()));
}

TEST(StreamEvents, IncludeUsageAddsAFinalUsageChunk) {
    const std::string text = text_with_issues();
    const ParsedStream stream = streamed(text, {{"stream_options", {{"include_usage", true}}}});
    ASSERT_TRUE(stream.done_last);
    ASSERT_GE(stream.chunks.size(), 4u);
    for (std::size_t i = 0; i + 1 < stream.chunks.size(); ++i) {
        ASSERT_TRUE(stream.chunks[i].contains("usage")) << i;
        EXPECT_TRUE(stream.chunks[i]["usage"].is_null()) << i;
        EXPECT_EQ(stream.chunks[i]["choices"].size(), 1u);
    }
    EXPECT_EQ(stream.chunks[stream.chunks.size() - 2]["choices"][0]["finish_reason"], "stop");
    const json& last = stream.chunks.back();
    EXPECT_EQ(last["choices"], json::array());
    EXPECT_EQ(last["id"], stream.chunks.front()["id"]);
    const Decision plain = decide(chat_body_with(text));
    EXPECT_EQ(last["usage"], json::parse(plain.body)["usage"]);
}

TEST(StreamEvents, IncludeUsageFalseIsLikeNoOptions) {
    const std::string text = text_with_issues();
    const ParsedStream without = streamed(text, {{"stream_options", {{"include_usage", false}}}});
    for (const json& chunk : without.chunks) {
        EXPECT_FALSE(chunk.contains("usage"));
    }
}

TEST(StreamEvents, MaxTokensCutsTheStreamToo) {
    const std::string text = text_with_issues();
    const ParsedStream stream = streamed(text, {{"max_tokens", 3}});
    const json plain = json::parse(decide(chat_body_with(text, {{"max_tokens", 3}})).body);
    EXPECT_EQ(stream_content(stream), plain["choices"][0]["message"]["content"]);
    EXPECT_EQ(stream.chunks.back()["choices"][0]["finish_reason"], "length");
    EXPECT_EQ(stream.chunks.size(), 2u + 3u);
}

TEST(StreamEvents, MultibyteContentSplitsOnCharacterBoundaries) {
    // The review content is ASCII; a direct call covers content with multibyte characters.
    const std::string content = "\xe2\x82\xac\xe2\x82\xac\xf0\x9f\x98\x80 \"quoted\"\n";
    Completion completion;
    completion.id = "x";
    completion.model = "m";
    completion.system_fingerprint = "fp";
    completion.content = content;
    const ParsedStream stream = parse_stream(stream_events(completion, false).text);
    EXPECT_TRUE(stream.done_last);
    EXPECT_EQ(stream_content(stream), content);
}

TEST(StreamEvents, ErrorsAreNotStreamed) {
    const Decision invalid = decide(R"({"messages":[],"stream":true})");
    EXPECT_EQ(invalid.status, 422);
    EXPECT_FALSE(invalid.streaming());
    ServerConfig limited;
    limited.profile.chaos.rate("429") = 1.0;
    const std::string body = chat_body_with("x", {{"stream", true}});
    const Decision rate_limited = decide_chat(limited, ChatCall{body, hash_bytes(body), 0, 0, {}});
    EXPECT_EQ(rate_limited.status, 429);
    EXPECT_FALSE(rate_limited.streaming());
}

}  // namespace
}  // namespace mock_llm::testing
