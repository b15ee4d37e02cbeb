#pragma once
// Session: one accepted connection serving HTTP/1.1 requests in sequence (keep-alive). Lives on
// the server's io thread only. Owned by its own coroutine (run() holds a shared_ptr); the server
// reaches it through the registry to close it at shutdown.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "error_report.hpp"
#include "mock_llm/handler.hpp"
#include "request_parser.hpp"
#include "request_ticket.hpp"
#include "server_state.hpp"
#include "stamped_stream.hpp"
#include "support/io_awaitable.hpp"

namespace mock_llm {

class Session;

// What every session of one server shares; all of it is touched on the io thread only.
struct SessionContext {
    ServerState& state;
    ErrorReporter& reporter;
    std::unordered_set<Session*>& registry;  // sessions alive, for shutdown
    const bool& stopping;                    // set once the server starts shutting down
    // The registry's size, for other threads (Server::open_connections).
    std::atomic<std::size_t>& sessions_alive;
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    using Clock = std::chrono::steady_clock;

    Session(boost::asio::ip::tcp::socket socket, SessionContext& context);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Serves requests until the client leaves, an error, a close, or shutdown.
    static support::io_awaitable<void> run(std::shared_ptr<Session> self);
    // Cancels the pending wait and closes the socket: run() then ends promptly.
    void shutdown();
    // Times out the pending read or write once its deadline has passed (see DeadlineSweeper).
    void check_deadline(Clock::time_point now) { stream_.check_deadline(now); }

  private:
    // How a wait ended. Bind a co_await's result to a local before testing it: GCC 12
    // miscompiled `while (co_await do_delay_until(t) != Wait::gone)` (the frame hit a trap).
    enum class Wait { elapsed, interrupted, gone };

    support::io_awaitable<void> do_serve();
    // Reads the connection's first bytes: true when they are the HTTP/2 preface (prior
    // knowledge), which H2Session then serves; false for HTTP/1.x (or an error, which the
    // HTTP/1.1 read that follows meets again and handles).
    support::io_awaitable<bool> do_detect_http2();
    support::io_awaitable<boost::system::error_code> do_read_body();
    support::io_awaitable<bool> do_handle();
    support::io_awaitable<void> do_reject_unreadable(boost::system::error_code error);
    // Waits until `due`, watching the client: gone when it left or the server is stopping,
    // interrupted when the timer was cancelled otherwise (a queued request got its slot).
    support::io_awaitable<Wait> do_delay_until(Clock::time_point due);
    support::io_awaitable<bool> do_write(const Decision& decision, bool keep_alive,
                                         unsigned http_version);
    support::io_awaitable<bool> do_write_stream(const Decision& decision, bool keep_alive,
                                                unsigned http_version, bool head_sent);
    support::io_awaitable<bool> do_write_pending();
    // Writes `buffers` whole under the write deadline: at once when the socket takes them (the
    // usual case), else the rest asynchronously. False (reported unless expected) on an error.
    support::io_awaitable<bool> do_send(std::array<boost::asio::const_buffer, 2> buffers,
                                        const char* what);
    support::io_awaitable<void> do_linger_close();
    void close_after_response();
    void watch_peer();
    void on_peer_readable(const boost::system::error_code& error);

    // Delivery of answers other than the plain one (session_delivery.cpp).
    support::io_awaitable<bool> do_deliver(const Decision& decision, bool keep_alive,
                                           unsigned http_version, bool head_sent);
    support::io_awaitable<bool> do_hold(Decision& decision, RequestTicket& ticket, bool keep_alive,
                                        unsigned http_version);
    // Waits until `due`, writing a keep-alive line whenever next_line passes.
    support::io_awaitable<bool> do_keep_alive_until(Clock::time_point due,
                                                    Clock::time_point& next_line,
                                                    std::chrono::milliseconds interval,
                                                    const Decision& decision,
                                                    unsigned http_version);
    support::io_awaitable<bool> do_write_keep_alive(const Decision& decision,
                                                    unsigned http_version);
    support::io_awaitable<bool> do_truncate(const Decision& decision, bool keep_alive,
                                            unsigned http_version, bool head_sent);
    support::io_awaitable<bool> do_drip(const Decision& decision, bool keep_alive,
                                        unsigned http_version, bool head_sent);
    // No answer, until the client gives up or the server stops; false: nothing was written.
    support::io_awaitable<bool> do_hang();
    // Resets the connection (RST); false: nothing was written.
    support::io_awaitable<bool> do_reset();
    void reset_connection();
    static void on_slot_granted(void* session);

    // Counts the session in SessionContext::sessions_alive. Declared before the stream, so it
    // is destroyed after it: the count covers the socket until it is closed, and a census of
    // the process's sockets never finds one the mock holds but does not count.
    class AliveCount {
      public:
        explicit AliveCount(std::atomic<std::size_t>& count) : count_(count) {
            count_.fetch_add(1, std::memory_order_relaxed);
        }
        ~AliveCount() { count_.fetch_sub(1, std::memory_order_relaxed); }
        AliveCount(const AliveCount&) = delete;
        AliveCount& operator=(const AliveCount&) = delete;

      private:
        std::atomic<std::size_t>& count_;
    };

    AliveCount alive_;
    StampedStream stream_;
    boost::beast::flat_buffer buffer_;
    RequestStorage request_;  // what parser_ reads, kept across requests
    std::optional<RequestParser> parser_;
    boost::asio::steady_timer delay_timer_;
    // The response head, and a streamed answer's chunks not yet written; reused across requests.
    std::string head_;
    SessionContext& context_;
    bool watching_peer_ = false;
    bool peer_gone_ = false;
};

}  // namespace mock_llm
