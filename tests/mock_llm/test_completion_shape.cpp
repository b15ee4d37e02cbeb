// The 200 answer: DeepSeek's chat.completion shape, usage arithmetic, and a review content that
// is a deterministic function of the messages.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/completion.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/json_text.hpp"

namespace mock_llm {
namespace {

using nlohmann::json;

json complete(std::string_view body, std::uint64_t occurrence = 0, std::uint64_t seed = 1) {
    ServerConfig config;
    config.profile.seed = seed;
    const Decision d =
        decide_chat(config, ChatCall{body, hash_bytes(body), occurrence, 1700000000, {}});
    EXPECT_EQ(d.status, 200) << d.body;
    return json::parse(d.body);
}

std::string body_with(std::string_view content, std::string_view model = "deepseek-chat") {
    return json{{"model", model}, {"messages", {{{"role", "user"}, {"content", content}}}}}.dump();
}

TEST(CompletionShape, HasEveryKeyOfDeepSeeksAnswer) {
    const json answer = complete(body_with("def test_add(): add(1, 2)"));
    EXPECT_TRUE(answer["id"].is_string());
    EXPECT_EQ(answer["object"], "chat.completion");
    EXPECT_EQ(answer["created"], 1700000000);
    EXPECT_EQ(answer["model"], "deepseek-chat");
    EXPECT_EQ(answer["system_fingerprint"], system_fingerprint(1));
    EXPECT_TRUE(answer["system_fingerprint"].get<std::string>().starts_with("fp_mock_"));
    ASSERT_EQ(answer["choices"].size(), 1u);
    const json& choice = answer["choices"][0];
    EXPECT_EQ(choice["index"], 0);
    EXPECT_EQ(choice["message"]["role"], "assistant");
    EXPECT_TRUE(choice["message"]["content"].is_string());
    EXPECT_TRUE(choice["logprobs"].is_null());
    EXPECT_EQ(choice["finish_reason"], "stop");
    const json& usage = answer["usage"];
    for (const char* key : {"prompt_tokens", "completion_tokens", "total_tokens",
                            "prompt_cache_hit_tokens", "prompt_cache_miss_tokens"}) {
        EXPECT_TRUE(usage[key].is_number_unsigned()) << key;
    }
    EXPECT_EQ(usage["prompt_tokens_details"]["cached_tokens"], 0);
}

TEST(CompletionShape, UsageAddsUp) {
    const std::string text(41, 'x');  // ceil(41 / 4) = 11 prompt tokens
    const json answer = complete(body_with(text));
    const json& usage = answer["usage"];
    const std::string content = answer["choices"][0]["message"]["content"];
    EXPECT_EQ(usage["prompt_tokens"], 11);
    EXPECT_EQ(usage["completion_tokens"], estimate_tokens(content.size()));
    EXPECT_EQ(usage["total_tokens"].get<int>(),
              usage["prompt_tokens"].get<int>() + usage["completion_tokens"].get<int>());
    EXPECT_EQ(usage["prompt_cache_hit_tokens"], 0);
    EXPECT_EQ(usage["prompt_cache_miss_tokens"], usage["prompt_tokens"]);
}

TEST(CompletionShape, SystemPrefixCountsAsCacheHitsInUnitsOf64) {
    const json body = {{"messages",
                        {{{"role", "system"}, {"content", std::string(100 * 4, 's')}},
                         {{"role", "user"}, {"content", "def test_a(): pass"}}}}};
    const json usage = complete(body.dump())["usage"];
    EXPECT_EQ(usage["prompt_tokens"], 100 + 5);
    EXPECT_EQ(usage["prompt_cache_hit_tokens"], 64);
    EXPECT_EQ(usage["prompt_cache_miss_tokens"], 100 + 5 - 64);
    EXPECT_EQ(usage["prompt_tokens_details"]["cached_tokens"], 64);
}

TEST(CompletionShape, FingerprintIsFixedPerSeed) {
    EXPECT_EQ(system_fingerprint(7), system_fingerprint(7));
    EXPECT_NE(system_fingerprint(7), system_fingerprint(8));
    EXPECT_EQ(system_fingerprint(7).size(), 14u);
}

TEST(CompletionShape, EchoesTheModelEscaped) {
    const json answer = complete(body_with("x", "my \"model\"\n\\"));
    EXPECT_EQ(answer["model"], "my \"model\"\n\\");
}

TEST(CompletionShape, ContentIsAReviewDocument) {
    std::set<std::size_t> issue_counts;
    for (int i = 0; i < 200; ++i) {
        const json content = json::parse(review_content(mix64(static_cast<std::uint64_t>(i))));
        ASSERT_TRUE(content["issues"].is_array());
        issue_counts.insert(content["issues"].size());
        for (const json& issue : content["issues"]) {
            EXPECT_TRUE(issue["category"].is_string());
            EXPECT_TRUE(issue["severity"] == "low" || issue["severity"] == "medium" ||
                        issue["severity"] == "high");
            EXPECT_GE(issue["line"].get<int>(), 1);
            EXPECT_TRUE(issue["message"].is_string());
            EXPECT_TRUE(issue["suggestion"].is_string());
        }
        if (content["issues"].size() == 2) {
            EXPECT_NE(content["issues"][0]["message"], content["issues"][1]["message"]);
        }
    }
    EXPECT_EQ(issue_counts, (std::set<std::size_t>{0, 1, 2}));
}

TEST(CompletionDeterminism, SameBodySameContentWhateverTheOccurrence) {
    const std::string body = body_with("def test_x(): assert f() is not None");
    const json first = complete(body, 0);
    const json retry = complete(body, 5);
    EXPECT_EQ(first["choices"][0]["message"]["content"], retry["choices"][0]["message"]["content"]);
    EXPECT_EQ(first["usage"], retry["usage"]);
}

TEST(CompletionDeterminism, IdIsDeterministicPerBodyAndOccurrence) {
    const std::string body = body_with("abc");
    EXPECT_EQ(complete(body, 0)["id"], complete(body, 0)["id"]);
    EXPECT_NE(complete(body, 0)["id"], complete(body, 1)["id"]);
    EXPECT_NE(complete(body, 0, 1)["id"], complete(body, 0, 2)["id"]);
}

TEST(CompletionShape, TheReviewsEscapedFormIsItsTextEscaped) {
    std::set<std::size_t> issue_counts;
    for (int i = 0; i < 500; ++i) {
        const std::uint64_t hash = mix64(static_cast<std::uint64_t>(i));
        const ReviewContent review = make_review(hash);
        std::string escaped;
        append_json_string(escaped, review.text);
        EXPECT_EQ('"' + review.json_escaped + '"', escaped) << review.text;
        EXPECT_EQ(review.text, review_content(hash));
        issue_counts.insert(json::parse(review.text)["issues"].size());
    }
    EXPECT_EQ(issue_counts, (std::set<std::size_t>{0, 1, 2}));
}

TEST(CompletionShape, ABodyWithTheContentEscapedAheadIsTheSameBytes) {
    const ReviewContent review = make_review(hash_bytes("def test_x(): pass"));
    Completion completion;
    completion.id = "id";
    completion.created_unix = 1700000000;
    completion.model = "deepseek-chat";
    completion.system_fingerprint = "fp_mock_000000";
    completion.content = review.text;
    const std::string escaped_here = completion_body(completion);
    completion.content_escaped = review.json_escaped;
    EXPECT_EQ(completion_body(completion), escaped_here);
    EXPECT_EQ(json::parse(escaped_here)["choices"][0]["message"]["content"], review.text);
}

TEST(CompletionDeterminism, DifferentMessagesUsuallyDifferentContent) {
    std::set<std::string> contents;
    for (int i = 0; i < 50; ++i) {
        contents.insert(review_content(hash_bytes("function " + std::to_string(i))));
    }
    EXPECT_GT(contents.size(), 10u);
}

// 8-4-4-4-12 lowercase hex, version nibble 4, variant 8..b. (No std::regex: GCC 12 warns on it
// under the sanitizers.)
bool is_uuid4_shaped(std::string_view id) {
    if (id.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f');
        if (dash ? id[i] != '-' : !hex) {
            return false;
        }
    }
    return id[14] == '4' && std::string_view("89ab").find(id[19]) != std::string_view::npos;
}

TEST(CompletionId, LooksLikeAUuid) {
    for (std::uint64_t h : {0ULL, 1ULL, 0xffffffffffffffffULL, 0x1234ULL}) {
        EXPECT_TRUE(is_uuid4_shaped(completion_id(h).view())) << completion_id(h).view();
    }
    EXPECT_FALSE(is_uuid4_shaped("07b9e07e-3e4d-3f04-81d7-6e4d5d82037f"));
    EXPECT_NE(completion_id(1).view(), completion_id(2).view());
}

TEST(CompletionId, IsTheSameFromVersionToVersion) {
    // A run's ids are a function of the seed and the requests: the same in every build, so two
    // builds' journals can be compared line by line.
    EXPECT_EQ(completion_id(1).view(), "910a2dec-8902-4cc1-a9fd-6049d65af21e");
}

TEST(JsonText, StringRoundTripsThroughAParser) {
    const std::string tricky = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' +
                               " bell \x07 unicode \xc3\xa9";
    std::string out;
    append_json_string(out, tricky);
    EXPECT_EQ(json::parse(out).get<std::string>(), tricky);
}

// The writer makes room ahead and grows it when escapes outrun its first guess: text that is
// all escapes (six bytes each for control characters) must still come out whole, after what the
// string already held.
TEST(JsonText, TextOfOnlyEscapesGrowsTheRoomAndKeepsWhatCameBefore) {
    std::string every_control;
    for (int c = 0; c < 0x20; ++c) {
        every_control += static_cast<char>(c);
    }
    for (const std::string& text :
         {std::string(), every_control, std::string(1000, '"'), std::string(5000, '\x01'),
          std::string(300, 'a') + std::string(300, '\\') + std::string(300, '\n')}) {
        std::string out = "[1,";
        append_json_string(out, text);
        out += ']';
        const json parsed = json::parse(out);
        EXPECT_EQ(parsed[1].get<std::string>(), text) << text.size();
        EXPECT_EQ(out.substr(0, 3), "[1,");
    }
    std::string control;
    append_json_string(control, std::string_view("\x1f\x00", 2));
    EXPECT_EQ(control, R"("\u001f\u0000")");
}

TEST(JsonText, Integers) {
    std::string out;
    append_integer(out, -12);
    append_integer(out, 18446744073709551615ULL);
    EXPECT_EQ(out, "-1218446744073709551615");
}

}  // namespace
}  // namespace mock_llm
