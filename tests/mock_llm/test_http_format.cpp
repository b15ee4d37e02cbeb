// The wire text of answers: response heads, the retry hints' number formats, error bodies.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mock_llm/errors.hpp"
#include "mock_llm/handler.hpp"
#include "mock_llm/http_response.hpp"

namespace mock_llm {
namespace {

TEST(ResponseHead, KeepAliveHttp11) {
    Decision d;
    d.body = R"({"status":"ok"})";
    std::string head;
    write_response_head(head, d, true, 11);
    EXPECT_EQ(head,
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n");
}

TEST(ResponseHead, CloseWhenAskedOrDecided) {
    Decision d;
    std::string head;
    write_response_head(head, d, false, 11);
    EXPECT_NE(head.find("\r\nConnection: close\r\n"), std::string::npos);
    d.close = true;
    write_response_head(head, d, true, 11);
    EXPECT_NE(head.find("\r\nConnection: close\r\n"), std::string::npos);
}

TEST(ResponseHead, Http10KeepAliveIsExplicit) {
    Decision d;
    std::string head;
    write_response_head(head, d, true, 10);
    EXPECT_NE(head.find("\r\nConnection: keep-alive\r\n"), std::string::npos);
}

TEST(ResponseHead, ExtraHeadersAndReason) {
    Decision d;
    d.status = 429;
    d.headers.push_back({"retry-after-ms", "12.5"});
    std::string head = "stale text is replaced";
    write_response_head(head, d, true, 11);
    EXPECT_TRUE(head.starts_with("HTTP/1.1 429 Too Many Requests\r\n")) << head;
    EXPECT_NE(head.find("\r\nretry-after-ms: 12.5\r\n"), std::string::npos);
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(ProcessingTime, ServerTimingToTheMicrosecondAndOpenAiInWholeMilliseconds) {
    const auto headers_for = [](long long us) {
        std::vector<Header> headers;
        add_processing_time(headers, std::chrono::microseconds(us));
        EXPECT_EQ(headers.size(), 2u);
        return headers;
    };
    auto headers = headers_for(5183);
    EXPECT_EQ(headers[0].name, "Server-Timing");
    EXPECT_EQ(headers[0].value, "total;dur=5.183");
    EXPECT_EQ(headers[1].name, "openai-processing-ms");
    EXPECT_EQ(headers[1].value, "5");
    EXPECT_EQ(headers_for(999)[0].value, "total;dur=0.999");
    EXPECT_EQ(headers_for(999)[1].value, "1");
    EXPECT_EQ(headers_for(20005)[0].value, "total;dur=20.005");
    EXPECT_EQ(headers_for(-3)[0].value, "total;dur=0.000") << "a clock step back reads 0";
}

Decision streamed_decision() {
    Decision d;
    d.body = "data: a\n\ndata: [DONE]\n\n";
    d.event_ends = {9, d.body.size()};
    return d;
}

TEST(ResponseHead, StreamIsChunkedEventStreamOnHttp11) {
    std::string head;
    write_response_head(head, streamed_decision(), true, 11);
    EXPECT_EQ(head,
              "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
              "Transfer-Encoding: chunked\r\n\r\n");
}

TEST(ResponseHead, StreamIsCloseDelimitedOnHttp10) {
    std::string head;
    write_response_head(head, streamed_decision(), true, 10);
    EXPECT_EQ(head.find("Transfer-Encoding"), std::string::npos);
    EXPECT_EQ(head.find("Content-Length"), std::string::npos);
    EXPECT_NE(head.find("\r\nConnection: close\r\n"), std::string::npos);
}

TEST(ResponseHead, WhenTheConnectionCloses) {
    Decision json_answer;
    const Decision stream = streamed_decision();
    EXPECT_FALSE(closes_after(json_answer, true, 11));
    EXPECT_FALSE(closes_after(json_answer, true, 10));
    EXPECT_TRUE(closes_after(json_answer, false, 11));
    EXPECT_FALSE(closes_after(stream, true, 11));
    EXPECT_TRUE(closes_after(stream, true, 10));
    json_answer.close = true;
    EXPECT_TRUE(closes_after(json_answer, true, 11));
}

TEST(ResponseHead, ReasonPhrasesOfTheCatalogue) {
    EXPECT_EQ(reason_phrase(401), "Unauthorized");
    EXPECT_EQ(reason_phrase(402), "Payment Required");
    EXPECT_EQ(reason_phrase(502), "Bad Gateway");
    EXPECT_EQ(reason_phrase(503), "Service Unavailable");
}

TEST(ChunkedFraming, HexSizeDataAndTheFinalChunk) {
    std::string out;
    append_chunk(out, "hello", false);
    EXPECT_EQ(out, "5\r\nhello\r\n");
    out.clear();
    append_chunk(out, std::string(26, 'x'), true);
    EXPECT_EQ(out, "1a\r\n" + std::string(26, 'x') + "\r\n0\r\n\r\n");
    out.clear();
    append_chunk(out, std::string(4096, 'y'), false);
    EXPECT_TRUE(out.starts_with("1000\r\n"));
    out.clear();
    append_chunk(out, "", true);  // never an empty chunk before the end
    EXPECT_EQ(out, "0\r\n\r\n");
    append_chunk(out, "", false);
    EXPECT_EQ(out, "0\r\n\r\n");
}

TEST(RetryHints, MillisecondsKeepFractions) {
    using std::chrono::microseconds;
    EXPECT_EQ(format_millis(microseconds(0)), "0");
    EXPECT_EQ(format_millis(microseconds(1'000'000)), "1000");
    EXPECT_EQ(format_millis(microseconds(12'500)), "12.5");
    EXPECT_EQ(format_millis(microseconds(12'050)), "12.05");
    EXPECT_EQ(format_millis(microseconds(1)), "0.001");
    EXPECT_EQ(format_millis(microseconds(999)), "0.999");
}

TEST(RetryHints, SecondsRoundUp) {
    using std::chrono::microseconds;
    EXPECT_EQ(format_ceil_seconds(microseconds(0)), "0");
    EXPECT_EQ(format_ceil_seconds(microseconds(1)), "1");
    EXPECT_EQ(format_ceil_seconds(microseconds(12'500)), "1");
    EXPECT_EQ(format_ceil_seconds(microseconds(1'000'000)), "1");
    EXPECT_EQ(format_ceil_seconds(microseconds(1'000'001)), "2");
}

TEST(ErrorBody, OpenAiShapeWithCode) {
    const auto body = nlohmann::json::parse(error_body("msg", "type_x", "code_y"));
    EXPECT_EQ(body,
              nlohmann::json::parse(
                  R"({"error":{"message":"msg","type":"type_x","param":null,"code":"code_y"}})"));
}

TEST(ProtocolErrors, CloseTheConnection) {
    EXPECT_EQ(malformed_request("bad method").status, 400);
    EXPECT_TRUE(malformed_request("bad method").close);
    EXPECT_EQ(body_too_large(10).status, 413);
    EXPECT_TRUE(body_too_large(10).close);
    EXPECT_EQ(nlohmann::json::parse(body_too_large(10).body)["error"]["message"],
              "Request body too large: the limit is 10 bytes");
    EXPECT_EQ(header_too_large().status, 431);
    EXPECT_TRUE(header_too_large().close);
}

}  // namespace
}  // namespace mock_llm
