// HttpAnswerParser: status, the retry headers, Content-Length and chunked bodies into a reused
// string, the body limit, and keep-alive; fed byte strings directly, no sockets.
#include <gtest/gtest.h>

#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "qa/llm/http_answer_parser.hpp"

namespace qa {
namespace {

namespace http = boost::beast::http;

// Feeds `wire` in pieces of `step` bytes, the way reads may split it; returns the first error.
boost::beast::error_code feed(HttpAnswerParser& parser, std::string_view wire,
                              std::size_t step = 1 << 20) {
    boost::beast::error_code ec;
    std::string pending;
    std::size_t at = 0;
    while (!parser.is_done()) {
        // Never offer an empty buffer (asio::buffer of an empty string is a null pointer, which
        // basic_parser does not expect; beast's own read loop reads first).
        if (pending.empty()) {
            if (at >= wire.size())
                break;
            pending.append(wire.substr(at, step));
            at += step;
        }
        // The parser stops after the header and may take part of a buffer: offer the rest again
        // before reading more.
        const auto used = parser.put(boost::asio::buffer(pending), ec);
        pending.erase(0, used);
        if (ec && ec != http::error::need_more)
            return ec;
        ec = {};
        if (used == 0) {
            if (at >= wire.size())
                break;
            pending.append(wire.substr(at, step));
            at += step;
        }
    }
    return ec;
}

TEST(HttpAnswerParser, KeepsTheServersTimingHeadersRepeatedOnesJoined) {
    std::string body;
    HttpAnswerParser parser(body, 1024);
    const std::string wire =
        "HTTP/1.1 200 OK\r\nServer-Timing: db;dur=2\r\nOpenAI-Processing-Ms: 347\r\n"
        "server-timing: total;dur=5.5\r\nContent-Length: 2\r\n\r\n{}";
    ASSERT_FALSE(feed(parser, wire));
    EXPECT_EQ(parser.server_timing(), "db;dur=2, total;dur=5.5");
    EXPECT_EQ(parser.openai_processing_ms(), "347");
}

TEST(HttpAnswerParser, ReadsStatusAndContentLengthBody) {
    std::string body = "left over from the last answer";
    HttpAnswerParser parser(body, 1024);
    const auto ec = feed(parser,
                         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Content-Length: 7\r\n\r\n{\"a\":1}");
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_TRUE(parser.is_done());
    EXPECT_EQ(parser.status(), 200);
    EXPECT_EQ(body, "{\"a\":1}");
    EXPECT_TRUE(parser.keep_alive());
    EXPECT_TRUE(parser.retry_after().empty());
    EXPECT_TRUE(parser.retry_after_ms().empty());
}

TEST(HttpAnswerParser, ClearsTheBodyOfTheLastAnswerWhenThisOneHasNone) {
    std::string body = "stale";
    HttpAnswerParser parser(body, 1024);
    ASSERT_FALSE(feed(parser, "HTTP/1.1 204 No Content\r\n\r\n"));
    EXPECT_EQ(parser.status(), 204);
    EXPECT_TRUE(body.empty());
}

TEST(HttpAnswerParser, KeepsTheRetryHeadersInAnyCase) {
    std::string body;
    HttpAnswerParser parser(body, 1024);
    ASSERT_FALSE(feed(parser,
                      "HTTP/1.1 429 Too Many Requests\r\nretry-after: 2\r\n"
                      "Retry-After-Ms: 1500\r\nContent-Length: 2\r\n\r\n{}"));
    EXPECT_EQ(parser.status(), 429);
    EXPECT_EQ(parser.retry_after(), "2");
    EXPECT_EQ(parser.retry_after_ms(), "1500");
}

TEST(HttpAnswerParser, JoinsAChunkedBodySplitAcrossReads) {
    std::string body;
    HttpAnswerParser parser(body, 1024);
    const auto ec = feed(parser,
                         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
                         3);
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_TRUE(parser.is_done());
    EXPECT_EQ(body, "{\"a\":1}");
}

TEST(HttpAnswerParser, RefusesABodyOverTheLimitDeclaredOrChunked) {
    std::string body;
    HttpAnswerParser declared(body, 4);
    EXPECT_EQ(feed(declared, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"),
              http::error::body_limit);
    HttpAnswerParser chunked(body, 4);
    EXPECT_EQ(feed(chunked, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"),
              http::error::body_limit);
}

TEST(HttpAnswerParser, SeesConnectionClose) {
    std::string body;
    HttpAnswerParser parser(body, 1024);
    ASSERT_FALSE(feed(parser, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_FALSE(parser.keep_alive());
}

TEST(HttpAnswerParser, RefusesGarbage) {
    std::string body;
    HttpAnswerParser parser(body, 1024);
    EXPECT_TRUE(feed(parser, "SMTP ready\r\n\r\n"));
}

}  // namespace
}  // namespace qa
