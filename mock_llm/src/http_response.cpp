#include "mock_llm/http_response.hpp"

#include <algorithm>
#include <cstdint>

#include "mock_llm/json_text.hpp"

namespace mock_llm {

std::string_view reason_phrase(int status) noexcept {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 402:
            return "Payment Required";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
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
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

bool closes_after(const Decision& decision, bool keep_alive, unsigned http_version) noexcept {
    return decision.close || !keep_alive ||
           ((decision.streaming() || decision.chunked) && http_version < 11);
}

void write_response_head(std::string& out, const Decision& decision, bool keep_alive,
                         unsigned http_version) {
    out.clear();
    out += "HTTP/1.1 ";
    append_integer(out, decision.status);
    out += ' ';
    out += reason_phrase(decision.status);
    if (!decision.streaming()) {
        out += "\r\nContent-Type: ";
        out += decision.content_type;
        if (!decision.chunked) {
            out += "\r\nContent-Length: ";
            append_integer(out, decision.body.size());
        } else if (http_version >= 11) {
            out += "\r\nTransfer-Encoding: chunked";
        }
    } else {
        out += "\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache";
        if (http_version >= 11) {
            out += "\r\nTransfer-Encoding: chunked";
        }
    }
    out += "\r\n";
    for (const Header& header : decision.headers) {
        out += header.name;
        out += ": ";
        out += header.value;
        out += "\r\n";
    }
    if (closes_after(decision, keep_alive, http_version)) {
        out += "Connection: close\r\n";
    } else if (http_version == 10) {
        // HTTP/1.0 closes by default; say that this connection stays open.
        out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
}

void append_payload(std::string& out, const Decision& decision, unsigned http_version) {
    const bool chunked = http_version >= 11 && (decision.streaming() || decision.chunked);
    if (!chunked) {
        out += decision.body;
        return;
    }
    if (!decision.streaming()) {
        append_chunk(out, decision.body, true);
        return;
    }
    std::size_t begin = 0;
    for (std::size_t i = 0; i < decision.event_ends.size(); ++i) {
        const std::size_t end = decision.event_ends[i];
        append_chunk(out, std::string_view(decision.body).substr(begin, end - begin),
                     i + 1 == decision.event_ends.size());
        begin = end;
    }
}

void append_chunk(std::string& out, std::string_view data, bool last) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (!data.empty()) {
        // The size in hex without leading zeros: an empty chunk would end the body early.
        char digits[16];
        std::size_t count = 0;
        for (std::size_t size = data.size(); size != 0; size >>= 4) {
            digits[count++] = kHex[size & 0xf];
        }
        while (count != 0) {
            out += digits[--count];
        }
        out += "\r\n";
        out += data;
        out += "\r\n";
    }
    if (last) {
        out += "0\r\n\r\n";
    }
}

}  // namespace mock_llm

namespace mock_llm {

void add_processing_time(std::vector<Header>& headers, std::chrono::microseconds spent) {
    const auto us = std::max<std::int64_t>(0, spent.count());
    std::string timing = "total;dur=";
    append_integer(timing, us / 1000);
    timing += '.';
    const auto fraction = us % 1000;
    timing += static_cast<char>('0' + fraction / 100);
    timing += static_cast<char>('0' + fraction / 10 % 10);
    timing += static_cast<char>('0' + fraction % 10);
    headers.push_back({"Server-Timing", std::move(timing)});
    std::string millis;
    append_integer(millis, (us + 500) / 1000);
    headers.push_back({"openai-processing-ms", std::move(millis)});
}

}  // namespace mock_llm
