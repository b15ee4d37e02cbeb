#include "qa/llm/client_factory.hpp"

namespace qa {

Expected<std::unique_ptr<HttpLlmClient>, ConfigError> make_http_llm_client(
    net::any_io_executor executor, const Settings& settings) {
    auto endpoint = parse_endpoint(settings.base_url);
    if (!endpoint) {
        return Unexpected(ConfigError{"LLM_BASE_URL", settings.base_url,
                                      "an http:// URL (" + endpoint.error() + ")"});
    }
    if (endpoint->tls) {
        return Unexpected(ConfigError{"LLM_BASE_URL", settings.base_url,
                                      "an http:// URL (TLS endpoints are not supported yet)"});
    }
    HttpClientOptions options;
    options.model = settings.model;
    options.api_key = settings.api_key;
    // Enough idle connections for every slot, so a steady fan-out never reconnects.
    options.max_idle_connections = static_cast<std::size_t>(settings.max_concurrent_calls) * 2;
    return std::make_unique<HttpLlmClient>(std::move(executor), std::move(*endpoint),
                                           std::move(options));
}

}  // namespace qa
