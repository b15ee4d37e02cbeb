#pragma once
// Test helper: chat request bodies with options, and a text whose review has issues (a content
// long enough to truncate and to stream in many pieces).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mock_llm/handler.hpp"
#include "mock_llm/hash.hpp"

namespace mock_llm::testing {

// {"model","messages":[{"role":"user","content":text}]} plus the options' keys.
inline std::string chat_body_with(std::string_view text, const nlohmann::json& options = {}) {
    nlohmann::json body = {{"model", "deepseek-chat"},
                           {"messages", {{{"role", "user"}, {"content", text}}}}};
    if (options.is_object()) {
        body.update(options);
    }
    return body.dump();
}

// The non-streamed answer's content for a body.
inline std::string answer_content(std::string_view body) {
    const Decision d = decide_chat(ServerConfig{}, ChatCall{body, hash_bytes(body), 0, 0, {}});
    return nlohmann::json::parse(d.body)["choices"][0]["message"]["content"];
}

// A user text whose review content is over 100 bytes (at least one issue); the first of a fixed
// sequence, so tests stay deterministic.
inline std::string text_with_issues() {
    for (int i = 0; i < 1000; ++i) {
        const std::string text = "def test_" + std::to_string(i) + "(): pass";
        if (answer_content(chat_body_with(text)).size() > 100) {
            return text;
        }
    }
    return "no text found";
}

}  // namespace mock_llm::testing
