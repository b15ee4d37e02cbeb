#include "qa/llm/http_answer_parser.hpp"

#include <boost/beast/http/field.hpp>

namespace qa {
namespace http = boost::beast::http;

HttpAnswerParser::HttpAnswerParser(std::string& body, std::uint64_t body_limit) : body_(body) {
    body_.clear();  // an answer without a body must not show the previous one's
    this->body_limit(body_limit);
}

void HttpAnswerParser::on_response_impl(int code, string_view, int, error_code&) {
    status_ = code;
}

void HttpAnswerParser::on_field_impl(http::field name, string_view name_string, string_view value,
                                     error_code&) {
    if (name == http::field::retry_after) {
        retry_after_.assign(value.data(), value.size());
    } else if (name != http::field::unknown) {
        return;
    } else if (boost::beast::iequals(name_string, "retry-after-ms")) {
        retry_after_ms_.assign(value.data(), value.size());
    } else if (boost::beast::iequals(name_string, "server-timing")) {
        if (!server_timing_.empty())
            server_timing_ += ", ";
        server_timing_.append(value.data(), value.size());
    } else if (boost::beast::iequals(name_string, "openai-processing-ms")) {
        openai_processing_ms_.assign(value.data(), value.size());
    }
}

void HttpAnswerParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                         error_code&) {
    body_.clear();
    // basic_parser has already refused a declared length above the limit.
    if (content_length)
        body_.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t HttpAnswerParser::on_body_impl(string_view piece, error_code&) {
    body_.append(piece.data(), piece.size());
    return piece.size();
}

std::size_t HttpAnswerParser::on_chunk_body_impl(std::uint64_t, string_view piece, error_code&) {
    body_.append(piece.data(), piece.size());
    return piece.size();
}

}  // namespace qa
