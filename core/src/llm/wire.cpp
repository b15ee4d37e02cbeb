#include "qa/llm/wire.hpp"

#include <charconv>
#include <cstdint>

#include <simdjson.h>

#include "qa/analysis/utf8.hpp"
#include "qa/llm/json_escape.hpp"

namespace qa {
namespace {

using namespace std::string_view_literals;  // literals appended with their length known

// Skips whitespace and whole ":" comment lines before the JSON document.
std::string_view skip_keep_alive_preamble(std::string_view body) {
    for (;;) {
        const auto first = body.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos)
            return {};
        body.remove_prefix(first);
        if (body.front() != ':')
            return body;
        const auto eol = body.find('\n');
        if (eol == std::string_view::npos)
            return {};
        body.remove_prefix(eol + 1);
    }
}

// At most 200 bytes of the body, then "..." if there was more; never cut inside a UTF-8
// character, so a provider's non-English error stays valid text in the logs and reports.
std::string body_excerpt(std::string_view text) {
    constexpr std::size_t kMax = 200;
    if (text.size() <= kMax)
        return std::string(text);
    return std::string(text.substr(0, utf8_prefix_end(text, kMax))) + "...";
}

int int_or_zero(simdjson::dom::object object, std::string_view key) {
    std::int64_t value = 0;
    if (object[key].get_int64().get(value))
        return 0;
    return value < 0 || value > INT32_MAX ? 0 : static_cast<int>(value);
}

std::string string_or_empty(simdjson::dom::object object, std::string_view key) {
    std::string_view value;
    if (object[key].get_string().get(value))
        return {};
    return std::string(value);
}

// The request body, each message's content written by `write_content(body, message)` as a
// JSON string. Written directly rather than through a DOM: this runs once per attempt on the hot
// path.
template <class WriteContent>
void append_request_json_with(std::string& body, const ChatRequest& request, std::string_view model,
                              WriteContent&& write_content) {
    std::size_t size = body.size() + 128 + model.size() + request.model.size();
    for (const auto& message : request.messages)
        size += message.content.size() + 40;
    body.reserve(size);
    body.append("{\"model\":"sv);
    append_json_string(body, request.model.empty() ? model : std::string_view(request.model));
    body.append(",\"messages\":["sv);
    for (std::size_t i = 0; i < request.messages.size(); ++i) {
        if (i > 0)
            body.push_back(',');
        body.append("{\"role\":"sv);
        append_json_string(body, request.messages[i].role);
        body.append(",\"content\":"sv);
        write_content(body, request.messages[i]);
        body.push_back('}');
    }
    body.append("],\"stream\":false"sv);
    if (request.json_mode)
        body.append(",\"response_format\":{\"type\":\"json_object\"}"sv);
    char number[32];
    if (request.max_tokens) {
        const auto written = std::to_chars(number, number + sizeof number, *request.max_tokens);
        body.append(",\"max_tokens\":"sv).append(number, written.ptr);
    }
    if (request.temperature) {
        const auto [end, ec] = std::to_chars(number, number + sizeof number, *request.temperature);
        if (ec == std::errc{})
            body.append(",\"temperature\":"sv).append(number, end);
    }
    body.push_back('}');
}

}  // namespace

void append_request_json(std::string& body, const ChatRequest& request, std::string_view model) {
    append_request_json_with(body, request, model, [](std::string& out, const ChatMessage& m) {
        append_json_string(out, m.content);
    });
}

void RequestBodyWriter::append(std::string& body, const ChatRequest& request,
                               std::string_view model) {
    append_request_json_with(body, request, model, [this](std::string& out, const ChatMessage& m) {
        if (m.role != "system") {
            append_json_string(out, m.content);
        } else if (m.content == system_text_) {
            out.append(system_json_);
        } else {
            const std::size_t start = out.size();
            append_json_string(out, m.content);
            system_text_ = m.content;
            system_json_.assign(out, start);
        }
    });
}

std::string to_request_json(const ChatRequest& request, std::string_view model) {
    std::string body;
    append_request_json(body, request, model);
    return body;
}

struct ChatResponseParser::Impl {
    simdjson::dom::parser parser;
};

ChatResponseParser::ChatResponseParser() : impl_(std::make_unique<Impl>()) {}
ChatResponseParser::~ChatResponseParser() = default;
ChatResponseParser::ChatResponseParser(ChatResponseParser&&) noexcept = default;
ChatResponseParser& ChatResponseParser::operator=(ChatResponseParser&&) noexcept = default;

Expected<ChatResponse, std::string> ChatResponseParser::parse(std::string_view body) {
    using simdjson::dom::array;
    using simdjson::dom::element;
    using simdjson::dom::object;

    const auto document = skip_keep_alive_preamble(body);
    if (document.empty())
        return Unexpected(std::string("empty answer body"));
    element root;
    if (impl_->parser.parse(document.data(), document.size(), true).get(root)) {
        return Unexpected("answer is not JSON: " + body_excerpt(document));
    }
    object answer;
    if (root.get_object().get(answer))
        return Unexpected(std::string("answer is not a JSON object"));

    array choices;
    object choice;
    if (answer["choices"].get_array().get(choices) || choices.at(0).get_object().get(choice)) {
        return Unexpected(std::string("answer has no choices"));
    }
    object message;
    if (choice["message"].get_object().get(message)) {
        return Unexpected(std::string("answer choice has no message"));
    }
    std::string_view content;
    if (message["content"].get_string().get(content)) {
        return Unexpected(std::string("answer message has no content"));
    }

    ChatResponse response;
    response.content = std::string(content);
    response.id = string_or_empty(answer, "id");
    response.model = string_or_empty(answer, "model");
    response.finish_reason = string_or_empty(choice, "finish_reason");
    object usage;
    if (!answer["usage"].get_object().get(usage)) {
        response.usage.prompt_tokens = int_or_zero(usage, "prompt_tokens");
        response.usage.completion_tokens = int_or_zero(usage, "completion_tokens");
    }
    return response;
}

Expected<ChatResponse, std::string> parse_chat_response(std::string_view body) {
    return ChatResponseParser().parse(body);
}

std::string error_message_from_body(std::string_view body) {
    const auto document = skip_keep_alive_preamble(body);
    if (document.empty())
        return body_excerpt(body);  // nothing to parse (and simdjson must not see a null pointer)
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    simdjson::dom::object error;
    if (!parser.parse(document.data(), document.size(), true).get(root) &&
        !root["error"].get_object().get(error)) {
        auto message = string_or_empty(error, "message");
        if (!message.empty())
            return message;
    }
    return body_excerpt(body);
}

}  // namespace qa
