#pragma once
// Endpoint: where chat completions are sent, parsed from a base URL such as
// http://127.0.0.1:8080/v1 or https://api.deepseek.com. A plain value.

#include <cstdint>
#include <string>
#include <string_view>

#include "qa/expected.hpp"

namespace qa {

struct Endpoint {
    bool tls = false;
    std::string host;
    std::uint16_t port = 0;
    std::string base_path;  // without trailing slash; "" for the root

    // base_path + "/chat/completions"
    std::string chat_completions_target() const;
    // "host:port" as sent in the Host header (port omitted when it is the scheme's default).
    std::string host_header() const;
};

// The reason is a sentence suitable after "LLM_BASE_URL=...: ".
Expected<Endpoint, std::string> parse_endpoint(std::string_view url);

}  // namespace qa
