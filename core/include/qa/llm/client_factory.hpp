#pragma once
// Builds the LlmClient that Settings describe.

#include <memory>

#include "qa/config/config_error.hpp"
#include "qa/config/settings.hpp"
#include "qa/expected.hpp"
#include "qa/llm/http_llm_client.hpp"

namespace qa {

// An HTTP client for settings.base_url. Refused with a ConfigError naming LLM_BASE_URL when it is
// empty or unusable (https:// needs TLS, which this build of the client does not speak yet).
Expected<std::unique_ptr<HttpLlmClient>, ConfigError> make_http_llm_client(
    net::any_io_executor executor, const Settings& settings);

}  // namespace qa
