#pragma once
// Validation of a chat-completions request body: what the mock needs from it, or why it is
// rejected (400 malformed JSON, 422 wrong shape). Pure; JSON parsed without exceptions.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "support/expected.hpp"

namespace mock_llm {

struct ChatRequest {
    std::string model;                // the request's model, or kDefaultModel
    std::uint64_t messages_hash = 0;  // hash of every message's role and content, in order
    std::size_t prompt_chars = 0;     // total bytes of message contents (token estimate)
};

struct Rejection {
    int status = 400;  // 400 or 422
    std::string message;
};

// Reuses its parse buffers across requests: one per server thread (not thread-safe).
class ChatRequestParser {
  public:
    ChatRequestParser();
    ~ChatRequestParser();
    ChatRequestParser(const ChatRequestParser&) = delete;
    ChatRequestParser& operator=(const ChatRequestParser&) = delete;

    support::Expected<ChatRequest, Rejection> parse(std::string_view body);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The same with a one-off parser (tests, cold paths).
support::Expected<ChatRequest, Rejection> parse_chat_request(std::string_view body);

}  // namespace mock_llm
