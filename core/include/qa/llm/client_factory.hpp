#pragma once
// Builds the LlmClient that Settings describe.

#include <memory>

#include "qa/config/config_error.hpp"
#include "qa/config/settings.hpp"
#include "qa/expected.hpp"
#include "qa/llm/http_llm_client.hpp"

namespace qa {

// An HTTP client for settings.base_url, http:// or https://. Refused with a ConfigError naming
// LLM_BASE_URL when it is empty or unusable, or LLM_CA_FILE when its certificates do not load.
Expected<std::unique_ptr<HttpLlmClient>, ConfigError> make_http_llm_client(
    net::any_io_executor executor, const Settings& settings);

// The TLS client context for https endpoints: the system's trusted certificates plus
// settings.ca_file, peer verification always on (host names are checked per connection).
Expected<std::shared_ptr<net::ssl::context>, ConfigError> make_tls_context(
    const Settings& settings);

}  // namespace qa
