#include "mock_llm/http_response.hpp"

#include "mock_llm/json_text.hpp"

namespace mock_llm {

std::string_view reason_phrase(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 413:
            return "Payload Too Large";
        case 422:
            return "Unprocessable Entity";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        default:
            return "Unknown";
    }
}

void write_response_head(std::string& out, const Decision& decision, bool keep_alive,
                         unsigned http_version) {
    out.clear();
    out += "HTTP/1.1 ";
    append_integer(out, decision.status);
    out += ' ';
    out += reason_phrase(decision.status);
    out += "\r\nContent-Type: application/json\r\nContent-Length: ";
    append_integer(out, decision.body.size());
    out += "\r\n";
    for (const Header& header : decision.headers) {
        out += header.name;
        out += ": ";
        out += header.value;
        out += "\r\n";
    }
    if (decision.close || !keep_alive) {
        out += "Connection: close\r\n";
    } else if (http_version == 10) {
        // HTTP/1.0 closes by default; say that this connection stays open.
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

}  // namespace mock_llm
