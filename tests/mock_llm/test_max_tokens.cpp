// max_tokens: the content cut to that many estimated tokens on a character boundary, with
// finish_reason "length" and usage that says so.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chat_bodies.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/tokens.hpp"

namespace mock_llm::testing {
namespace {

using nlohmann::json;

json answer(const std::string& body) {
    const Decision d =
        decide_chat(ServerConfig{}, ChatCall{body, hash_bytes(body), 0, 1700000000, {}});
    EXPECT_EQ(d.status, 200) << d.body;
    const json parsed = json::parse(d.body, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << d.body;
    return parsed;
}

TEST(MaxTokens, CutsTheContentWithFinishReasonLength) {
    const std::string text = text_with_issues();
    const std::string full = answer_content(chat_body_with(text));
    for (int budget : {1, 2, 5, 17}) {
        SCOPED_TRACE(budget);
        const json cut = answer(chat_body_with(text, {{"max_tokens", budget}}));
        const json& choice = cut["choices"][0];
        const std::string content = choice["message"]["content"];
        EXPECT_EQ(choice["finish_reason"], "length");
        EXPECT_TRUE(full.starts_with(content));
        EXPECT_EQ(estimate_tokens(content.size()), static_cast<std::size_t>(budget));
        EXPECT_EQ(cut["usage"]["completion_tokens"], budget);
        EXPECT_EQ(cut["usage"]["total_tokens"].get<int>(),
                  cut["usage"]["prompt_tokens"].get<int>() + budget);
    }
}

TEST(MaxTokens, AmpleBudgetChangesNothing) {
    const std::string text = text_with_issues();
    const json plain = answer(chat_body_with(text));
    const std::size_t tokens = plain["usage"]["completion_tokens"];
    for (std::size_t budget : {tokens, tokens + 1, std::size_t{1} << 40}) {
        const json roomy = answer(chat_body_with(text, {{"max_tokens", budget}}));
        EXPECT_EQ(roomy["choices"][0]["finish_reason"], "stop");
        EXPECT_EQ(roomy["choices"][0]["message"], plain["choices"][0]["message"]);
        EXPECT_EQ(roomy["usage"], plain["usage"]);
    }
}

}  // namespace
}  // namespace mock_llm::testing
