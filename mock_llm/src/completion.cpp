#include "mock_llm/completion.hpp"

#include <array>
#include <cstring>

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

// A table row as the JSON text around its line number: `{"category":...,"line":` and
// `,"message":...}`, each also escaped for the inside of a JSON string. Built once, so a review
// is put together, plain and escaped, without escaping anything per request.
struct IssueText {
    std::string head;
    std::string tail;
    std::string head_escaped;
    std::string tail_escaped;
};

// The inside of a JSON string holding `text` (append_json_string's quotes dropped).
std::string escaped_inside(std::string_view text) {
    std::string quoted;
    append_json_string(quoted, text);
    return quoted.substr(1, quoted.size() - 2);
}

IssueText issue_text(const IssueTemplate& issue) {
    IssueText text;
    text.head += R"({"category":)";
    append_json_string(text.head, issue.category);
    text.head += R"(,"severity":)";
    append_json_string(text.head, issue.severity);
    text.head += R"(,"line":)";
    text.tail += R"(,"message":)";
    append_json_string(text.tail, issue.message);
    text.tail += R"(,"suggestion":)";
    append_json_string(text.tail, issue.suggestion);
    text.tail += '}';
    text.head_escaped = escaped_inside(text.head);
    text.tail_escaped = escaped_inside(text.tail);
    return text;
}

const std::array<IssueText, kIssues.size()>& issue_texts() {
    static const std::array<IssueText, kIssues.size()> texts = [] {
        std::array<IssueText, kIssues.size()> built;
        for (std::size_t row = 0; row < kIssues.size(); ++row) {
            built[row] = issue_text(kIssues[row]);
        }
        return built;
    }();
    return texts;
}

}  // namespace

ReviewContent make_review(std::uint64_t messages_hash) {
    const std::uint64_t h = mix64(messages_hash);
    const std::size_t count = h % 3;
    // Two distinct table rows: the second is offset from the first by 1..size-1.
    const std::size_t first = mix64(h + 1) % kIssues.size();
    const std::size_t offset = 1 + mix64(h + 2) % (kIssues.size() - 1);
    const auto& texts = issue_texts();
    ReviewContent out;
    out.text.reserve(count * 240 + 16);
    out.json_escaped.reserve(count * 280 + 24);
    // Outside the rows' text only the quotes around "issues" need escaping.
    out.text += R"({"issues":[)";
    out.json_escaped += R"({\"issues\":[)";
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            out.text += ',';
            out.json_escaped += ',';
        }
        const IssueText& issue = texts[(first + i * offset) % kIssues.size()];
        const std::uint64_t line = 1 + mix64(h + 3 + i) % kMaxLine;
        out.text += issue.head;
        append_integer(out.text, line);
        out.text += issue.tail;
        out.json_escaped += issue.head_escaped;
        append_integer(out.json_escaped, line);
        out.json_escaped += issue.tail_escaped;
    }
    out.text += "]}";
    out.json_escaped += "]}";
    return out;
}

std::string review_content(std::uint64_t messages_hash) {
    return make_review(messages_hash).text;
}

CompletionId completion_id(std::uint64_t h) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::uint64_t high = mix64(h);
    const std::uint64_t low = mix64(high ^ h);
    // The 32 digits of high then low, most significant first, then the UUID's fixed nibbles.
    std::array<char, 32> digits;
    for (int i = 0; i < 16; ++i) {
        digits[static_cast<std::size_t>(i)] = kHex[(high >> (60 - 4 * i)) & 0xf];
        digits[static_cast<std::size_t>(16 + i)] = kHex[(low >> (60 - 4 * i)) & 0xf];
    }
    digits[12] = '4';                          // the version nibble of a random UUID
    digits[16] = kHex[8 | ((low >> 60) & 3)];  // the RFC 4122 variant
    // Grouped 8-4-4-4-12.
    CompletionId id;
    char* to = id.chars.data();
    std::size_t from = 0;
    for (const std::size_t group : {8, 4, 4, 4, 12}) {
        if (from > 0) {
            *to++ = '-';
        }
        std::memcpy(to, digits.data() + from, group);
        to += group;
        from += group;
    }
    return id;
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
    if (completion.content_escaped.empty()) {
        append_json_string(out, completion.content);  // (an empty content escapes to "")
    } else {
        out += '"';
        out += completion.content_escaped;
        out += '"';
    }
    out += R"(},"logprobs":null,"finish_reason":)";
    append_json_string(out, completion.finish_reason);
    out += R"(}],"usage":)";
    append_usage(out, completion.usage);
    out += '}';
    return out;
}

}  // namespace mock_llm
