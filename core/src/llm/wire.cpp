#include "qa/llm/wire.hpp"

#include <nlohmann/json.hpp>

namespace qa {
namespace {

using nlohmann::json;

// Skips whitespace and whole ":" comment lines before the JSON document.
std::string_view skip_keep_alive_preamble(std::string_view body) {
    for (;;) {
        const auto first = body.find_first_not_of(" \t\r\n");
        if (first == std::string_view::npos) return {};
        body.remove_prefix(first);
        if (body.front() != ':') return body;
        const auto eol = body.find('\n');
        if (eol == std::string_view::npos) return {};
        body.remove_prefix(eol + 1);
    }
}

std::string excerpt(std::string_view text) {
    constexpr std::size_t kMax = 200;
    if (text.size() <= kMax) return std::string(text);
    return std::string(text.substr(0, kMax)) + "...";
}

int int_or_zero(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string string_or_empty(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string to_request_json(const ChatRequest& request, std::string_view model) {
    json messages = json::array();
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role}, {"content", message.content}});
    }
    json body = {
        {"model", request.model.empty() ? std::string(model) : request.model},
        {"messages", std::move(messages)},
        {"stream", false},
    };
    if (request.json_mode) body["response_format"] = {{"type", "json_object"}};
    if (request.max_tokens) body["max_tokens"] = *request.max_tokens;
    if (request.temperature) body["temperature"] = *request.temperature;
    return body.dump();
}

Expected<ChatResponse, std::string> parse_chat_response(std::string_view body) {
    const auto document = skip_keep_alive_preamble(body);
    if (document.empty()) return Unexpected(std::string("empty answer body"));
    const json parsed = json::parse(document, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Unexpected("answer is not JSON: " + excerpt(document));
    if (!parsed.is_object()) return Unexpected(std::string("answer is not a JSON object"));

    const auto choices = parsed.find("choices");
    if (choices == parsed.end() || !choices->is_array() || choices->empty() ||
        !choices->front().is_object()) {
        return Unexpected(std::string("answer has no choices"));
    }
    const json& choice = choices->front();
    const auto message = choice.find("message");
    if (message == choice.end() || !message->is_object()) {
        return Unexpected(std::string("answer choice has no message"));
    }
    const auto content = message->find("content");
    if (content == message->end() || !content->is_string()) {
        return Unexpected(std::string("answer message has no content"));
    }

    ChatResponse response;
    response.id = string_or_empty(parsed, "id");
    response.model = string_or_empty(parsed, "model");
    response.content = content->get<std::string>();
    response.finish_reason = string_or_empty(choice, "finish_reason");
    if (const auto usage = parsed.find("usage"); usage != parsed.end() && usage->is_object()) {
        response.usage.prompt_tokens = int_or_zero(*usage, "prompt_tokens");
        response.usage.completion_tokens = int_or_zero(*usage, "completion_tokens");
    }
    return response;
}

std::string error_message_from_body(std::string_view body) {
    const json parsed = json::parse(skip_keep_alive_preamble(body), nullptr, false);
    if (!parsed.is_discarded() && parsed.is_object()) {
        const auto error = parsed.find("error");
        if (error != parsed.end() && error->is_object()) {
            auto message = string_or_empty(*error, "message");
            if (!message.empty()) return message;
        }
    }
    return excerpt(body);
}

}  // namespace qa
