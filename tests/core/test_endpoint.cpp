#include <gtest/gtest.h>

#include "qa/llm/endpoint.hpp"

namespace qa {
namespace {

TEST(Endpoint, ParsesHostPortAndPath) {
    const auto e = parse_endpoint("http://127.0.0.1:8080/v1/");
    ASSERT_TRUE(e) << e.error();
    EXPECT_FALSE(e->tls);
    EXPECT_EQ(e->host, "127.0.0.1");
    EXPECT_EQ(e->port, 8080);
    EXPECT_EQ(e->chat_completions_target(), "/v1/chat/completions");
    EXPECT_EQ(e->host_header(), "127.0.0.1:8080");
}

TEST(Endpoint, DefaultsPortsByScheme) {
    const auto e = parse_endpoint("https://api.deepseek.com");
    ASSERT_TRUE(e);
    EXPECT_TRUE(e->tls);
    EXPECT_EQ(e->port, 443);
    EXPECT_EQ(e->chat_completions_target(), "/chat/completions");
    EXPECT_EQ(e->host_header(), "api.deepseek.com");
    EXPECT_EQ(parse_endpoint("http://localhost")->port, 80);
}

TEST(Endpoint, BracketedIpv6) {
    const auto e = parse_endpoint("http://[::1]:9000");
    ASSERT_TRUE(e) << e.error();
    EXPECT_EQ(e->host, "::1");
    EXPECT_EQ(e->port, 9000);
    EXPECT_EQ(e->host_header(), "[::1]:9000");
}

TEST(Endpoint, RefusesWhatItCannotUse) {
    for (const char* bad : {"", "ftp://x", "127.0.0.1:80", "http://", "http://:80", "http://h:0",
                            "http://h:65536", "http://h:x", "http://h:", "http://u:p@h",
                            "http://h/p?q=1", "http://[::1", "http://h/v1\r\nX: y", "http://h /v1",
                            "http://h/v 1", "http://h\tx/", "http://h\xc3\xa9/", "http://h/\x7f"}) {
        EXPECT_FALSE(parse_endpoint(bad)) << bad;
    }
}

}  // namespace
}  // namespace qa
