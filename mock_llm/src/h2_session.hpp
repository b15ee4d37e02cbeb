#pragma once
// H2Session: a connection that opened with the HTTP/2 preface (h2c, prior knowledge), served
// with nghttp2 doing the protocol. Every stream is one request, decided by ServerState exactly as
// an HTTP/1.1 request is (the same routes, profile, faults, counters and journal), and answered
// by a coroutine of its own: its delay, then its delivery. The faults map onto HTTP/2 per stream,
// so one stream's fault never touches the connection's others:
//
//   hang      no answer until the client resets the stream or leaves
//   reset     RST_STREAM (INTERNAL_ERROR) at once, no answer
//   truncate  the head announces the whole body; half of it, then RST_STREAM (INTERNAL_ERROR)
//   drip      the answer in DATA frames of Decision::drip.bytes, one per interval
//   close     after the answer, GOAWAY: the client opens a new connection for further calls
//
// deepseek-legacy's held answer sends its head at once and empty lines as DATA while it waits,
// as on HTTP/1.1. Requests are counted in flight from when their last frame arrived until
// their answer's last frame left (or the stream closed without one: 499).
// Thread safety: none; the server's io thread only. Lifetime: its streams' coroutines and its
// reader hold it; it holds its Session, whose stream and buffer it reads and writes.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "mock_llm/handler.hpp"
#include "mock_llm/stats.hpp"
#include "request_ticket.hpp"
#include "stamped_stream.hpp"
#include "support/h2_output.hpp"
#include "support/io_awaitable.hpp"

struct nghttp2_session;

namespace mock_llm {

struct SessionContext;

// The 24 bytes every HTTP/2 client sends first (RFC 9113, 3.4).
inline constexpr std::string_view kH2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

class H2Session : public std::enable_shared_from_this<H2Session> {
  public:
    using Clock = std::chrono::steady_clock;

    // `owner` (the Session) is kept alive as long as this; `stream` and `buffer` are its, the
    // buffer holding what was read so far (the preface at least).
    H2Session(std::shared_ptr<void> owner, StampedStream& stream, boost::beast::flat_buffer& buffer,
              SessionContext& context);
    ~H2Session();
    H2Session(const H2Session&) = delete;
    H2Session& operator=(const H2Session&) = delete;

    // Serves streams until the client leaves, a protocol error, an idle timeout or shutdown;
    // returns once every stream has ended.
    static support::io_awaitable<void> serve(std::shared_ptr<H2Session> self);

    // One request and its answer.
    struct Stream {
        Stream(std::int32_t stream_id, const boost::asio::any_io_executor& executor)
            : id(stream_id), timer(executor) {}

        std::int32_t id;
        std::string method;
        std::string path;
        std::vector<std::pair<std::string, std::string>> fields;  // names in lower case
        std::string body;
        bool body_too_large = false;
        Clock::time_point arrival{};
        RequestTicket ticket;
        bool ticket_begun = false;
        Decision decision;
        int final_status = kStatusClientClosed;  // what the ticket is finished with at the close
        // The answer's body as far as it is known, and how much of it nghttp2 has taken.
        std::string out;
        std::size_t out_taken = 0;
        bool out_end = false;
        bool deferred = false;   // nghttp2 waits for more of the body (resume_data)
        bool answering = false;  // its coroutine runs
        bool closed = false;     // nghttp2 closed it
        boost::asio::steady_timer timer;

        // A request header field by name (any case); absent: nullopt, or "" from field().
        std::optional<std::string_view> optional_field(std::string_view name) const;
        std::string_view field(std::string_view name) const {
            return optional_field(name).value_or(std::string_view{});
        }
    };

  private:
    friend struct H2ServerCallbacks;

    static support::io_awaitable<void> answer(std::shared_ptr<H2Session> self, Stream* stream);
    // Waits until `due` (or the stream closes, the session ends, or a held request is granted
    // its slot); false when the stream or the session is gone.
    support::io_awaitable<bool> wait_until(Stream& stream, Clock::time_point due);
    // The whole delivery of a decided answer; false when it ended the stream early.
    support::io_awaitable<bool> deliver(Stream& stream, bool head_sent);
    support::io_awaitable<bool> hold(Stream& stream);
    // Waits until `due`, sending a keep-alive line on the held stream whenever next_line passes.
    support::io_awaitable<bool> keep_alive_until(Stream& stream, Clock::time_point due,
                                                 Clock::time_point& next_line,
                                                 std::chrono::milliseconds interval,
                                                 std::string_view line);

    void on_request(Stream& stream);
    // The answer's head, with a body that `send` feeds (the stream ends with `end`).
    void submit_head(Stream& stream);
    void send(Stream& stream, std::string_view bytes, bool end);
    void reset(Stream& stream, std::uint32_t code);
    void on_stream_closed(std::int32_t id, std::uint32_t code);
    void flush_soon();
    void flush();
    void end_session();
    // After a failed write: the read that waits then fails, and the session ends.
    void shut_down_socket();
    // With no stream left, the connection closes after the keep-alive timeout unless a new
    // request comes.
    void arm_idle_timeout();

    std::shared_ptr<void> owner_;
    StampedStream& stream_;
    boost::beast::flat_buffer& buffer_;
    SessionContext& context_;
    nghttp2_session* session_ = nullptr;
    std::unordered_map<std::int32_t, std::unique_ptr<Stream>> streams_;
    support::H2Output output_;  // frames on their way to the socket
    bool flush_scheduled_ = false;
    bool ended_ = false;
    // Woken when the last stream's coroutine ends after the session did.
    boost::asio::steady_timer drained_;
};

}  // namespace mock_llm
