#include "qa/llm/h2_connection.hpp"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <new>
#include <stdexcept>
#include <variant>

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

#include "support/nghttp2_parts.hpp"

namespace qa {

namespace {

// Room for many answers per read: a burst of answers comes back in one or two reads.
constexpr std::size_t kReadBufferBytes = 64 * 1024;
// Flow-control windows far above what the answers in flight need, so the server never waits
// for a WINDOW_UPDATE in the middle of a burst (HTTP/2's default is 64 KiB for the connection,
// a few dozen answers).
constexpr std::int32_t kStreamWindow = 4 << 20;
constexpr std::int32_t kConnectionWindow = 64 << 20;
// At most this many requests wait for the end of the turn before they are written.
constexpr std::size_t kRequestsPerWrite = 8;

CallError lost(std::string message) {
    return CallError{CallErrorKind::connection_lost, 0, std::move(message), std::nullopt};
}

bool equals(const std::uint8_t* data, std::size_t size, std::string_view text) {
    return size == text.size() && std::memcmp(data, text.data(), size) == 0;
}

}  // namespace

H2Exchange::~H2Exchange() {
    // Only when the attempt's frame is destroyed while it waits (its io_context torn down):
    // nothing is sent then, the stream is just no longer this exchange's.
    if (connection != nullptr && !done)
        connection->detach(*this);
}

// nghttp2's callbacks, with access to the connection's insides.
struct H2Callbacks {
    static H2Connection& connection(void* user_data) {
        return *static_cast<H2Connection*>(user_data);
    }
    static H2Exchange* exchange(nghttp2_session* session, std::int32_t stream_id) {
        return static_cast<H2Exchange*>(nghttp2_session_get_stream_user_data(session, stream_id));
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t, std::uint8_t* buf, std::size_t length,
                             std::uint32_t* data_flags, nghttp2_data_source* source, void*);

    static int on_header(nghttp2_session* session, const nghttp2_frame* frame,
                         const std::uint8_t* name, std::size_t name_size, const std::uint8_t* value,
                         std::size_t value_size, std::uint8_t, void*) {
        if (frame->hd.type != NGHTTP2_HEADERS)
            return 0;
        H2Exchange* ex = exchange(session, frame->hd.stream_id);
        if (ex == nullptr)
            return 0;
        const std::string_view text(reinterpret_cast<const char*>(value), value_size);
        if (equals(name, name_size, ":status")) {
            int status = 0;
            std::from_chars(text.data(), text.data() + text.size(), status);
            // An interim 1xx answer is followed by the real one.
            if (status >= 200)
                ex->status = status;
        } else if (equals(name, name_size, "retry-after")) {
            ex->retry_after.assign(text);
        } else if (equals(name, name_size, "retry-after-ms")) {
            ex->retry_after_ms.assign(text);
        } else if (equals(name, name_size, "server-timing")) {
            if (!ex->server_timing.empty())
                ex->server_timing += ", ";
            ex->server_timing += text;
        } else if (equals(name, name_size, "openai-processing-ms")) {
            ex->openai_processing_ms.assign(text);
        }
        return 0;
    }

    static int on_frame_recv(nghttp2_session* session, const nghttp2_frame* frame,
                             void* user_data) {
        if (frame->hd.type == NGHTTP2_GOAWAY) {
            // No new streams here; those above last_stream_id are closed with REFUSED_STREAM.
            connection(user_data).draining_ = true;
            return 0;
        }
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_RESPONSE) {
            if (H2Exchange* ex = exchange(session, frame->hd.stream_id);
                ex != nullptr && !ex->first_byte) {
                ex->first_byte = SteadyClock::now();
                ex->answer_body->clear();
            }
        }
        return 0;
    }

    static int on_data_chunk(nghttp2_session* session, std::uint8_t, std::int32_t stream_id,
                             const std::uint8_t* data, std::size_t size, void*) {
        H2Exchange* ex = exchange(session, stream_id);
        if (ex == nullptr || ex->error)
            return 0;
        if (ex->answer_body->size() + size > ex->max_answer_bytes) {
            ex->error =
                CallError{CallErrorKind::bad_response, 0, "answer larger than the limit", {}};
            nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
            return 0;
        }
        ex->answer_body->append(reinterpret_cast<const char*>(data), size);
        return 0;
    }

    static int on_stream_close(nghttp2_session* session, std::int32_t stream_id,
                               std::uint32_t error_code, void* user_data) {
        H2Exchange* ex = exchange(session, stream_id);
        if (ex == nullptr)
            return 0;
        if (!ex->error && error_code != NGHTTP2_NO_ERROR) {
            // REFUSED_STREAM (a GOAWAY or the server's stream limit) before any answer means
            // the server did not process it: the attempt sends it again (HttpLlmClient). Any
            // other code means the answer was cut off: the policy's retry.
            ex->refused = error_code == NGHTTP2_REFUSED_STREAM && ex->status == 0;
            ex->error = lost(std::string("the server reset the stream (") +
                             nghttp2_http2_strerror(error_code) + ")");
        } else if (!ex->error && ex->status == 0) {
            ex->error = lost("the stream ended without an answer");
        }
        connection(user_data).finish(*ex);
        return 0;
    }
};

ssize_t H2Callbacks::read_body(nghttp2_session* session, std::int32_t stream_id, std::uint8_t* buf,
                               std::size_t length, std::uint32_t* data_flags,
                               nghttp2_data_source* source, void*) {
    // The stream's exchange, unless it was cancelled meanwhile (the frame may be gone): then
    // the failure resets the stream.
    (void)source;
    H2Exchange* ex = exchange(session, stream_id);
    if (ex == nullptr)
        return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
    const std::size_t n = std::min(length, ex->body.size() - ex->body_taken);
    std::memcpy(buf, ex->body.data() + ex->body_taken, n);
    ex->body_taken += n;
    if (ex->body_taken == ex->body.size())
        *data_flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
}

namespace {

const nghttp2_session_callbacks* callback_table() {
    static const support::Nghttp2Callbacks table([](nghttp2_session_callbacks* callbacks) {
        nghttp2_session_callbacks_set_on_header_callback(callbacks, &H2Callbacks::on_header);
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks,
                                                             &H2Callbacks::on_frame_recv);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks,
                                                                  &H2Callbacks::on_data_chunk);
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks,
                                                               &H2Callbacks::on_stream_close);
    });
    return table.get();
}

}  // namespace

H2Connection::H2Connection(ConnectionPool::Lease lease, std::shared_ptr<const Options> options,
                           const Executor& executor)
    : lease_(std::move(lease)),
      executor_(executor),
      options_(std::move(options)),
      read_buffer_(kReadBufferBytes) {
    if (nghttp2_session_client_new(&session_, callback_table(), this) != 0)
        throw std::bad_alloc();
    const std::array<nghttp2_settings_entry, 3> settings{{
        {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
        // RFC 9218's simple urgency scheduling instead of RFC 7540's dependency tree (which
        // RFC 9113 deprecated): the streams are equals, and the tree costs per frame.
        {NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES, 1},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<std::uint32_t>(kStreamWindow)},
    }};
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
    nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, kConnectionWindow);

    // Not copied by nghttp2 (NO_COPY): literals, and the options' strings, which this
    // connection keeps. The last field, the content length, is set per request.
    constexpr std::uint8_t kShared = NGHTTP2_NV_FLAG_NO_COPY_NAME | NGHTTP2_NV_FLAG_NO_COPY_VALUE;
    const Options& o = *options_;
    request_fields_.reserve(5 + o.fields.size());
    request_fields_.push_back(support::h2_field(":method", "POST", kShared));
    request_fields_.push_back(support::h2_field(":scheme", "http", kShared));
    request_fields_.push_back(support::h2_field(":authority", o.authority, kShared));
    request_fields_.push_back(support::h2_field(":path", o.path, kShared));
    for (const auto& [name, value] : o.fields) {
        // The key is never indexed, so it cannot be recovered from the compression table.
        request_fields_.push_back(support::h2_field(
            name, value, name == "authorization" ? kShared | NGHTTP2_NV_FLAG_NO_INDEX : kShared));
    }
    request_fields_.push_back(support::h2_field("content-length", ""));
}

H2Connection::~H2Connection() {
    nghttp2_session_del(session_);
}

std::shared_ptr<H2Connection> H2Connection::start(ConnectionPool::Lease lease,
                                                  std::shared_ptr<const Options> options,
                                                  const Executor& executor) {
    if (!std::holds_alternative<PooledConnection::PlainStream>(lease->stream))
        throw std::invalid_argument("HTTP/2 runs on plain TCP (prior knowledge) only");
    std::shared_ptr<H2Connection> connection(
        new H2Connection(std::move(lease), std::move(options), executor));
    connection->flush();  // the preface and settings
    return connection;
}

bool H2Connection::check_idle() {
    if (!usable() || active_ > 0 || reading_)
        return usable();
    const int fd = lease_->tcp().socket().native_handle();
    for (;;) {
        const auto n = ::recv(fd, read_buffer_.data(), read_buffer_.size(), MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            fail_all(lost("the server closed the idle connection"));
            return false;
        }
        if (nghttp2_session_mem_recv(session_, read_buffer_.data(), static_cast<std::size_t>(n)) <
            0) {
            fail_all(lost("HTTP/2 protocol error on the idle connection"));
            return false;
        }
    }
    flush_soon();  // acknowledgements (SETTINGS, PING)
    return usable();
}

bool H2Connection::has_room() const noexcept {
    if (!usable())
        return false;
    const std::uint32_t allowed =
        nghttp2_session_get_remote_settings(session_, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
    return active_ < allowed;
}

bool H2Connection::submit(H2Exchange& exchange) {
    if (!usable()) {
        exchange.error = lost("the connection is closing");
        return false;
    }
    const auto length = std::to_chars(exchange.content_length,
                                      exchange.content_length + sizeof exchange.content_length - 1,
                                      exchange.body.size());
    *length.ptr = '\0';
    // The fields every request shares, then this one's length (which nghttp2 copies).
    request_fields_.back() =
        support::h2_field("content-length", std::string_view(exchange.content_length, length.ptr));
    exchange.body_taken = 0;
    nghttp2_data_provider body{};
    body.source.ptr = &exchange;
    body.read_callback = &H2Callbacks::read_body;
    const std::int32_t id = nghttp2_submit_request(session_, nullptr, request_fields_.data(),
                                                   request_fields_.size(), &body, &exchange);
    if (id < 0) {
        // E.g. the connection's stream ids ran out (2^30 of them): later calls go elsewhere.
        draining_ = true;
        exchange.error = lost(std::string("HTTP/2: ") + nghttp2_strerror(id));
        return false;
    }
    exchange.stream_id = id;
    exchange.connection = this;
    exchange.prev = nullptr;
    exchange.next = first_;
    if (first_ != nullptr)
        first_->prev = &exchange;
    first_ = &exchange;
    ++active_;
    if (!reading_) {
        reading_ = true;
        net::co_spawn(executor_, run_reader(shared_from_this()), net::detached);
    }
    // Requests leave together at the end of the turn, or once a few are waiting: a burst of
    // submits (a fan-out starting, a wave of answers each releasing the next call) then reaches
    // the server spread out in small groups rather than as one block after the last was built,
    // so the server's answers come back spread out too, and the client works through them while
    // later ones are still in service.
    if (++unsent_requests_ >= kRequestsPerWrite)
        flush();
    else
        flush_soon();
    return true;
}

void H2Connection::cancel(H2Exchange& exchange) {
    if (exchange.done)
        return;
    detach(exchange);
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, exchange.stream_id, NGHTTP2_CANCEL);
    flush_soon();
}

void H2Connection::detach(H2Exchange& exchange) {
    nghttp2_session_set_stream_user_data(session_, exchange.stream_id, nullptr);
    if (exchange.prev != nullptr)
        exchange.prev->next = exchange.next;
    else
        first_ = exchange.next;
    if (exchange.next != nullptr)
        exchange.next->prev = exchange.prev;
    exchange.prev = exchange.next = nullptr;
    exchange.done = true;
    --active_;
    stop_reading_if_idle();
}

void H2Connection::stop_reading_if_idle() {
    // Only a read the reader waits in is cancelled; a reader busy in mem_recv stops by itself
    // before its next read. A pending write would be cancelled too: on_written calls again.
    if (active_ == 0 && in_read_ && !output_.writing()) {
        boost::system::error_code ignored;
        lease_->tcp().socket().cancel(ignored);
    }
}

void H2Connection::finish(H2Exchange& exchange) {
    detach(exchange);
    exchange.wake.cancel();
}

void H2Connection::close() {
    if (!closed_)
        fail_all(lost("the client closed the connection"));
}

void H2Connection::fail_all(const CallError& error) {
    closed_ = true;
    while (first_ != nullptr) {
        H2Exchange& ex = *first_;
        if (!ex.error)
            ex.error = error;
        finish(ex);
    }
    boost::system::error_code ignored;
    lease_->tcp().socket().close(ignored);
}

awaitable<void> H2Connection::run_reader(std::shared_ptr<H2Connection> self) {
    boost::system::error_code ec;
    std::string why;
    while (!self->closed_ && self->active_ > 0) {
        std::size_t n = 0;
        self->in_read_ = true;
        n = co_await self->lease_->tcp().socket().async_read_some(
            net::buffer(self->read_buffer_), net::redirect_error(use_awaitable, ec));
        self->in_read_ = false;
        if (ec == net::error::operation_aborted && !self->closed_) {
            ec.clear();
            continue;  // stopped for idleness (the loop's test decides), not failed
        }
        if (ec) {
            why = ec == net::error::eof ? "the server closed the connection"
                                        : "the connection failed: " + ec.message();
            break;
        }
        const auto consumed =
            nghttp2_session_mem_recv(self->session_, self->read_buffer_.data(), n);
        if (consumed < 0) {
            why = std::string("HTTP/2 protocol error: ") +
                  nghttp2_strerror(static_cast<int>(consumed));
            break;
        }
        if (nghttp2_session_want_read(self->session_) == 0 &&
            nghttp2_session_want_write(self->session_) == 0) {
            why = "the server ended the connection (GOAWAY)";
            break;
        }
        self->flush_soon();
    }
    self->reading_ = false;
    if (!self->closed_ && !why.empty())
        self->fail_all(lost(why));
}

void H2Connection::flush_soon() {
    if (flush_scheduled_ || closed_)
        return;
    flush_scheduled_ = true;
    net::post(executor_, [self = shared_from_this()] {
        self->flush_scheduled_ = false;
        self->flush();
    });
}

void H2Connection::flush() {
    if (closed_)
        return;
    unsent_requests_ = 0;
    // Everything nghttp2 has to send now (requests, their bodies, acknowledgements).
    if (const int failed = output_.take_frames(session_); failed < 0) {
        fail_all(lost(std::string("HTTP/2: ") + nghttp2_strerror(failed)));
        return;
    }
    const auto error =
        output_.send(lease_->tcp().socket(),
                     [self = shared_from_this()](const boost::system::error_code& failed) {
                         self->on_written(failed);
                     });
    if (error)
        fail_all(lost("sending: " + error.message()));
}

void H2Connection::on_written(const boost::system::error_code& error) {
    if (error) {
        if (!closed_)
            fail_all(lost("sending: " + error.message()));
        return;
    }
    flush();
    stop_reading_if_idle();
}

}  // namespace qa
