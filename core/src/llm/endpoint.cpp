#include "qa/llm/endpoint.hpp"

#include <charconv>

#include "qa/config/value_parsers.hpp"

namespace qa {

std::string Endpoint::chat_completions_target() const {
    return base_path + "/chat/completions";
}

std::string Endpoint::host_header() const {
    const bool default_port = (tls && port == 443) || (!tls && port == 80);
    // An IPv6 literal is bracketed in a Host header, as in a URL.
    const std::string name = host.find(':') == std::string::npos ? host : "[" + host + "]";
    return default_port ? name : name + ":" + std::to_string(port);
}

Expected<Endpoint, std::string> parse_endpoint(std::string_view url) {
    Endpoint endpoint;
    // The host and path go into the request line and Host header as they are: a space or a
    // CR/LF would split them, and anything else outside visible ASCII must come percent-encoded.
    if (const auto bad = first_invisible_byte(url)) {
        return Unexpected("the URL must be visible ASCII (percent-encode the rest); byte " +
                          std::to_string(*bad + 1) + " is not");
    }
    std::string_view rest;
    if (url.starts_with("http://")) {
        rest = url.substr(7);
        endpoint.port = 80;
    } else if (url.starts_with("https://")) {
        rest = url.substr(8);
        endpoint.tls = true;
        endpoint.port = 443;
    } else {
        return Unexpected(std::string("the URL must start with http:// or https://"));
    }

    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
    while (path.ends_with('/'))
        path.remove_suffix(1);
    if (path.find_first_of("?#") != std::string_view::npos) {
        return Unexpected(std::string("the URL must not carry a query or fragment"));
    }

    // Bracketed IPv6 literal: [::1]:8080
    std::string_view host = authority;
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return Unexpected(std::string("unclosed '[' in host"));
        host = authority.substr(1, close - 1);
        const auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':')
                return Unexpected(std::string("junk after ']' in host"));
            port_text = after.substr(1);
        }
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port_text = authority.substr(colon + 1);
    }
    if (host.empty())
        return Unexpected(std::string("the URL has no host"));
    if (authority.find('@') != std::string_view::npos) {
        return Unexpected(std::string("credentials in the URL are not allowed; use LLM_API_KEY"));
    }
    if (!port_text.empty() || authority.ends_with(':')) {
        unsigned port = 0;
        const auto* end = port_text.data() + port_text.size();
        const auto [ptr, ec] = std::from_chars(port_text.data(), end, port);
        if (port_text.empty() || ec != std::errc{} || ptr != end || port == 0 || port > 65535) {
            return Unexpected("the port must be an integer in 1..65535, got \"" +
                              std::string(port_text) + "\"");
        }
        endpoint.port = static_cast<std::uint16_t>(port);
    }
    endpoint.host = std::string(host);
    endpoint.base_path = std::string(path);
    return endpoint;
}

std::string mask_url_credentials(std::string_view url) {
    const auto scheme_end = url.find("://");
    const auto authority_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    const auto authority_end = url.find_first_of("/?#", authority_start);
    const auto authority = url.substr(authority_start, authority_end == std::string_view::npos
                                                           ? std::string_view::npos
                                                           : authority_end - authority_start);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos)
        return std::string(url);
    return std::string(url.substr(0, authority_start)) + "***" +
           std::string(url.substr(authority_start + at));
}

Expected<Endpoint, ConfigError> parse_endpoint_setting(std::string_view name,
                                                       std::string_view url) {
    auto endpoint = parse_endpoint(url);
    if (!endpoint) {
        return Unexpected(ConfigError{std::string(name), mask_url_credentials(url),
                                      "an http:// or https:// URL (" + endpoint.error() + ")"});
    }
    return std::move(*endpoint);
}

}  // namespace qa
