#include "h2_session.hpp"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstring>
#include <new>
#include <optional>

#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/string.hpp>

#include "mock_llm/http_response.hpp"
#include "mock_llm/mock_headers.hpp"
#include "mock_llm/route.hpp"
#include "mock_llm/stats.hpp"
#include "session.hpp"
#include "support/nghttp2_parts.hpp"

namespace mock_llm {

namespace net = boost::asio;
using error_code = boost::system::error_code;

namespace {

// Receive windows large enough that a client never waits for a WINDOW_UPDATE to send a request.
constexpr std::uint32_t kH2StreamWindow = 1 << 20;
constexpr std::int32_t kH2ConnectionWindow = 64 << 20;
constexpr std::size_t kH2ReadChunk = 64 * 1024;

}  // namespace

std::optional<std::string_view> H2Session::Stream::optional_field(std::string_view name) const {
    for (const auto& [key, value] : fields) {
        if (boost::beast::iequals(key, name))
            return std::string_view(value);
    }
    return std::nullopt;
}

namespace {

std::string_view find_stream_field(const void* stream, std::string_view name) {
    return static_cast<const H2Session::Stream*>(stream)->field(name);
}

RequestHeaders stream_headers(const H2Session::Stream& stream) {
    RequestHeaders headers;
    headers.mock_fault = stream.optional_field(kFaultHeader);
    headers.mock_delay_ms = stream.optional_field(kDelayHeader);
    headers.authorization = stream.field("authorization");
    headers.other = HeaderLookup{&stream, &find_stream_field};
    return headers;
}

}  // namespace

// nghttp2's callbacks, with access to the session's insides.
struct H2ServerCallbacks {
    static H2Session& session(void* user_data) { return *static_cast<H2Session*>(user_data); }
    static H2Session::Stream* stream(H2Session& self, std::int32_t id) {
        const auto found = self.streams_.find(id);
        return found == self.streams_.end() ? nullptr : found->second.get();
    }

    static int on_begin_headers(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
        if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
            return 0;
        H2Session& self = session(user_data);
        self.streams_.emplace(
            frame->hd.stream_id,
            std::make_unique<H2Session::Stream>(frame->hd.stream_id, self.stream_.get_executor()));
        return 0;
    }

    static int on_header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name,
                         std::size_t name_size, const std::uint8_t* value, std::size_t value_size,
                         std::uint8_t, void* user_data) {
        H2Session::Stream* s = stream(session(user_data), frame->hd.stream_id);
        if (s == nullptr || s->answering)
            return 0;  // trailers are ignored
        const std::string_view key(reinterpret_cast<const char*>(name), name_size);
        const std::string_view text(reinterpret_cast<const char*>(value), value_size);
        if (key == ":method")
            s->method.assign(text);
        else if (key == ":path")
            s->path.assign(text);
        else if (!key.empty() && key.front() != ':')
            s->fields.emplace_back(key, text);
        return 0;
    }

    static int on_data_chunk(nghttp2_session*, std::uint8_t, std::int32_t id,
                             const std::uint8_t* data, std::size_t size, void* user_data) {
        H2Session& self = session(user_data);
        H2Session::Stream* s = stream(self, id);
        if (s == nullptr || s->body_too_large)
            return 0;
        if (s->body.size() + size > self.context_.state.config().max_body_bytes) {
            s->body_too_large = true;
            s->body.clear();
            return 0;
        }
        s->body.append(reinterpret_cast<const char*>(data), size);
        return 0;
    }

    static int on_frame_recv(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
        const bool request_end =
            (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
            (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
        if (!request_end)
            return 0;
        H2Session& self = session(user_data);
        if (H2Session::Stream* s = stream(self, frame->hd.stream_id); s != nullptr && !s->answering)
            self.on_request(*s);
        return 0;
    }

    static int on_stream_close(nghttp2_session*, std::int32_t id, std::uint32_t code,
                               void* user_data) {
        session(user_data).on_stream_closed(id, code);
        return 0;
    }

    static ssize_t read_body(nghttp2_session*, std::int32_t id, std::uint8_t* buf,
                             std::size_t length, std::uint32_t* data_flags, nghttp2_data_source*,
                             void* user_data) {
        H2Session::Stream* s = stream(session(user_data), id);
        if (s == nullptr)
            return NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE;
        const std::size_t n = std::min(length, s->out.size() - s->out_taken);
        std::memcpy(buf, s->out.data() + s->out_taken, n);
        s->out_taken += n;
        if (s->out_taken == s->out.size()) {
            s->out.clear();
            s->out_taken = 0;
            if (s->out_end) {
                *data_flags |= NGHTTP2_DATA_FLAG_EOF;
            } else if (n == 0) {
                s->deferred = true;
                return NGHTTP2_ERR_DEFERRED;
            }
        }
        return static_cast<ssize_t>(n);
    }
};

namespace {

const nghttp2_session_callbacks* server_callbacks() {
    static const support::Nghttp2Callbacks table([](nghttp2_session_callbacks* callbacks) {
        using C = H2ServerCallbacks;
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &C::on_begin_headers);
        nghttp2_session_callbacks_set_on_header_callback(callbacks, &C::on_header);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &C::on_data_chunk);
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &C::on_frame_recv);
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &C::on_stream_close);
    });
    return table.get();
}

}  // namespace

H2Session::H2Session(std::shared_ptr<void> owner, StampedStream& stream,
                     boost::beast::flat_buffer& buffer, SessionContext& context)
    : owner_(std::move(owner)),
      stream_(stream),
      buffer_(buffer),
      context_(context),
      drained_(stream.get_executor()) {
    if (nghttp2_session_server_new(&session_, server_callbacks(), this) != 0)
        throw std::bad_alloc();
    const std::array<nghttp2_settings_entry, 3> settings{{
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, context.state.config().h2_max_concurrent_streams},
        // RFC 9218's urgency scheduling rather than RFC 7540's deprecated dependency tree.
        {NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES, 1},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, kH2StreamWindow},
    }};
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings.data(), settings.size());
    nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, kH2ConnectionWindow);
}

H2Session::~H2Session() {
    nghttp2_session_del(session_);
}

support::io_awaitable<void> H2Session::serve(std::shared_ptr<H2Session> self) {
    error_code error;
    while (!self->ended_ && !self->context_.stopping) {
        // What was read: the preface first, then frames.
        if (self->buffer_.size() > 0) {
            const auto data = self->buffer_.data();
            const auto consumed = nghttp2_session_mem_recv(
                self->session_, static_cast<const std::uint8_t*>(data.data()), data.size());
            if (consumed < 0)
                break;  // a protocol error: nghttp2 queued the GOAWAY that says so
            self->buffer_.consume(static_cast<std::size_t>(consumed));
        }
        self->flush();
        if (nghttp2_session_want_read(self->session_) == 0 &&
            nghttp2_session_want_write(self->session_) == 0)
            break;  // GOAWAY both ways and no stream left
        // An idle connection closes after the keep-alive timeout, as on HTTP/1.1; one with
        // requests in service waits for the client as long as it takes.
        if (self->streams_.empty())
            self->arm_idle_timeout();
        else
            self->stream_.expires_never();
        const std::size_t received = co_await self->stream_.async_read_some(
            self->buffer_.prepare(kH2ReadChunk),
            net::redirect_error(support::io_use_awaitable, error));
        self->buffer_.commit(received);
        if (error) {
            if (!is_expected_error(error))
                self->context_.reporter.report("HTTP/2 read", error);
            break;
        }
    }
    self->flush();  // a last GOAWAY, if any
    self->end_session();
    if (!self->streams_.empty()) {
        // Wait for the streams' coroutines to see the end (end_session woke them).
        self->drained_.expires_at(Clock::time_point::max());
        co_await self->drained_.async_wait(net::redirect_error(support::io_use_awaitable, error));
    }
    self->stream_.close();
}

void H2Session::on_request(Stream& stream) {
    stream.answering = true;
    stream.arrival = stream_.last_arrival();
    net::co_spawn(*stream_.get_executor().target<support::IoExecutor>(),
                  answer(shared_from_this(), &stream), net::detached);
}

support::io_awaitable<void> H2Session::answer(std::shared_ptr<H2Session> self, Stream* s) {
    Stream& stream = *s;
    ServerState& state = self->context_.state;
    if (stream.body_too_large) {
        stream.decision = body_too_large(state.config().max_body_bytes);
        co_await self->deliver(stream, false);
    } else {
        const Route route = mock_llm::route(stream.method, stream.path);
        state.begin(stream.ticket, route, stream.arrival,
                    parse_retry_count(stream.optional_field("x-stainless-retry-count")));
        stream.ticket_begun = true;
        stream.decision = state.handle(route, stream.method, stream.path, stream.body,
                                       stream_headers(stream), stream.ticket);
        if (stream.ticket.queued) {
            co_await self->hold(stream);
        } else if (stream.decision.delivery == Delivery::reset) {
            stream.final_status = kStatusNoResponse;
            self->reset(stream, NGHTTP2_INTERNAL_ERROR);
        } else {
            // The service time counts from when the request reached this host.
            bool alive = true;
            if (stream.decision.delay.count() > 0) {
                alive = co_await self->wait_until(stream,
                                                  stream.ticket.arrival + stream.decision.delay);
            }
            if (alive) {
                if (route.data_plane) {
                    add_processing_time(stream.decision.headers,
                                        std::chrono::duration_cast<std::chrono::microseconds>(
                                            Clock::now() - stream.ticket.arrival));
                }
                co_await self->deliver(stream, false);
            }
        }
    }
    if (stream.decision.close && !self->ended_) {
        nghttp2_submit_goaway(self->session_, NGHTTP2_FLAG_NONE,
                              nghttp2_session_get_last_proc_stream_id(self->session_),
                              NGHTTP2_NO_ERROR, nullptr, 0);
        self->flush_soon();
    }
    stream.answering = false;
    if (stream.closed || self->ended_) {
        if (stream.ticket_begun)
            state.finish(stream.ticket, stream.final_status, Clock::now());
        self->streams_.erase(stream.id);
        if (self->ended_ && self->streams_.empty())
            self->drained_.cancel();
        self->arm_idle_timeout();
    }
}

void H2Session::submit_head(Stream& stream) {
    const Decision& decision = stream.decision;
    char status[8];
    const auto status_end = std::to_chars(status, status + sizeof status, decision.status).ptr;
    char length[24];
    const auto length_end = std::to_chars(length, length + sizeof length, decision.body.size()).ptr;
    std::vector<nghttp2_nv> fields;
    fields.reserve(4 + decision.headers.size());
    fields.push_back(support::h2_field(":status", std::string_view(status, status_end)));
    if (decision.streaming()) {
        fields.push_back(support::h2_field("content-type", "text/event-stream"));
        fields.push_back(support::h2_field("cache-control", "no-cache"));
    } else {
        fields.push_back(support::h2_field("content-type", decision.content_type));
        // A held answer's length is not known when its head goes (keep-alive lines come first).
        if (!stream.ticket.queued)
            fields.push_back(
                support::h2_field("content-length", std::string_view(length, length_end)));
    }
    std::vector<std::string> lower_names;  // HTTP/2 field names are lower case
    lower_names.reserve(decision.headers.size());
    for (const Header& field : decision.headers) {
        std::string& name = lower_names.emplace_back(field.name);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        fields.push_back(support::h2_field(name, field.value));
    }
    nghttp2_data_provider body{};
    body.read_callback = &H2ServerCallbacks::read_body;
    nghttp2_submit_response(session_, stream.id, fields.data(), fields.size(), &body);
}

void H2Session::send(Stream& stream, std::string_view bytes, bool end) {
    if (stream.closed || ended_)
        return;
    stream.out.append(bytes);
    stream.out_end = end;
    if (stream.deferred) {
        stream.deferred = false;
        nghttp2_session_resume_data(session_, stream.id);
    }
    flush_soon();
}

void H2Session::reset(Stream& stream, std::uint32_t code) {
    if (stream.ticket_begun)
        context_.state.finish(stream.ticket, stream.final_status, Clock::now());
    if (stream.closed || ended_)
        return;
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, stream.id, code);
    flush_soon();
}

void H2Session::on_stream_closed(std::int32_t id, std::uint32_t) {
    Stream* stream = H2ServerCallbacks::stream(*this, id);
    if (stream == nullptr)
        return;
    stream->closed = true;
    if (stream->answering) {
        stream->timer.cancel();  // its coroutine sees the close and ends the ticket
        return;
    }
    if (stream->ticket_begun)
        context_.state.finish(stream->ticket, stream->final_status, Clock::now());
    streams_.erase(id);
    arm_idle_timeout();
}

void H2Session::arm_idle_timeout() {
    // The keep-alive timeout runs from when the last stream ended, over the read that waits.
    if (streams_.empty() && !ended_)
        stream_.expires_after(context_.state.config().header_timeout);
}

void H2Session::end_session() {
    ended_ = true;
    for (auto it = streams_.begin(); it != streams_.end();) {
        Stream& stream = *it->second;
        stream.closed = true;
        if (stream.answering) {
            stream.timer.cancel();
            ++it;
            continue;
        }
        if (stream.ticket_begun)
            context_.state.finish(stream.ticket, stream.final_status, Clock::now());
        it = streams_.erase(it);
    }
}

void H2Session::flush_soon() {
    if (flush_scheduled_ || ended_)
        return;
    flush_scheduled_ = true;
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->flush_scheduled_ = false;
        self->flush();
    });
}

void H2Session::flush() {
    // nghttp2 fails here only when out of memory; what it gave before that still goes.
    output_.take_frames(session_);
    const auto error =
        output_.send(stream_.socket(), [self = shared_from_this()](const error_code& failed) {
            if (failed) {
                self->shut_down_socket();
                return;
            }
            self->flush();
        });
    if (error) {
        if (!is_expected_error(error))
            context_.reporter.report("HTTP/2 write", error);
        shut_down_socket();
    }
}

void H2Session::shut_down_socket() {
    error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
}

}  // namespace mock_llm
