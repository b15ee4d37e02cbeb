#pragma once
// Test helpers for live mock servers: start one on port 0, talk to it with bounded httplib
// clients, build chat request bodies.

#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/server.hpp"
#include "settled_stats.hpp"

namespace mock_llm::testing {

// The server, or nullptr after recording the start error as a test failure. The returned
// unique_ptr is the scope guard: its destructor stops and joins the server.
inline std::unique_ptr<Server> start_server(ServerConfig config = {}) {
    auto started = Server::start(std::move(config));
    if (!started) {
        ADD_FAILURE() << "Server::start failed: " << started.error();
        return nullptr;
    }
    return std::move(started).value();
}

// Every call bounded: nothing a test does can hang on the server.
inline httplib::Client client_for(const Server& server,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    httplib::Client client(server.host(), server.port());
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    return client;
}

// A chat-completions body with one user message.
inline std::string chat_body(std::string_view text, std::string_view model = "deepseek-chat") {
    return nlohmann::json{{"model", model}, {"messages", {{{"role", "user"}, {"content", text}}}}}
        .dump();
}

inline httplib::Result post_chat(httplib::Client& client, const std::string& body) {
    return client.Post("/chat/completions", body, "application/json");
}

}  // namespace mock_llm::testing
