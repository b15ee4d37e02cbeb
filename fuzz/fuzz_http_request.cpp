// libFuzzer target: the mock's reading of HTTP requests (RequestParser over Beast's
// basic_parser, fed as support::async_read_http feeds it). Any bytes, arriving in pieces of any
// size, must end in parsed requests or a parser error, never a crash or a hang; a parsed
// request's line, fields and body must be readable and within the body limit; and the storage
// reused for the next request on the connection must hold only that request.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "request_parser.hpp"

namespace {

namespace http = boost::beast::http;
constexpr std::uint64_t kBodyLimit = 4096;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    // The first byte is the size of the pieces the rest arrives in (1..256 bytes).
    const std::size_t piece = 1 + static_cast<std::size_t>(data[0]);
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    mock_llm::RequestStorage storage;
    std::string received;  // bytes received, not yet parsed
    std::size_t fed = 0;
    // Up to three requests on one connection, as keep-alive and pipelining bring them.
    for (int request = 0; request < 3; ++request) {
        mock_llm::RequestParser parser(storage, kBodyLimit);
        parser.eager(true);
        boost::beast::error_code error;
        while (!parser.is_done()) {
            std::size_t used = 0;
            if (!received.empty()) {
                used = parser.put(boost::asio::buffer(received), error);
                received.erase(0, used);
                if (error && error != http::error::need_more)
                    return 0;  // refused: the session answers 400/413/431 and closes
                if (parser.is_done())
                    break;
                if (!error && used > 0)
                    continue;
                error = {};
            }
            if (fed == input.size()) {
                // The client closed: a request cut short is the parser's to judge.
                if (parser.got_some())
                    parser.put_eof(error);
                return 0;
            }
            const std::size_t next = std::min(piece, input.size() - fed);
            received.append(input.substr(fed, next));
            fed += next;
        }
        // What the session reads of a request.
        if (parser.method().empty() || parser.target().empty())
            std::abort();
        if (parser.body().size() > kBodyLimit)
            std::abort();
        if (parser.version() != 10 && parser.version() != 11)
            std::abort();
        for (const auto& field : storage.fields) {
            const auto found = parser.field(storage.view(field.name));
            if (!found)
                std::abort();  // every field it kept is found by its name
        }
        (void)parser.field(http::field::authorization);
        (void)parser.field("x-mock-fault");
        (void)parser.keep_alive();
    }
    return 0;
}
