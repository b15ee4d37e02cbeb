#pragma once
// HttpAnswerParser: reads one HTTP/1.1 answer for the client. Unlike beast's response_parser it
// keeps no header fields but the few the client acts on, and it appends the body to a string the
// caller owns and reuses, so once a connection is warm, reading an answer allocates nothing.
// Content-Length and chunked bodies are both handled (by beast::http::basic_parser underneath),
// and the body limit applies to either.
// Thread safety: none. Lifetime: one answer; the body string outlives the parser.

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/http/basic_parser.hpp>

namespace qa {

class HttpAnswerParser final : public boost::beast::http::basic_parser<false> {
  public:
    // `body` is cleared when the answer's body starts and receives all of it.
    HttpAnswerParser(std::string& body, std::uint64_t body_limit);

    int status() const noexcept { return status_; }
    // The raw Retry-After and retry-after-ms values; empty when the answer had none.
    std::string_view retry_after() const noexcept { return retry_after_; }
    std::string_view retry_after_ms() const noexcept { return retry_after_ms_; }
    // The raw Server-Timing (repeated fields joined by commas) and openai-processing-ms values.
    std::string_view server_timing() const noexcept { return server_timing_; }
    std::string_view openai_processing_ms() const noexcept { return openai_processing_ms_; }

  private:
    using string_view = boost::beast::string_view;
    using error_code = boost::beast::error_code;

    void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                         error_code&) override {}
    void on_response_impl(int code, string_view reason, int version, error_code& ec) override;
    void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                       error_code& ec) override;
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                           error_code& ec) override;
    std::size_t on_body_impl(string_view piece, error_code& ec) override;
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t remain, string_view piece,
                                   error_code& ec) override;
    void on_finish_impl(error_code&) override {}

    std::string& body_;
    int status_ = 0;
    std::string retry_after_;
    std::string retry_after_ms_;
    std::string server_timing_;
    std::string openai_processing_ms_;
};

}  // namespace qa
