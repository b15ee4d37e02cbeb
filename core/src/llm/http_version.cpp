#include "qa/llm/http_version.hpp"

namespace qa {

std::string_view to_string(HttpVersion version) noexcept {
    return version == HttpVersion::http2 ? "2" : "1.1";
}

std::optional<HttpVersion> parse_http_version(std::string_view text) noexcept {
    if (text == "1.1")
        return HttpVersion::http1_1;
    if (text == "2")
        return HttpVersion::http2;
    return std::nullopt;
}

std::string http2_needs_plain_http(std::string_view url_setting) {
    return "1.1 with an https:// " + std::string(url_setting) +
           " (HTTP/2 is spoken by prior knowledge on http:// endpoints only)";
}

}  // namespace qa
