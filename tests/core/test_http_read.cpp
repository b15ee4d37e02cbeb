// support::async_read_http on a real loopback connection: it must end where Beast's
// async_read_header/async_read end, with their errors. A message in pieces is read whole; bytes
// past it stay for the next; a close before any byte is end_of_stream, a close mid-body is
// partial_message, and a body that runs to the close is complete. support::parse_buffered
// parses what is already buffered, or asks for a read.
#include <cstring>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "loopback_pair.hpp"
#include "qa/async/asio.hpp"
#include "support/http_read.hpp"

namespace qa {
namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;
using tcp = net::ip::tcp;

using Connected = test::LoopbackPair;

struct ReadResult {
    bool done = false;
    boost::system::error_code error;
};

// Reads with the helper on the client side; the io_context runs bounded, so nothing can hang.
ReadResult read(Connected& c, boost::beast::flat_buffer& buffer,
                http::response_parser<http::string_body>& parser, bool whole) {
    ReadResult result;
    net::co_spawn(
        c.ioc,
        [&]() -> qa::awaitable<void> {
            result.error =
                co_await support::async_read_http<qa::Executor>(c.client, buffer, parser, whole);
            result.done = true;
        },
        net::detached);
    c.run_for(2s);
    return result;
}

TEST(HttpRead, HeaderThenBodyInPiecesAndTheNextMessageLeftInTheBuffer) {
    Connected c;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    c.send("HTTP/1.1 200 OK\r\nContent-Le");
    c.send_later("ngth: 5\r\n\r\nhe", 20ms);
    const ReadResult header = read(c, buffer, parser, false);
    ASSERT_TRUE(header.done);
    EXPECT_FALSE(header.error) << header.error.message();
    EXPECT_TRUE(parser.is_header_done());
    EXPECT_FALSE(parser.is_done());

    c.send_later("l", 10ms);
    c.send_later(
        "lo"
        "HTTP/1.1 204 No Content\r\n\r\n",
        30ms);
    const ReadResult body = read(c, buffer, parser, true);
    ASSERT_TRUE(body.done);
    EXPECT_FALSE(body.error) << body.error.message();
    EXPECT_EQ(parser.get().body(), "hello");

    // The bytes of the next answer were not consumed by this one.
    http::response_parser<http::string_body> next;
    const ReadResult second = read(c, buffer, next, true);
    ASSERT_TRUE(second.done);
    EXPECT_FALSE(second.error) << second.error.message();
    EXPECT_EQ(next.get().result_int(), 204);
}

TEST(HttpRead, ACloseBeforeAnyByteIsEndOfStream) {
    Connected c;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    c.server->shutdown(tcp::socket::shutdown_send);
    const ReadResult result = read(c, buffer, parser, false);
    ASSERT_TRUE(result.done);
    EXPECT_EQ(result.error, http::error::end_of_stream);
}

TEST(HttpRead, ACloseMidBodyIsAPartialMessage) {
    Connected c;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    c.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
    c.server->shutdown(tcp::socket::shutdown_send);
    const ReadResult result = read(c, buffer, parser, true);
    ASSERT_TRUE(result.done);
    EXPECT_EQ(result.error, http::error::partial_message);
}

TEST(HttpRead, ABodyThatRunsToTheCloseIsComplete) {
    Connected c;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    c.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
    c.server->shutdown(tcp::socket::shutdown_send);
    const ReadResult result = read(c, buffer, parser, true);
    ASSERT_TRUE(result.done);
    EXPECT_FALSE(result.error) << result.error.message();
    EXPECT_EQ(parser.get().body(), "all of it");
}

TEST(HttpRead, SyntaxErrorsComeFromTheParser) {
    Connected c;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    c.send("NOT HTTP AT ALL\r\n\r\n");
    const ReadResult result = read(c, buffer, parser, false);
    ASSERT_TRUE(result.done);
    EXPECT_TRUE(result.error);
    EXPECT_EQ(result.error.category(), make_error_code(http::error::bad_version).category());
}

// parse_buffered: what is already in the buffer, without a read.
void put(boost::beast::flat_buffer& buffer, std::string_view bytes) {
    const auto room = buffer.prepare(bytes.size());
    std::memcpy(room.data(), bytes.data(), bytes.size());
    buffer.commit(bytes.size());
}

TEST(ParseBuffered, ABodyThatCameWithTheHeaderIsParsedWithoutARead) {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    put(buffer, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1");
    boost::system::error_code error;
    ASSERT_TRUE(support::parse_buffered(buffer, parser, false, error));
    EXPECT_FALSE(error) << error.message();
    EXPECT_FALSE(parser.is_done());
    ASSERT_TRUE(support::parse_buffered(buffer, parser, true, error));
    EXPECT_FALSE(error) << error.message();
    EXPECT_EQ(parser.get().body(), "hello");
    EXPECT_EQ(buffer.size(), std::string_view("HTTP/1.1").size()) << "the next message stays";
}

TEST(ParseBuffered, APartOfTheBodyAsksForARead) {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    put(buffer, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe");
    boost::system::error_code error;
    EXPECT_FALSE(support::parse_buffered(buffer, parser, true, error));
    EXPECT_FALSE(error) << error.message();
    put(buffer, "llo");
    ASSERT_TRUE(support::parse_buffered(buffer, parser, true, error));
    EXPECT_FALSE(error) << error.message();
    EXPECT_EQ(parser.get().body(), "hello");
}

TEST(ParseBuffered, AnEmptyBufferAsksForARead) {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    boost::system::error_code error;
    EXPECT_FALSE(support::parse_buffered(buffer, parser, false, error));
    EXPECT_FALSE(error);
}

TEST(ParseBuffered, ASyntaxErrorEndsItWithTheParsersError) {
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    put(buffer, "NOT HTTP AT ALL\r\n\r\n");
    boost::system::error_code error;
    EXPECT_TRUE(support::parse_buffered(buffer, parser, false, error));
    EXPECT_EQ(error.category(), make_error_code(http::error::bad_version).category());
}

}  // namespace
}  // namespace qa
