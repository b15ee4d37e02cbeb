// RequestParser: Beast's request parsing with the request kept in storage the session reuses.
// What the session reads from it (the request line, any field by name, the body) must match
// what was sent, whichever way the body came, and a second request on the same storage must see
// nothing of the first.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "request_parser.hpp"

namespace mock_llm {
namespace {

namespace http = boost::beast::http;
using boost::beast::error_code;

// Parses `wire` whole (header and body), as the session does.
error_code parse(RequestParser& parser, std::string_view wire) {
    error_code error;
    parser.eager(true);
    std::size_t used = 0;
    while (!parser.is_done() && !error && used < wire.size()) {
        used += parser.put(boost::asio::buffer(wire.data() + used, wire.size() - used), error);
        if (error == http::error::need_more) {
            error = {};
            break;
        }
    }
    return error;
}

TEST(RequestParser, RequestLineFieldsAndContentLengthBody) {
    RequestStorage storage;
    RequestParser parser(storage, 1 << 20);
    const std::string wire =
        "POST /v1/chat/completions?x=1 HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        "Authorization: Bearer sk-test\r\n"
        "X-Mock-Fault: status=429\r\n"
        "x-stainless-retry-count: 2\r\n"
        "X-Empty:\r\n"
        "Content-Length: 11\r\n"
        "\r\n"
        "{\"a\":\"b c\"}";
    ASSERT_FALSE(parse(parser, wire));
    ASSERT_TRUE(parser.is_done());
    EXPECT_EQ(parser.method(), "POST");
    EXPECT_EQ(parser.target(), "/v1/chat/completions?x=1");
    EXPECT_EQ(parser.version(), 11u);
    EXPECT_TRUE(parser.keep_alive());
    EXPECT_EQ(parser.body(), "{\"a\":\"b c\"}");
    // By Beast's constant and by name, in any case.
    EXPECT_EQ(parser.field(http::field::authorization), "Bearer sk-test");
    EXPECT_EQ(parser.field("x-mock-fault"), "status=429");
    EXPECT_EQ(parser.field("X-STAINLESS-RETRY-COUNT"), "2");
    // Present but empty is not absent.
    ASSERT_TRUE(parser.field("x-empty").has_value());
    EXPECT_EQ(parser.field("x-empty"), "");
    EXPECT_FALSE(parser.field("x-mock-delay-ms").has_value());
    EXPECT_FALSE(parser.field(http::field::expect).has_value());
}

TEST(RequestParser, ChunkedBodyArrivesWhole) {
    RequestStorage storage;
    RequestParser parser(storage, 1 << 20);
    ASSERT_FALSE(parse(parser,
                       "POST /chat/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                       "4\r\n{\"a\"\r\n5\r\n:\"b\"}\r\n0\r\n\r\n"));
    ASSERT_TRUE(parser.is_done());
    EXPECT_EQ(parser.body(), "{\"a\":\"b\"}");
}

TEST(RequestParser, HttpOneZeroWithoutKeepAliveCloses) {
    RequestStorage storage;
    RequestParser parser(storage, 1 << 20);
    ASSERT_FALSE(parse(parser, "GET /healthz HTTP/1.0\r\n\r\n"));
    EXPECT_EQ(parser.version(), 10u);
    EXPECT_FALSE(parser.keep_alive());
    EXPECT_EQ(parser.body(), "");
}

TEST(RequestParser, TheNextRequestOnTheSameStorageSeesNothingOfTheLast) {
    RequestStorage storage;
    {
        RequestParser first(storage, 1 << 20);
        ASSERT_FALSE(parse(first, "POST /a HTTP/1.1\r\nX-One: 1\r\nContent-Length: 3\r\n\r\nabc"));
    }
    RequestParser second(storage, 1 << 20);
    ASSERT_FALSE(parse(second, "GET /models HTTP/1.1\r\nX-Two: 2\r\n\r\n"));
    EXPECT_EQ(second.method(), "GET");
    EXPECT_EQ(second.target(), "/models");
    EXPECT_EQ(second.body(), "");
    EXPECT_FALSE(second.field("x-one").has_value());
    EXPECT_EQ(second.field("x-two"), "2");
}

TEST(RequestParser, ALargeBodyIsNotKeptForTheConnectionsNextRequest) {
    RequestStorage storage;
    const std::string body(200 * 1024, 'x');
    {
        RequestParser large(storage, 1 << 20);
        ASSERT_FALSE(parse(large, "POST /a HTTP/1.1\r\nContent-Length: " +
                                      std::to_string(body.size()) + "\r\n\r\n" + body));
        EXPECT_EQ(large.body().size(), body.size());
    }
    RequestParser next(storage, 1 << 20);
    EXPECT_LT(storage.body.capacity(), body.size());
}

TEST(RequestParser, BodyOverTheLimitIsRefused) {
    RequestStorage storage;
    RequestParser parser(storage, 10);
    EXPECT_EQ(parse(parser, "POST /a HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890"),
              http::error::body_limit);
}

}  // namespace
}  // namespace mock_llm
