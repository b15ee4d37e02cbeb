#include "qa/analysis/llm_answer.hpp"

#include <simdjson.h>

#include <charconv>

#include "qa/analysis/utf8.hpp"
#include "support/trim.hpp"

namespace qa {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// ```json\n{...}\n``` -> {...}
std::string_view strip_fence(std::string_view text) {
    if (!text.starts_with("```"))
        return text;
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos)
        return {};
    text.remove_prefix(newline + 1);
    const auto close = text.rfind("```");
    return support::trim_ascii_whitespace(close == std::string_view::npos ? text
                                                                          : text.substr(0, close));
}

// At most `max_bytes` (>= 3), the ellipsis included, never splitting a UTF-8 sequence.
std::string cut(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes)
        return std::string(text);
    const std::size_t end = utf8_prefix_end(text, max_bytes - 3);  // room for "..."
    return std::string(text.substr(0, end)) + "...";
}

std::string answer_excerpt(std::string_view text) {
    std::string out = cut(text, 80);
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    }
    return out;
}

std::string_view string_field(object entry, std::string_view key) {
    std::string_view value;
    if (entry[key].get_string().get(value))
        return {};
    return support::trim_ascii_whitespace(value);
}

std::uint32_t line_field(object entry) {
    element value;
    if (entry["line"].get(value))
        return 0;
    std::int64_t line = 0;
    double real = 0;
    std::string_view text;
    if (!value.get_int64().get(line)) {
        // an integer
    } else if (!value.get_double().get(real)) {
        line = real >= 1 && real < 1e9 ? static_cast<std::int64_t>(real) : 0;
    } else if (!value.get_string().get(text)) {
        text = support::trim_ascii_whitespace(text);
        if (std::from_chars(text.data(), text.data() + text.size(), line).ec != std::errc{})
            line = 0;
    }
    return line >= 1 && line <= 0xFFFFFF ? static_cast<std::uint32_t>(line) : 0;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
}

// One entry of the list; nullopt when it is not usable.
std::optional<LlmIssue> read_issue(element value) {
    object entry;
    if (value.get_object().get(entry))
        return std::nullopt;
    std::string_view message = string_field(entry, "message");
    if (message.empty())
        message = string_field(entry, "description");
    if (message.empty())
        return std::nullopt;
    LlmIssue issue;
    issue.message = cut(message, kMaxIssueTextBytes);
    const std::string_view category = string_field(entry, "category");
    issue.category = category.empty() ? "general" : lower(cut(category, kMaxCategoryBytes));
    issue.severity = parse_severity(string_field(entry, "severity")).value_or(Severity::medium);
    issue.line = line_field(entry);
    issue.suggestion = cut(string_field(entry, "suggestion"), kMaxIssueTextBytes);
    return issue;
}

}  // namespace

struct LlmAnswerParser::Impl {
    simdjson::dom::parser parser;
};

LlmAnswerParser::LlmAnswerParser() : impl_(std::make_unique<Impl>()) {}
LlmAnswerParser::~LlmAnswerParser() = default;
LlmAnswerParser::LlmAnswerParser(LlmAnswerParser&&) noexcept = default;
LlmAnswerParser& LlmAnswerParser::operator=(LlmAnswerParser&&) noexcept = default;

Expected<LlmAnswer, std::string> LlmAnswerParser::parse(std::string_view content) {
    std::string_view text = strip_fence(support::trim_ascii_whitespace(content));
    if (text.empty())
        return Unexpected(std::string("empty answer"));
    if (text.front() != '{' && text.front() != '[') {
        // Prose around the object: take the outermost braces.
        const auto open = text.find('{');
        const auto close = text.rfind('}');
        if (open == std::string_view::npos || close == std::string_view::npos || close < open)
            return Unexpected("answer is not JSON: " + answer_excerpt(text));
        text = text.substr(open, close - open + 1);
    }
    element root;
    if (const auto error = impl_->parser.parse(text.data(), text.size(), true).get(root)) {
        return Unexpected("answer is not JSON: " + std::string(simdjson::error_message(error)) +
                          " in \"" + answer_excerpt(text) + "\"");
    }
    array list;
    object top;
    if (!root.get_object().get(top)) {
        if (top["issues"].get_array().get(list))
            return Unexpected(std::string("answer has no \"issues\" list"));
    } else if (root.get_array().get(list)) {
        return Unexpected(std::string("answer has no \"issues\" list"));
    }

    LlmAnswer answer;
    std::size_t entries = 0;
    for (const element value : list) {
        ++entries;
        auto issue = answer.issues.size() < kMaxIssuesPerAnswer ? read_issue(value) : std::nullopt;
        if (issue) {
            answer.issues.push_back(std::move(*issue));
        } else {
            ++answer.skipped;
        }
    }
    if (entries > 0 && answer.issues.empty()) {
        return Unexpected("no usable issue in the answer (" + std::to_string(entries) +
                          " entries without a message)");
    }
    return answer;
}

}  // namespace qa
