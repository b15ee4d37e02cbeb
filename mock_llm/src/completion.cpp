#include "mock_llm/completion.hpp"

#include <array>

#include "mock_llm/hash.hpp"
#include "mock_llm/json_text.hpp"

namespace mock_llm {

namespace {

struct IssueTemplate {
    std::string_view category;
    std::string_view severity;
    std::string_view message;
    std::string_view suggestion;
};

// What a reviewing model says about weak tests; the hash picks from here.
constexpr std::array<IssueTemplate, 8> kIssues{{
    {"assertion", "high", "The test has no assertion; it only runs the code path.",
     "Assert on the returned value or on the observable side effect."},
    {"assertion", "medium", "The assertion only checks that the result is not None.",
     "Compare the result with the exact expected value."},
    {"flakiness", "high", "The test depends on wall-clock time (time.sleep).",
     "Inject a fake clock or freeze time instead of sleeping."},
    {"isolation", "medium", "The test mutates module-level state shared with other tests.",
     "Build the state in a fixture so each test gets a fresh copy."},
    {"naming", "low", "The test name does not say which behaviour it checks.",
     "Rename it to test_<unit>_<condition>_<expected_result>."},
    {"coverage", "medium", "Only the happy path is tested.",
     "Add cases for empty input and for the error path."},
    {"readability", "low", "Expected values are unexplained magic numbers.",
     "Name the constants or derive them from the inputs."},
    {"mocking", "medium", "A mock is configured but its calls are never verified.",
     "Assert that the mock was called with the expected arguments."},
}};

constexpr int kMaxLine = 40;

void append_issue(std::string& out, const IssueTemplate& issue, std::uint64_t line) {
    out += R"({"category":)";
    append_json_string(out, issue.category);
    out += R"(,"severity":)";
    append_json_string(out, issue.severity);
    out += R"(,"line":)";
    append_integer(out, line);
    out += R"(,"message":)";
    append_json_string(out, issue.message);
    out += R"(,"suggestion":)";
    append_json_string(out, issue.suggestion);
    out += '}';
}

}  // namespace

std::string review_content(std::uint64_t messages_hash) {
    const std::uint64_t h = mix64(messages_hash);
    const std::size_t count = h % 3;
    // Two distinct table rows: the second is offset from the first by 1..size-1.
    const std::size_t first = mix64(h + 1) % kIssues.size();
    const std::size_t offset = 1 + mix64(h + 2) % (kIssues.size() - 1);
    std::string out;
    out.reserve(count * 220 + 16);
    out += R"({"issues":[)";
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            out += ',';
        }
        const std::size_t row = (first + i * offset) % kIssues.size();
        append_issue(out, kIssues[row], 1 + mix64(h + 3 + i) % kMaxLine);
    }
    out += "]}";
    return out;
}

std::string completion_id(std::uint64_t h) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::uint64_t high = mix64(h);
    const std::uint64_t low = mix64(high ^ h);
    // 8-4-4-4-12 hex digits, filled in place rather than appended one character at a time.
    std::array<char, 36> id{};
    std::size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) {
            id[at++] = '-';
        }
        const std::uint64_t word = nibble < 16 ? high : low;
        std::uint64_t value = (word >> (4 * (15 - nibble % 16))) & 0xf;
        if (nibble == 12) {
            value = 4;  // the version nibble of a random UUID
        } else if (nibble == 16) {
            value = 8 | (value & 3);  // the RFC 4122 variant
        }
        id[at++] = kHex[value];
    }
    return std::string(id.data(), id.size());
}

std::string system_fingerprint(std::uint64_t seed) {
    static constexpr char kHex[] = "0123456789abcdef";
    constexpr int kDigits = 6;
    const std::uint64_t h = mix64(seed);
    std::string fingerprint = "fp_mock_";
    for (int digit = 0; digit < kDigits; ++digit) {
        fingerprint += kHex[(h >> (4 * digit)) & 0xf];
    }
    return fingerprint;
}

void append_usage(std::string& out, const Usage& usage) {
    out += R"({"prompt_tokens":)";
    append_integer(out, usage.prompt_tokens);
    out += R"(,"completion_tokens":)";
    append_integer(out, usage.completion_tokens);
    out += R"(,"total_tokens":)";
    append_integer(out, usage.prompt_tokens + usage.completion_tokens);
    out += R"(,"prompt_cache_hit_tokens":)";
    append_integer(out, usage.prompt_cache_hit_tokens);
    out += R"(,"prompt_cache_miss_tokens":)";
    append_integer(out, usage.prompt_tokens - usage.prompt_cache_hit_tokens);
    out += R"(,"prompt_tokens_details":{"cached_tokens":)";
    append_integer(out, usage.prompt_cache_hit_tokens);
    out += "}}";
}

std::string completion_body(const Completion& completion) {
    std::string out;
    out.reserve(560 + completion.model.size() + completion.content.size() * 5 / 4);
    out += R"({"id":)";
    append_json_string(out, completion.id);
    out += R"(,"object":"chat.completion","created":)";
    append_integer(out, completion.created_unix);
    out += R"(,"model":)";
    append_json_string(out, completion.model);
    out += R"(,"system_fingerprint":)";
    append_json_string(out, completion.system_fingerprint);
    out += R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)";
    append_json_string(out, completion.content);
    out += R"(},"logprobs":null,"finish_reason":)";
    append_json_string(out, completion.finish_reason);
    out += R"(}],"usage":)";
    append_usage(out, completion.usage);
    out += '}';
    return out;
}

}  // namespace mock_llm
