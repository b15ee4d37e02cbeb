#include "qa/llm/client_factory.hpp"

#include "qa/llm/http_version.hpp"

namespace qa {

Expected<std::shared_ptr<net::ssl::context>, ConfigError> make_tls_context(
    const Settings& settings) {
    auto context = std::make_shared<net::ssl::context>(net::ssl::context::tls_client);
    boost::system::error_code ec;
    context->set_default_verify_paths(ec);  // the system's store; none is not an error by itself
    if (!settings.ca_file.empty()) {
        context->load_verify_file(settings.ca_file, ec);
        if (ec) {
            return Unexpected(ConfigError{"LLM_CA_FILE", settings.ca_file,
                                          "a PEM file of CA certificates (" + ec.message() + ")"});
        }
    }
    context->set_verify_mode(net::ssl::verify_peer);
    return context;
}

Expected<std::unique_ptr<HttpLlmClient>, ConfigError> make_http_llm_client(
    net::any_io_executor executor, const Settings& settings) {
    auto endpoint = parse_endpoint_setting("LLM_BASE_URL", settings.base_url);
    if (!endpoint)
        return Unexpected(std::move(endpoint).error());
    HttpClientOptions options;
    options.http_version = settings.http_version;
    if (endpoint->tls && settings.http_version == HttpVersion::http2) {
        return Unexpected(
            ConfigError{"LLM_HTTP_VERSION", "2", http2_needs_plain_http("LLM_BASE_URL")});
    }
    if (endpoint->tls) {
        auto tls = make_tls_context(settings);
        if (!tls)
            return Unexpected(std::move(tls).error());
        options.tls = std::move(*tls);
    }
    options.model = settings.model;
    options.api_key = settings.api_key;
    // Enough idle connections for every slot, so a steady fan-out never reconnects.
    options.max_idle_connections = static_cast<std::size_t>(settings.max_concurrent_calls) * 2;
    return std::make_unique<HttpLlmClient>(std::move(executor), std::move(*endpoint),
                                           std::move(options));
}

}  // namespace qa
