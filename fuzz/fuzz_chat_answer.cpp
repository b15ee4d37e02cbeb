// libFuzzer target: the client's side of the wire. Whatever a server sends back (an HTTP
// answer's bytes, in any split), the answer parser, the error-body reader, the Retry-After and
// server-time (Server-Timing, openai-processing-ms) parsers and the reader of the model's answer
// (issues in a completion's content) must return a value or an error, never crash or read out of
// bounds.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>

#include "qa/analysis/llm_answer.hpp"
#include "qa/llm/http_answer_parser.hpp"
#include "qa/llm/retry_after.hpp"
#include "qa/llm/server_timing.hpp"
#include "qa/llm/wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // The body alone, as the JSON readers see it.
    qa::ChatResponseParser answers;
    (void)answers.parse(input);
    (void)qa::error_message_from_body(input);
    // The body as a completion's content: the model's answer, read into issues.
    static qa::LlmAnswerParser content;
    if (const auto answer = content.parse(input); answer) {
        if (answer->issues.size() > qa::kMaxIssuesPerAnswer)
            std::abort();
        for (const auto& issue : answer->issues) {
            if (issue.message.empty() || issue.message.size() > qa::kMaxIssueTextBytes ||
                issue.category.size() > qa::kMaxCategoryBytes)
                std::abort();
        }
    }

    // The whole answer through the HTTP reader, fed in two pieces split by the first byte.
    std::string body;
    qa::HttpAnswerParser parser(body, 1 << 20);
    const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
    std::string pending(input.substr(0, split));
    boost::beast::error_code ec;
    for (std::size_t offered = split; !parser.is_done();) {
        // Like beast's own read loop, offer bytes only when there are some (asio::buffer of an
        // empty string is a null pointer, which basic_parser does not expect).
        if (pending.empty()) {
            if (offered >= size)
                break;
            pending.append(input.substr(offered));
            offered = size;
        }
        const auto used = parser.put(boost::asio::buffer(pending), ec);
        pending.erase(0, used);
        if (ec && ec != boost::beast::http::error::need_more)
            break;
        ec = {};
        if (used == 0) {
            if (offered >= size)
                break;
            pending.append(input.substr(offered));
            offered = size;
        }
    }
    if (parser.is_done()) {
        (void)answers.parse(body);
        (void)qa::parse_retry_after(parser.retry_after_ms(), parser.retry_after(),
                                    std::chrono::system_clock::now());
        const auto spent =
            qa::parse_server_time(parser.server_timing(), parser.openai_processing_ms());
        if (spent && (spent->count() < 0 || *spent > std::chrono::hours(24)))
            std::abort();
    }
    // The raw bytes as either header's value.
    const auto spent = qa::parse_server_time(input, input);
    if (spent && (spent->count() < 0 || *spent > std::chrono::hours(24)))
        std::abort();
    return 0;
}
