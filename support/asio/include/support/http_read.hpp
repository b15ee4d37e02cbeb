#pragma once
// Reading one HTTP message into a beast::http::basic_parser: what beast::http::async_read_header
// and async_read do (the same errors, the same end-of-stream rules), written as one loop in the
// calling coroutine. Beast's versions wrap every receive in three layers of composed operations
// (read_op, read_some_op, then the stream's own), which on the hot paths of the client and the
// mock cost more per message than parsing it.

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <cstddef>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>

namespace support {

// Feeds `parser` what `buffer` already holds, without reading: true when that was enough for
// the header (whole = false) or the whole message (whole = true), or when it failed (`error`
// says how); false when more must be read, which async_read_http goes on to do. A caller whose
// message usually arrived whole (a body behind its header) tries this first and skips the
// coroutine async_read_http is.
template <bool isRequest, class DynamicBuffer>
bool parse_buffered(DynamicBuffer& buffer, boost::beast::http::basic_parser<isRequest>& parser,
                    bool whole, boost::system::error_code& error) {
    parser.eager(whole);
    error = {};
    for (;;) {
        if (whole ? parser.is_done() : parser.is_header_done())
            return true;
        if (buffer.size() == 0)
            return false;
        buffer.consume(parser.put(buffer.data(), error));
        if (error == boost::beast::http::error::need_more) {
            error = {};
            return false;
        }
        if (error)
            return true;
    }
}

// Reads from `stream` into `buffer` and feeds `parser` until it holds the header (whole =
// false) or the whole message (whole = true). Bytes past the message stay in `buffer`.
// `AwaitableExecutor` is the executor type of the coroutine that awaits this one
// (support::IoExecutor for the client's and the mock's).
template <class AwaitableExecutor, bool isRequest, class ReadStream, class DynamicBuffer>
boost::asio::awaitable<boost::system::error_code, AwaitableExecutor> async_read_http(
    ReadStream& stream, DynamicBuffer& buffer, boost::beast::http::basic_parser<isRequest>& parser,
    bool whole) {
    namespace http = boost::beast::http;
    // The most one receive asks for, as in Beast's own reads.
    constexpr std::size_t kReadChunk = 64 * 1024;
    boost::system::error_code error;
    for (;;) {
        if (parse_buffered(buffer, parser, whole, error))
            co_return error;
        const std::size_t room = boost::beast::read_size(buffer, kReadChunk);
        if (room == 0)
            co_return http::error::buffer_overflow;
        const std::size_t received = co_await stream.async_read_some(
            buffer.prepare(room),
            boost::asio::redirect_error(boost::asio::use_awaitable_t<AwaitableExecutor>{}, error));
        buffer.commit(received);
        if (error == boost::asio::error::eof) {
            // A message cut short is the parser's to judge; none at all is end_of_stream.
            if (!parser.got_some())
                co_return http::error::end_of_stream;
            error = {};
            parser.put_eof(error);
            co_return error;
        }
        if (error)
            co_return error;
    }
}

}  // namespace support
