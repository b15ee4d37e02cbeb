#include "mock_llm/chat_request.hpp"

#include <simdjson.h>

#include "mock_llm/completion.hpp"
#include "mock_llm/hash.hpp"
#include "mock_llm/tokens.hpp"
#include "support/json_parse_error.hpp"

namespace mock_llm {

namespace {

support::Unexpected<Rejection> malformed(std::string_view body) {
    return support::Unexpected(
        Rejection{400, "Invalid JSON body: " + support::json_parse_error(body), {}});
}

support::Unexpected<Rejection> unprocessable(std::string param, std::string_view reason) {
    std::string message = param.empty() ? std::string(reason) : param + ' ' + std::string(reason);
    return support::Unexpected(Rejection{422, std::move(message), std::move(param)});
}

std::string field_name(std::size_t index, std::string_view field) {
    return "messages[" + std::to_string(index) + "]" + std::string(field);
}

// An optional field: absent and null both mean "not given".
bool given(const simdjson::simdjson_result<simdjson::dom::element>& field) {
    return field.error() == simdjson::SUCCESS && !field.value_unsafe().is_null();
}

// The roles DeepSeek's chat API takes; any other is refused there, so here too, for a client's
// typo to show against the mock rather than in production.
bool known_role(std::string_view role) {
    return role == "system" || role == "user" || role == "assistant" || role == "tool";
}

// Reads "messages": the hash, the sizes and the token estimates.
support::Expected<void, Rejection> read_messages(simdjson::dom::object object,
                                                 ChatRequest& request) {
    simdjson::dom::element messages_field;
    if (object["messages"].get(messages_field)) {
        return unprocessable("messages", "is required");
    }
    simdjson::dom::array messages;
    if (messages_field.get_array().get(messages) || messages.size() == 0) {
        return unprocessable("messages", "must be a non-empty array");
    }
    std::uint64_t hash = 0;
    bool in_system_prefix = true;
    std::size_t i = 0;
    for (simdjson::dom::element element : messages) {
        simdjson::dom::object message;
        if (element.get_object().get(message)) {
            return unprocessable(field_name(i, ""), "must be an object");
        }
        std::string_view role_text;
        if (message["role"].get_string().get(role_text)) {
            return unprocessable(field_name(i, ".role"), "must be a string");
        }
        if (!known_role(role_text)) {
            return unprocessable(field_name(i, ".role"),
                                 "must be one of system, user, assistant, tool");
        }
        std::string_view content_text;
        if (message["content"].get_string().get(content_text)) {
            return unprocessable(field_name(i, ".content"), "must be a string");
        }
        // Each text hashed on its own, its length included, keeps ("ab","c") and ("a","bc")
        // apart; the combines keep the order.
        hash = hash_combine(hash, hash_combine(hash_bytes(role_text), hash_bytes(content_text)));
        const std::size_t tokens = estimate_tokens(content_text.size());
        request.prompt_chars += content_text.size();
        request.prompt_tokens += tokens;
        in_system_prefix = in_system_prefix && role_text == "system";
        request.system_prefix_tokens += in_system_prefix ? tokens : 0;
        ++i;
    }
    request.messages_hash = hash;
    return {};
}

// Reads "stream", "max_tokens" and "stream_options".
support::Expected<void, Rejection> read_options(simdjson::dom::object object,
                                                ChatRequest& request) {
    if (const auto stream = object["stream"]; given(stream)) {
        if (stream.get_bool().get(request.stream)) {
            return unprocessable("stream", "must be a boolean");
        }
    }
    if (const auto max_tokens = object["max_tokens"]; given(max_tokens)) {
        // get_uint64 refuses negative numbers, fractions and other types.
        if (max_tokens.get_uint64().get(request.max_tokens) || request.max_tokens == 0) {
            return unprocessable("max_tokens", "must be a positive integer");
        }
    }
    if (const auto options_field = object["stream_options"]; given(options_field)) {
        simdjson::dom::object options;
        if (options_field.get_object().get(options)) {
            return unprocessable("stream_options", "must be an object");
        }
        if (const auto include_usage = options["include_usage"]; given(include_usage)) {
            if (include_usage.get_bool().get(request.include_usage)) {
                return unprocessable("stream_options.include_usage", "must be a boolean");
            }
        }
    }
    return {};
}

// The sampling settings as DeepSeek bounds them.
struct BoundedSetting {
    std::string_view key;
    double low, high;
    std::string_view range;
};
constexpr BoundedSetting kBoundedSettings[] = {{"temperature", 0, 2, "0..2"},
                                               {"top_p", 0, 1, "0..1"},
                                               {"frequency_penalty", -2, 2, "-2..2"},
                                               {"presence_penalty", -2, 2, "-2..2"}};

// Checks the sampling settings, "response_format" and the model's type, in one pass over the
// body's fields (null means not given): a client that sends one the real API refuses finds out
// here, not in production.
support::Expected<void, Rejection> check_settings(simdjson::dom::object object) {
    for (const simdjson::dom::key_value_pair field : object) {
        if (field.value.is_null())
            continue;
        for (const BoundedSetting& bounded : kBoundedSettings) {
            double value = 0;
            if (field.key == bounded.key && (field.value.get_double().get(value) ||
                                             value < bounded.low || value > bounded.high)) {
                return unprocessable(std::string(bounded.key),
                                     "must be a number in " + std::string(bounded.range));
            }
        }
        if (field.key == "response_format") {
            simdjson::dom::object format;
            std::string_view type;
            if (field.value.get_object().get(format) || format["type"].get_string().get(type) ||
                (type != "text" && type != "json_object")) {
                return unprocessable("response_format",
                                     R"(must be {"type": "text"} or {"type": "json_object"})");
            }
        } else if (field.key == "model" && !field.value.is_string()) {
            return unprocessable("model", "must be a string");
        }
    }
    return {};
}

}  // namespace

struct ChatRequestParser::Impl {
    simdjson::dom::parser parser;
};

ChatRequestParser::ChatRequestParser() : impl_(std::make_unique<Impl>()) {}
ChatRequestParser::~ChatRequestParser() = default;

support::Expected<ChatRequest, Rejection> ChatRequestParser::parse(std::string_view body) {
    // simdjson validates the whole document (fast path); nlohmann explains a rejection.
    simdjson::dom::element document;
    if (impl_->parser.parse(body.data(), body.size(), true).get(document)) {
        return malformed(body);
    }
    simdjson::dom::object object;
    if (document.get_object().get(object)) {
        return unprocessable("", "request body must be a JSON object");
    }
    ChatRequest request;
    if (auto read = read_messages(object, request); !read) {
        return support::Unexpected(read.error());
    }
    if (auto read = read_options(object, request); !read) {
        return support::Unexpected(read.error());
    }
    if (auto checked = check_settings(object); !checked) {
        return support::Unexpected(checked.error());
    }
    std::string_view model;
    request.model =
        object["model"].get_string().get(model) ? std::string(kDefaultModel) : std::string(model);
    return request;
}

support::Expected<ChatRequest, Rejection> parse_chat_request(std::string_view body) {
    return ChatRequestParser().parse(body);
}

}  // namespace mock_llm
