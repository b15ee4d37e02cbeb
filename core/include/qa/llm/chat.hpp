#pragma once
// The chat-completion request and answer as the core sees them (wire mapping in wire.hpp).

#include <optional>
#include <string>
#include <vector>

namespace qa {

struct ChatMessage {
    std::string role;  // "system", "user" or "assistant"
    std::string content;
};

struct ChatRequest {
    std::vector<ChatMessage> messages;
    std::string model;              // empty: the client's configured model
    bool json_mode = true;          // response_format {"type": "json_object"}
    std::optional<int> max_tokens;  // absent: the provider's default
    std::optional<double> temperature;
};

struct TokenUsage {
    int prompt_tokens = 0;
    int completion_tokens = 0;
};

struct ChatResponse {
    std::string id;
    std::string model;
    std::string content;        // choices[0].message.content
    std::string finish_reason;  // "stop", "length", ...
    TokenUsage usage;
};

}  // namespace qa
