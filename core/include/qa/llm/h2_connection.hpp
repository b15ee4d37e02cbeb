#pragma once
// H2Connection: one HTTP/2 connection carrying many chat-completion exchanges at once, each on a
// stream of its own; nghttp2 does the protocol (framing, HPACK, flow control, settings), this
// class the I/O on the pooled connection it was given: plain TCP, HTTP/2 by prior knowledge
// (h2c). HTTP/2 over TLS (ALPN) is not supported yet.
//
// Why: on HTTP/1.1 every request and every answer is a send and a receive system call of its
// own, on its own socket, and on loopback the kernel's part of those is most of a call's CPU.
// Here the requests submitted while the client's thread is busy leave together, in one write at
// the end of the turn (flush_soon) or eight to a write, and one read brings back whatever answers
// arrived. That trades some latency for the CPU (README, "HTTP/2").
//
// Failure is per stream where HTTP/2 allows it: a stream the server resets, or one cut off by a
// GOAWAY, fails alone; a broken connection fails the exchanges it carried, as connection_lost.
// Thread safety: none; one io_context thread. Lifetime: shared; its reader keeps it alive until
// the connection ends, and an exchange is detached from it before the exchange's frame goes.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nghttp2/nghttp2.h>
#include <boost/asio/steady_timer.hpp>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"
#include "qa/llm/call_error.hpp"
#include "qa/llm/connection_pool.hpp"
#include "support/h2_output.hpp"

namespace qa {

class H2Connection;

// One request and its answer. Lives in the attempt's frame; the connection refers to it from
// submit() until it is done (the stream closed, or the connection failed) or cancelled.
struct H2Exchange {
    explicit H2Exchange(const Executor& executor) : wake(executor) {}
    // One still on its connection (its frame torn down early) is taken off it.
    ~H2Exchange();
    H2Exchange(const H2Exchange&) = delete;
    H2Exchange& operator=(const H2Exchange&) = delete;

    // The request: its body, and how much of it nghttp2 has taken so far.
    std::string_view body;
    std::size_t body_taken = 0;
    char content_length[24] = {};
    std::size_t max_answer_bytes = 0;

    // The answer. `answer_body` is the caller's buffer, reused across answers.
    std::string* answer_body = nullptr;
    int status = 0;
    std::optional<SteadyClock::time_point> first_byte;  // when its headers arrived
    std::string retry_after;
    std::string retry_after_ms;
    std::string server_timing;
    std::string openai_processing_ms;
    // Why the stream failed (reset, GOAWAY, connection lost, answer too large); empty when the
    // answer arrived whole.
    std::optional<CallError> error;
    // The server closed the stream with REFUSED_STREAM before any answer (over its stream
    // limit, or past a GOAWAY's last stream): it did not process the request (RFC 9113, 8.7),
    // so the request may go again at once, on a connection with room.
    bool refused = false;
    bool done = false;

    // Armed at the attempt's deadline; cancelled when the exchange is done. On the io_context's
    // own executor type: no type-erased executor to copy and dispatch through per attempt.
    net::basic_waitable_timer<std::chrono::steady_clock,
                              net::wait_traits<std::chrono::steady_clock>, Executor>
        wake;
    std::int32_t stream_id = -1;
    // The connection's list of its exchanges (linked in place: submitting allocates nothing).
    H2Connection* connection = nullptr;
    H2Exchange* prev = nullptr;
    H2Exchange* next = nullptr;
};

class H2Connection : public std::enable_shared_from_this<H2Connection> {
  public:
    struct Options {
        std::string authority;  // the :authority pseudo-header (Host)
        std::string path;       // the chat-completions target
        // Request header fields sent with every request, names in lower case; a field whose
        // name is "authorization" is never indexed (HPACK), so it cannot leak through the table.
        std::vector<std::pair<std::string, std::string>> fields;
    };

    // Takes over a connected plain-TCP lease and queues the connection preface and settings.
    // Throws std::invalid_argument for a TLS lease, std::bad_alloc when nghttp2 cannot allocate.
    static std::shared_ptr<H2Connection> start(ConnectionPool::Lease lease,
                                               std::shared_ptr<const Options> options,
                                               const Executor& executor);
    ~H2Connection();
    H2Connection(const H2Connection&) = delete;
    H2Connection& operator=(const H2Connection&) = delete;

    // Whether a new exchange may go on this connection: it is up, has no GOAWAY, and the server
    // allows another concurrent stream.
    bool has_room() const noexcept;
    bool usable() const noexcept { return !closed_ && !draining_; }
    // For a connection with no exchanges: reads what the server sent while it sat idle (a
    // GOAWAY, a PING, its close) without waiting, so a closed one is found before a request is
    // sent on it. Then usable().
    bool check_idle();
    std::size_t active_streams() const noexcept { return active_; }

    // Starts `exchange` (its body and buffers set, its wake timer armed) on a new stream; the
    // request leaves with the others submitted this turn, or with the seven before it. False
    // (and exchange.error set) when the connection cannot take it.
    bool submit(H2Exchange& exchange);
    // Gives up on an exchange not yet done (its deadline passed): the stream is reset with
    // CANCEL and the exchange detached.
    void cancel(H2Exchange& exchange);
    // Closes the connection; exchanges still on it fail as connection_lost.
    void close();

  private:
    H2Connection(ConnectionPool::Lease lease, std::shared_ptr<const Options> options,
                 const Executor& executor);
    friend struct H2Callbacks;
    friend struct H2Exchange;

    static awaitable<void> run_reader(std::shared_ptr<H2Connection> self);
    // Schedules one flush at the end of this turn, so requests submitted together leave in one
    // write (and answers' WINDOW_UPDATEs with them).
    void flush_soon();
    void flush();
    void on_written(const boost::system::error_code& error);
    // Stops the reader's pending read once nothing is left to read for.
    void stop_reading_if_idle();
    // Ends every exchange still on the connection with `error`, and the connection itself.
    void fail_all(const CallError& error);
    // Takes the exchange off the connection (done; nothing refers to it any more).
    void detach(H2Exchange& exchange);
    // detach, and wakes its attempt.
    void finish(H2Exchange& exchange);

    ConnectionPool::Lease lease_;
    Executor executor_;
    std::shared_ptr<const Options> options_;
    nghttp2_session* session_ = nullptr;
    std::vector<nghttp2_nv> request_fields_;  // a request's header fields
    std::vector<unsigned char> read_buffer_;
    support::H2Output output_;  // frames on their way to the socket
    // The reader runs only while exchanges are on the connection: an idle connection leaves no
    // operation pending, so io_context::run() returns once the calls are done (as with an idle
    // HTTP/1.1 pool).
    bool reading_ = false;
    bool in_read_ = false;  // the reader waits in a read now
    bool flush_scheduled_ = false;
    std::size_t unsent_requests_ = 0;  // submitted since the last write
    bool closed_ = false;
    bool draining_ = false;        // the server sent GOAWAY: no new streams
    std::size_t active_ = 0;       // exchanges on the connection
    H2Exchange* first_ = nullptr;  // the list of them
};

}  // namespace qa
