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

}  // namespace qa
