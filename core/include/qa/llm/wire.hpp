#pragma once
// The DeepSeek/OpenAI chat-completions wire format: request JSON out, answer JSON in.
// Pure functions; tested without sockets.

#include <memory>
#include <string>
#include <string_view>

#include "qa/expected.hpp"
#include "qa/llm/chat.hpp"

namespace qa {

// The request body. `model` fills in when the request names none.
std::string to_request_json(const ChatRequest& request, std::string_view model);
// The same, appended to `body` (whose capacity a caller can reuse from request to request).
void append_request_json(std::string& body, const ChatRequest& request, std::string_view model);

// append_request_json for a client's every attempt: it keeps the JSON form of the last system
// message it wrote and reuses it while the next request's system message is the same text. A
// client sends the same system prompt (about a kilobyte) with every call, so it is escaped
// once, not per attempt; checking that it is the same costs a comparison of its bytes. One per
// client; not thread-safe.
class RequestBodyWriter {
  public:
    void append(std::string& body, const ChatRequest& request, std::string_view model);

  private:
    std::string system_text_;  // the last system message's content
    std::string system_json_;  // the same written as a JSON string, quotes included
};

// A non-streaming answer. Leading whitespace and blank lines (DeepSeek's keep-alive while it
// queues a request) and ":" comment lines are skipped. The whole document is validated; the
// error is a short reason.
Expected<ChatResponse, std::string> parse_chat_response(std::string_view body);

// The same, reusing its parse buffers across answers (one per client; not thread-safe).
class ChatResponseParser {
  public:
    ChatResponseParser();
    ~ChatResponseParser();
    ChatResponseParser(ChatResponseParser&&) noexcept;
    ChatResponseParser& operator=(ChatResponseParser&&) noexcept;

    Expected<ChatResponse, std::string> parse(std::string_view body);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The message of an OpenAI-style error body {"error": {"message": ...}}, or a bounded excerpt of
// the body when it has another shape.
std::string error_message_from_body(std::string_view body);

}  // namespace qa
