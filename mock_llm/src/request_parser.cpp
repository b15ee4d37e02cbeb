#include "request_parser.hpp"

#include <boost/beast/core/string.hpp>

namespace mock_llm {
namespace http = boost::beast::http;

namespace {

// A body larger than this is not kept for the connection's next request: one large upload must
// not hold its memory for as long as the connection lives.
constexpr std::size_t kKeptBodyCapacity = 64 * 1024;

}  // namespace

void RequestStorage::clear() noexcept {
    text.clear();
    fields.clear();
    if (body.capacity() > kKeptBodyCapacity) {
        std::string().swap(body);
    } else {
        body.clear();
    }
}

RequestParser::RequestParser(RequestStorage& storage, std::uint64_t body_limit)
    : storage_(storage) {
    storage_.clear();
    this->body_limit(body_limit);
}

RequestStorage::Span RequestParser::keep(string_view piece) {
    const RequestStorage::Span span{storage_.text.size(), piece.size()};
    storage_.text.append(piece.data(), piece.size());
    return span;
}

void RequestParser::on_request_impl(http::verb, string_view method, string_view target, int version,
                                    error_code&) {
    method_ = keep(method);
    target_ = keep(target);
    version_ = static_cast<unsigned>(version);
}

void RequestParser::on_field_impl(http::field name, string_view name_string, string_view value,
                                  error_code&) {
    const RequestStorage::Span name_span = keep(name_string);
    storage_.fields.push_back({name, name_span, keep(value)});
}

std::optional<std::string_view> RequestParser::field(std::string_view name) const noexcept {
    for (const RequestStorage::Field& field : storage_.fields) {
        if (boost::beast::iequals(storage_.view(field.name), name)) {
            return storage_.view(field.value);
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> RequestParser::field(http::field name) const noexcept {
    for (const RequestStorage::Field& field : storage_.fields) {
        if (field.known == name) {
            return storage_.view(field.value);
        }
    }
    return std::nullopt;
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                      error_code&) {
    // basic_parser has already refused a declared length above the limit.
    if (content_length) {
        storage_.body.reserve(static_cast<std::size_t>(*content_length));
    }
}

std::size_t RequestParser::on_body_impl(string_view piece, error_code&) {
    storage_.body.append(piece.data(), piece.size());
    return piece.size();
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view piece, error_code&) {
    storage_.body.append(piece.data(), piece.size());
    return piece.size();
}

}  // namespace mock_llm
