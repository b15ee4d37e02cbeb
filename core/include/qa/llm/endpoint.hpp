#pragma once
// Endpoint: where chat completions are sent, parsed from a base URL such as
// http://127.0.0.1:8080/v1 or https://api.deepseek.com. A plain value.

#include <cstdint>
#include <string>
#include <string_view>

#include "qa/config/config_error.hpp"
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

// parse_endpoint for a setting or flag named `name` (LLM_BASE_URL, --llm-url): the refusal is a
// ConfigError whose value has any user:password part masked, so a password typed into the URL
// is never printed.
Expected<Endpoint, ConfigError> parse_endpoint_setting(std::string_view name, std::string_view url);

// `url` with the user information before an '@' in its authority replaced by "***".
std::string mask_url_credentials(std::string_view url);

}  // namespace qa
