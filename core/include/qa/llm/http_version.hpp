#pragma once
// Which HTTP the client speaks to the provider (LLM_HTTP_VERSION).

#include <optional>
#include <string>
#include <string_view>

namespace qa {

enum class HttpVersion {
    http1_1,  // a keep-alive connection per call in flight (the original's httpx default)
    http2,    // streams multiplexed on few connections; http:// endpoints only (prior knowledge)
};

std::string_view to_string(HttpVersion version) noexcept;  // "1.1", "2"
// "1.1" or "2"; nullopt for anything else.
std::optional<HttpVersion> parse_http_version(std::string_view text) noexcept;
// What a ConfigError allows when HTTP/2 is asked of an https:// URL, `url_setting` naming where
// the URL came from (LLM_BASE_URL, --llm-url): HTTP/2 goes by prior knowledge, on http:// only.
std::string http2_needs_plain_http(std::string_view url_setting);

}  // namespace qa
