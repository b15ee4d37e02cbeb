// libFuzzer target: the client's side of the wire. Whatever a server sends back (an HTTP
// answer's bytes, in any split), the answer parser, the error-body reader and the Retry-After
// parser must return a value or an error, never crash or read out of bounds.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>

#include "qa/llm/http_answer_parser.hpp"
#include "qa/llm/retry_after.hpp"
#include "qa/llm/wire.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // The body alone, as the JSON readers see it.
    qa::ChatResponseParser answers;
    (void)answers.parse(input);
    (void)qa::error_message_from_body(input);

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
    }
    return 0;
}
