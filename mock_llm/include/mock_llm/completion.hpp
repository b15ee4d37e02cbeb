#pragma once
// The 200 answer: DeepSeek's non-streaming chat.completion body, with a review (the assistant's
// content) that is a deterministic function of the messages. Pure.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "mock_llm/tokens.hpp"

namespace mock_llm {

inline constexpr std::string_view kDefaultModel = "deepseek-chat";

// The assistant's content: the JSON document
// {"issues":[{"category","severity","line","message","suggestion"}...]} with 0..2 issues picked
// from a fixed table by the hash. Always JSON, so it also satisfies response_format json_object.
std::string review_content(std::uint64_t messages_hash);

// The same content, and the same text as the inside of a JSON string (escaped, without its
// quotes): both put together from table rows escaped once, so an answer escapes none of it.
struct ReviewContent {
    std::string text;
    std::string json_escaped;
};
ReviewContent make_review(std::uint64_t messages_hash);

// A UUID-shaped id (8-4-4-4-12 lowercase hex) derived from h, held in place (no allocation).
struct CompletionId {
    std::array<char, 36> chars{};
    std::string_view view() const noexcept { return {chars.data(), chars.size()}; }
};
CompletionId completion_id(std::uint64_t h);

// "fp_mock_" and 6 hex digits derived from the seed: fixed for a server, like a deployment's.
std::string system_fingerprint(std::uint64_t seed);

struct Usage {
    std::size_t prompt_tokens = 0;
    std::size_t completion_tokens = 0;
    std::size_t prompt_cache_hit_tokens = 0;  // at most prompt_tokens; the rest are misses
};

struct Completion {
    std::string_view id;
    std::int64_t created_unix = 0;
    std::string_view model;
    std::string_view system_fingerprint;
    std::string_view content;
    // The content as the inside of a JSON string, when the caller has it (ReviewContent);
    // empty: completion_body escapes `content` itself.
    std::string_view content_escaped;
    std::string_view finish_reason = "stop";  // "stop", or "length" when max_tokens cut it
    Usage usage;
};

// {"prompt_tokens","completion_tokens","total_tokens","prompt_cache_hit_tokens",
// "prompt_cache_miss_tokens","prompt_tokens_details":{"cached_tokens"}}: DeepSeek's usage
// object, shared by the completion body and the last stream chunk.
void append_usage(std::string& out, const Usage& usage);

std::string completion_body(const Completion& completion);

}  // namespace mock_llm
