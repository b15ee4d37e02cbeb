#pragma once
// RequestParser: reads one HTTP/1.1 request for a session. Unlike beast's request_parser, it
// keeps the request line, the header fields and the body in storage the session owns and reuses
// (RequestStorage), so once a connection is warm, reading a request allocates nothing; Beast's
// request object allocated a node per header field and a body string per request. The parsing
// itself is beast::http::basic_parser's: Content-Length and chunked bodies, the header and body
// limits, keep-alive and every syntax error, unchanged.
// Thread safety: none. Lifetime: one request; the storage outlives the parser.

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/basic_parser.hpp>

namespace mock_llm {

// What one request leaves behind; cleared, not freed, between requests.
struct RequestStorage {
    // Where a piece of `text` is.
    struct Span {
        std::size_t at = 0;
        std::size_t size = 0;
    };
    struct Field {
        boost::beast::http::field known;  // unknown for names Beast has no constant for
        Span name;
        Span value;
    };

    std::string text;  // the method, the target, then each field's name and value
    std::vector<Field> fields;
    std::string body;

    void clear() noexcept;
    std::string_view view(Span span) const noexcept { return {text.data() + span.at, span.size}; }
};

class RequestParser final : public boost::beast::http::basic_parser<true> {
  public:
    // Clears `storage`, which then receives this request.
    RequestParser(RequestStorage& storage, std::uint64_t body_limit);

    std::string_view method() const noexcept { return storage_.view(method_); }
    std::string_view target() const noexcept { return storage_.view(target_); }
    unsigned version() const noexcept { return version_; }
    std::string_view body() const noexcept { return storage_.body; }
    // The first field of that name (ASCII case-insensitive); nullopt when the request has none.
    std::optional<std::string_view> field(std::string_view name) const noexcept;
    std::optional<std::string_view> field(boost::beast::http::field name) const noexcept;

  private:
    using string_view = boost::beast::string_view;
    using error_code = boost::beast::error_code;

    void on_request_impl(boost::beast::http::verb, string_view method, string_view target,
                         int version, error_code& ec) override;
    void on_response_impl(int, string_view, int, error_code&) override {}
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

    RequestStorage::Span keep(string_view piece);

    RequestStorage& storage_;
    RequestStorage::Span method_;
    RequestStorage::Span target_;
    unsigned version_ = 11;
};

}  // namespace mock_llm
