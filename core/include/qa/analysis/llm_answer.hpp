#pragma once
// Reading the model's answer (the chat completion's content) into issues. Untrusted text: never
// throws; an empty or unusable answer is an error value naming the reason, and the function it
// was about becomes a failed one.
// Thread safety: an LlmAnswerParser is for one thread (it reuses its parse buffers).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "qa/analysis/severity.hpp"
#include "qa/expected.hpp"

namespace qa {

struct LlmIssue {
    std::string category;                  // as answered, lower-cased; "general" when absent
    Severity severity = Severity::medium;  // medium when absent or not a known word
    std::uint32_t line = 0;  // as answered: 1 is the test's first line; 0 when absent or invalid
    std::string message;
    std::string suggestion;  // empty when absent
};

struct LlmAnswer {
    std::vector<LlmIssue> issues;
    // Entries of the issues list that were not usable (no message, not an object) or past
    // kMaxIssuesPerAnswer: the answer was partial.
    std::uint32_t skipped = 0;
};

// Issues kept from one answer; a model that lists hundreds is not reviewing one test.
inline constexpr std::size_t kMaxIssuesPerAnswer = 32;
// Longest category, message and suggestion kept (bytes); longer ones are cut.
inline constexpr std::size_t kMaxCategoryBytes = 64;
inline constexpr std::size_t kMaxIssueTextBytes = 1000;

class LlmAnswerParser {
  public:
    LlmAnswerParser();
    ~LlmAnswerParser();
    LlmAnswerParser(LlmAnswerParser&&) noexcept;
    LlmAnswerParser& operator=(LlmAnswerParser&&) noexcept;

    // Accepts {"issues": [...]} (the schema the system prompt asks for), a bare [...] list, and
    // either wrapped in a ```json fence or in prose. Errors: "empty answer", "answer is not
    // JSON: ...", "answer has no \"issues\" list", "no usable issue in the answer (...)".
    Expected<LlmAnswer, std::string> parse(std::string_view content);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace qa
