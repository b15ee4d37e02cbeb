// H2Session: delivering a decided answer on its stream: the wait for its time, the plain answer,
// the streamed one, the delivery faults, and deepseek-legacy's held answer with its keep-alive
// lines (as session_delivery.cpp does for HTTP/1.1).
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <algorithm>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>

#include "h2_session.hpp"
#include "session.hpp"

namespace mock_llm {

namespace net = boost::asio;
using error_code = boost::system::error_code;

namespace {

// What a held JSON answer sends while it waits (DeepSeek: empty lines), and a held stream (an
// SSE comment, which clients skip); as on HTTP/1.1.
constexpr std::string_view kH2JsonKeepAlive = "\n";
constexpr std::string_view kH2StreamKeepAlive = ": keep-alive\n\n";

}  // namespace

support::io_awaitable<bool> H2Session::wait_until(Stream& stream, Clock::time_point due) {
    // Asleep until shortly before `due`, then yielding until it (ServerConfig::precision_window):
    // other streams and connections keep running meanwhile.
    error_code error;
    stream.timer.expires_at(due - context_.state.config().precision_window);
    co_await stream.timer.async_wait(net::redirect_error(support::io_use_awaitable, error));
    const auto executor = co_await net::this_coro::executor;
    while (!error && !stream.closed && !ended_ && Clock::now() < due)
        co_await net::post(executor, support::io_use_awaitable);
    co_return !stream.closed && !ended_;
}

support::io_awaitable<bool> H2Session::deliver(Stream& stream, bool head_sent) {
    const Decision& decision = stream.decision;
    if (!head_sent && decision.delivery != Delivery::hang && decision.delivery != Delivery::reset)
        submit_head(stream);
    switch (decision.delivery) {
        case Delivery::hang:
            // No answer: until the client resets the stream or leaves, or the server stops.
            while (co_await wait_until(stream, Clock::now() + std::chrono::seconds(1))) {
            }
            co_return false;
        case Delivery::reset:
            stream.final_status = kStatusNoResponse;
            reset(stream, NGHTTP2_INTERNAL_ERROR);
            co_return false;
        case Delivery::truncate: {
            // The head announced the whole body; half of it goes out, then the reset.
            stream.final_status = decision.status;
            send(stream, std::string_view(decision.body).substr(0, decision.body.size() / 2),
                 false);
            flush();  // the DATA before the RST_STREAM, which nghttp2 would send first
            reset(stream, NGHTTP2_INTERNAL_ERROR);
            co_return false;
        }
        case Delivery::drip: {
            const std::size_t piece = std::max<std::size_t>(1, decision.drip.bytes);
            for (std::size_t at = 0; at < decision.body.size(); at += piece) {
                if (at > 0 && !co_await wait_until(stream, Clock::now() + decision.drip.interval))
                    co_return false;
                const bool last = at + piece >= decision.body.size();
                if (last)
                    stream.final_status = decision.status;
                send(stream, std::string_view(decision.body).substr(at, piece), last);
            }
            if (decision.body.empty()) {
                stream.final_status = decision.status;
                send(stream, {}, true);
            }
            co_return true;
        }
        case Delivery::normal:
            break;
    }
    if (!decision.streaming()) {
        stream.final_status = decision.status;
        send(stream, decision.body, true);
        co_return true;
    }
    std::size_t begin = 0;
    for (std::size_t i = 0; i < decision.event_ends.size(); ++i) {
        if (i > 0 && i <= decision.paced_events && decision.event_interval.count() > 0) {
            if (!co_await wait_until(stream, Clock::now() + decision.event_interval))
                co_return false;
        }
        const bool last = i + 1 == decision.event_ends.size();
        if (last)
            stream.final_status = decision.status;
        send(stream, std::string_view(decision.body).substr(begin, decision.event_ends[i] - begin),
             last);
        begin = decision.event_ends[i];
    }
    co_return true;
}

support::io_awaitable<bool> H2Session::hold(Stream& stream) {
    // The profile may change while this request waits; it keeps the rules it arrived under.
    const BehaviourProfile behaviour = context_.state.profile().behaviour;
    stream.ticket.admission.on_granted = [](void* held) {
        static_cast<Stream*>(held)->timer.cancel();  // wakes the wait below
    };
    stream.ticket.admission.granted_context = &stream;
    // 200 and the head at once: the client sees an answer starting, not a refusal.
    submit_head(stream);
    const std::string_view line =
        stream.decision.streaming() ? kH2StreamKeepAlive : kH2JsonKeepAlive;
    auto next_line = Clock::now() + behaviour.keep_alive_interval;
    const auto cutoff = stream.ticket.arrival + behaviour.queue_cutoff;
    // Wait for a slot, a keep-alive line per interval, until the cutoff.
    while (stream.ticket.admission.state == AdmissionTicket::State::queued) {
        if (Clock::now() >= cutoff) {
            // The "empty 200": the head and blank lines, then the end of the answer.
            stream.ticket.record.fault = FaultKind::queue_cutoff;
            stream.ticket.record.fault_source = FaultSource::behaviour;
            stream.final_status = stream.decision.status;
            send(stream, {}, true);
            co_return false;
        }
        if (!co_await keep_alive_until(stream, cutoff, next_line, behaviour.keep_alive_interval,
                                       line))
            co_return false;
    }
    // In service: its service time from the slot on, still with keep-alive lines.
    const auto due = stream.ticket.admission.start + stream.decision.delay;
    while (Clock::now() < due) {
        if (!co_await keep_alive_until(stream, due, next_line, behaviour.keep_alive_interval, line))
            co_return false;
    }
    co_return co_await deliver(stream, true);
}

support::io_awaitable<bool> H2Session::keep_alive_until(Stream& stream, Clock::time_point due,
                                                        Clock::time_point& next_line,
                                                        std::chrono::milliseconds interval,
                                                        std::string_view line) {
    // A granted slot interrupts the wait early; the caller's loop then looks at the ticket.
    if (!co_await wait_until(stream, std::min(next_line, due)))
        co_return false;
    const auto now = Clock::now();
    if (now >= next_line) {
        // Whole intervals from the first line: a late wake-up does not shift the rhythm.
        while (next_line <= now)
            next_line += interval;
        send(stream, line, false);
    }
    co_return true;
}

}  // namespace mock_llm
