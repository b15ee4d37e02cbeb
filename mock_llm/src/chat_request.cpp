#include "mock_llm/chat_request.hpp"

#include <nlohmann/json.hpp>

#include "mock_llm/completion.hpp"
#include "mock_llm/hash.hpp"

namespace mock_llm {

namespace {

using nlohmann::json;

// A SAX consumer that keeps only the parse error's text: the DOM parse without exceptions says
// that a body is malformed, this says where. Runs on the rejection path only.
class ParseErrorRecorder : public nlohmann::json_sax<json> {
  public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& error) override {
        // Drop the "[json.exception.parse_error.101] " prefix: clients see the reason only.
        const std::string_view text = error.what();
        const auto prefix_end = text.find("] ");
        message_ = prefix_end == std::string_view::npos ? text : text.substr(prefix_end + 2);
        return false;
    }
    const std::string& message() const { return message_; }

  private:
    std::string message_ = "unexpected end of input";
};

support::Unexpected<Rejection> malformed(std::string_view body) {
    ParseErrorRecorder recorder;
    (void)json::sax_parse(body, &recorder);
    return support::Unexpected(Rejection{400, "Invalid JSON body: " + recorder.message()});
}

support::Unexpected<Rejection> unprocessable(std::string message) {
    return support::Unexpected(Rejection{422, std::move(message)});
}

std::string field_name(std::size_t index, std::string_view field) {
    return "messages[" + std::to_string(index) + "]" + std::string(field);
}

}  // namespace

support::Expected<ChatRequest, Rejection> parse_chat_request(std::string_view body) {
    const json document = json::parse(body, nullptr, false);
    if (document.is_discarded()) {
        return malformed(body);
    }
    if (!document.is_object()) {
        return unprocessable("request body must be a JSON object");
    }
    const auto messages = document.find("messages");
    if (messages == document.end()) {
        return unprocessable("messages is required");
    }
    if (!messages->is_array() || messages->empty()) {
        return unprocessable("messages must be a non-empty array");
    }
    ChatRequest request;
    std::uint64_t hash = kFnvOffsetBasis;
    for (std::size_t i = 0; i < messages->size(); ++i) {
        const json& message = (*messages)[i];
        if (!message.is_object()) {
            return unprocessable(field_name(i, "") + " must be an object");
        }
        const auto role = message.find("role");
        if (role == message.end() || !role->is_string()) {
            return unprocessable(field_name(i, ".role") + " must be a string");
        }
        const auto content = message.find("content");
        if (content == message.end() || !content->is_string()) {
            return unprocessable(field_name(i, ".content") + " must be a string");
        }
        const auto& role_text = role->get_ref<const std::string&>();
        const auto& content_text = content->get_ref<const std::string&>();
        // Separators keep ("ab","c") and ("a","bc") apart.
        hash = fnv1a64(content_text, fnv1a64("\x1f", fnv1a64(role_text, hash)));
        hash = fnv1a64("\x1e", hash);
        request.prompt_chars += content_text.size();
    }
    request.messages_hash = hash;
    const auto model = document.find("model");
    request.model = model != document.end() && model->is_string() ? model->get<std::string>()
                                                                  : std::string(kDefaultModel);
    return request;
}

}  // namespace mock_llm
