#pragma once
// The 200 answer: DeepSeek's non-streaming chat.completion body, with a review (the assistant's
// content) that is a deterministic function of the messages. Pure.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mock_llm {

inline constexpr std::string_view kDefaultModel = "deepseek-chat";

// ceil(chars / 4): the usual rule of thumb for English text.
constexpr std::size_t estimate_tokens(std::size_t chars) noexcept {
    return (chars + 3) / 4;
}

// The assistant's content: the JSON document
// {"issues":[{"category","severity","line","message","suggestion"}...]} with 0..2 issues picked
// from a fixed table by the hash.
std::string review_content(std::uint64_t messages_hash);

// A UUID-shaped id (8-4-4-4-12 lowercase hex) derived from h.
std::string completion_id(std::uint64_t h);

struct Completion {
    std::string_view id;
    std::int64_t created_unix = 0;
    std::string_view model;
    std::string_view content;
    std::size_t prompt_tokens = 0;
};

std::string completion_body(const Completion& completion);

}  // namespace mock_llm
