// Parsing the model's answer: good (the mock's exact shape and common variants), empty,
// malformed, partial. Never a crash; an unusable answer is an error naming why.
#include <gtest/gtest.h>

#include "qa/analysis/llm_answer.hpp"

namespace qa {
namespace {

// What mock_llm::review_content writes (mock_llm/src/completion.cpp).
const char* const kMockAnswer =
    R"({"issues":[{"category":"assertion","severity":"high","line":12,)"
    R"("message":"The test has no assertion; it only runs the code path.",)"
    R"("suggestion":"Assert on the returned value or on the observable side effect."},)"
    R"({"category":"naming","severity":"low","line":3,)"
    R"("message":"The test name does not say which behaviour it checks.",)"
    R"("suggestion":"Rename it to test_<unit>_<condition>_<expected_result>."}]})";

TEST(LlmAnswer, ReadsTheMockShape) {
    LlmAnswerParser parser;
    const auto answer = parser.parse(kMockAnswer);
    ASSERT_TRUE(answer) << answer.error();
    ASSERT_EQ(answer->issues.size(), 2u);
    EXPECT_EQ(answer->issues[0].category, "assertion");
    EXPECT_EQ(answer->issues[0].severity, Severity::high);
    EXPECT_EQ(answer->issues[0].line, 12u);
    EXPECT_EQ(answer->issues[0].message, "The test has no assertion; it only runs the code path.");
    EXPECT_EQ(answer->issues[0].suggestion,
              "Assert on the returned value or on the observable side effect.");
    EXPECT_EQ(answer->issues[1].severity, Severity::low);
    EXPECT_EQ(answer->skipped, 0u);
}

TEST(LlmAnswer, AnEmptyListIsACleanTest) {
    LlmAnswerParser parser;
    const auto answer = parser.parse(R"({"issues":[]})");
    ASSERT_TRUE(answer) << answer.error();
    EXPECT_TRUE(answer->issues.empty());
}

TEST(LlmAnswer, AcceptsFencesProseAndABareList) {
    LlmAnswerParser parser;
    for (const std::string& text :
         {std::string("```json\n") + kMockAnswer + "\n```",
          std::string("Here is my review:\n") + kMockAnswer + "\nHope it helps.",
          std::string("  \n") + kMockAnswer + "\n\n"}) {
        const auto answer = parser.parse(text);
        ASSERT_TRUE(answer) << answer.error() << " for " << text;
        EXPECT_EQ(answer->issues.size(), 2u);
    }
    const auto list = parser.parse(R"([{"message":"m","severity":"MEDIUM","line":"7"}])");
    ASSERT_TRUE(list) << list.error();
    ASSERT_EQ(list->issues.size(), 1u);
    EXPECT_EQ(list->issues[0].category, "general");
    EXPECT_EQ(list->issues[0].severity, Severity::medium);
    EXPECT_EQ(list->issues[0].line, 7u);
    EXPECT_EQ(list->issues[0].suggestion, "");
}

TEST(LlmAnswer, EmptyAnswersAreErrors) {
    LlmAnswerParser parser;
    for (const char* text : {"", "   ", "\n\t\n", "```json\n```"}) {
        const auto answer = parser.parse(text);
        ASSERT_FALSE(answer) << "for '" << text << "'";
        EXPECT_EQ(answer.error(), "empty answer");
    }
}

TEST(LlmAnswer, MalformedAnswersAreErrorsWithTheReason) {
    LlmAnswerParser parser;
    const auto prose = parser.parse("The test looks fine to me.");
    ASSERT_FALSE(prose);
    EXPECT_EQ(prose.error(), "answer is not JSON: The test looks fine to me.");

    const auto truncated = parser.parse(R"({"issues":[{"category":"assertion","messa)");
    ASSERT_FALSE(truncated);
    EXPECT_TRUE(truncated.error().starts_with("answer is not JSON: ")) << truncated.error();

    const auto no_list = parser.parse(R"({"problems":[]})");
    ASSERT_FALSE(no_list);
    EXPECT_EQ(no_list.error(), "answer has no \"issues\" list");

    const auto wrong_type = parser.parse(R"({"issues":"none"})");
    ASSERT_FALSE(wrong_type);
    EXPECT_EQ(wrong_type.error(), "answer has no \"issues\" list");

    const auto scalar = parser.parse("42");
    ASSERT_FALSE(scalar);

    const auto unusable = parser.parse(R"({"issues":[{"category":"x"}, 3, null]})");
    ASSERT_FALSE(unusable);
    EXPECT_EQ(unusable.error(), "no usable issue in the answer (3 entries without a message)");
}

TEST(LlmAnswer, PartialAnswersKeepTheUsableEntries) {
    LlmAnswerParser parser;
    const auto answer =
        parser.parse(R"({"issues":[{"message":"kept","severity":"catastrophic","line":-4},)"
                     R"({"severity":"high"},"text",{"description":"also kept","line":2.0}]})");
    ASSERT_TRUE(answer) << answer.error();
    ASSERT_EQ(answer->issues.size(), 2u);
    EXPECT_EQ(answer->issues[0].message, "kept");
    EXPECT_EQ(answer->issues[0].severity, Severity::medium);  // unknown word
    EXPECT_EQ(answer->issues[0].line, 0u);                    // invalid line
    EXPECT_EQ(answer->issues[1].message, "also kept");
    EXPECT_EQ(answer->issues[1].line, 2u);
    EXPECT_EQ(answer->skipped, 2u);
}

TEST(LlmAnswer, LongTextsAndListsAreBounded) {
    std::string many = R"({"issues":[)";
    for (std::size_t i = 0; i < kMaxIssuesPerAnswer + 5; ++i)
        many += std::string(i ? "," : "") + R"({"message":")" + std::string(3000, 'm') +
                R"(","category":")" + std::string(200, 'C') + R"("})";
    many += "]}";
    LlmAnswerParser parser;
    const auto answer = parser.parse(many);
    ASSERT_TRUE(answer) << answer.error();
    EXPECT_EQ(answer->issues.size(), kMaxIssuesPerAnswer);
    EXPECT_EQ(answer->skipped, 5u);
    // The limits hold the ellipsis too (fuzz_chat_answer found them 3 bytes over).
    EXPECT_EQ(answer->issues[0].message.size(), kMaxIssueTextBytes);
    EXPECT_EQ(answer->issues[0].category, std::string(kMaxCategoryBytes - 3, 'c') + "...");
}

TEST(LlmAnswer, ACutNeverSplitsAUtf8Sequence) {
    // "é" is two bytes; the cut falls inside one at the limit and backs off to its start.
    std::string category;
    while (category.size() < kMaxCategoryBytes + 10)
        category += "\xc3\xa9";
    LlmAnswerParser parser;
    const auto answer =
        parser.parse(R"({"issues":[{"message":"m","category":")" + category + R"("}]})");
    ASSERT_TRUE(answer) << answer.error();
    const std::string& kept = answer->issues[0].category;
    EXPECT_LE(kept.size(), kMaxCategoryBytes);
    ASSERT_GE(kept.size(), 3u);
    EXPECT_EQ(kept.substr(kept.size() - 3), "...");
    EXPECT_EQ((kept.size() - 3) % 2, 0u) << "a sequence was split";
}

TEST(LlmAnswer, NeverThrowsOnGarbage) {
    LlmAnswerParser parser;
    const std::string inputs[] = {"{",
                                  "}",
                                  "[",
                                  "]",
                                  "{\"issues\":[",
                                  "\xff\xfe{}",
                                  "{}{}",
                                  std::string(1, '\0'),
                                  "{\"issues\":[{\"message\":\"\\ud800\"}]}"};
    for (const std::string& input : inputs)
        EXPECT_NO_THROW((void)parser.parse(input));
}

}  // namespace
}  // namespace qa
