#pragma once
// Validation of a chat-completions request body: what the mock needs from it, or why it is
// rejected (400 malformed JSON, 422 wrong shape, naming the field). Pure; JSON parsed without
// exceptions.

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
    std::size_t prompt_chars = 0;     // total bytes of message contents
    std::size_t prompt_tokens = 0;    // estimate_tokens of each message's content, summed
    // estimate_tokens of the leading system messages' contents (see cache_hit_tokens).
    std::size_t system_prefix_tokens = 0;
    bool stream = false;           // "stream": answer with server-sent events
    bool include_usage = false;    // "stream_options": {"include_usage": true}
    std::uint64_t max_tokens = 0;  // "max_tokens"; 0 when absent or null
};

struct Rejection {
    int status = 400;  // 400 or 422
    std::string message;
    std::string param;  // the offending field, e.g. "messages[0].role"; empty: none
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
