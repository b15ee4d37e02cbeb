// Session: delivering answers other than the plain one: deepseek-legacy's held answer with its
// keep-alive lines, and the delivery faults (hang, reset, truncated, slow drip).
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <algorithm>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "mock_llm/http_response.hpp"
#include "session.hpp"

namespace mock_llm {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

// What a held JSON answer sends while it waits (DeepSeek: empty lines), and a held stream
// (an SSE comment, which clients skip).
constexpr std::string_view kJsonKeepAlive = "\n";
constexpr std::string_view kStreamKeepAlive = ": keep-alive\n\n";

}  // namespace

void Session::on_slot_granted(void* session) {
    // Wakes the held request's wait; do_hold sees its ticket in service.
    static_cast<Session*>(session)->delay_timer_.cancel();
}

// Not a coroutine itself: it picks the coroutine that delivers and returns it for the caller to
// await, so the plain answer's path has no frame of its own here (each costs an allocation and
// a resumption per request).
support::io_awaitable<bool> Session::do_deliver(const Decision& decision, bool keep_alive,
                                                unsigned http_version, bool head_sent) {
    switch (decision.delivery) {
        case Delivery::hang:
            return do_hang();
        case Delivery::reset:
            return do_reset();
        case Delivery::truncate:
            return do_truncate(decision, keep_alive, http_version, head_sent);
        case Delivery::drip:
            return do_drip(decision, keep_alive, http_version, head_sent);
        case Delivery::normal:
            break;
    }
    if (decision.streaming()) {
        return do_write_stream(decision, keep_alive, http_version, head_sent);
    }
    if (!head_sent) {
        return do_write(decision, keep_alive, http_version);  // the hot path
    }
    head_.clear();
    append_payload(head_, decision, http_version);
    return do_write_pending();
}

support::io_awaitable<bool> Session::do_hold(Decision& decision, RequestTicket& ticket,
                                             bool keep_alive, unsigned http_version) {
    // The profile may change while this request waits; it keeps the rules it arrived under.
    const BehaviourProfile behaviour = context_.state.profile().behaviour;
    ticket.admission.on_granted = &Session::on_slot_granted;
    ticket.admission.granted_context = this;
    // 200 and the head at once: the client sees an answer starting, not a refusal. The body's
    // length is not known yet (keep-alive lines come first), so a JSON answer goes chunked.
    decision.chunked = !decision.streaming();
    write_response_head(head_, decision, keep_alive, http_version);
    if (!co_await do_write_pending()) {
        co_return false;
    }
    auto next_line = Clock::now() + behaviour.keep_alive_interval;
    const auto cutoff = ticket.arrival + behaviour.queue_cutoff;
    // Wait for a slot, a keep-alive line per interval, until the cutoff.
    while (ticket.admission.state == AdmissionTicket::State::queued) {
        if (Clock::now() >= cutoff) {
            // The "empty 200": headers and blank lines, then the connection closes.
            ticket.record.fault = FaultKind::queue_cutoff;
            ticket.record.fault_source = FaultSource::behaviour;
            context_.state.finish(ticket, decision.status, Clock::now());
            stream_.close();
            co_return false;
        }
        if (!co_await do_keep_alive_until(std::min(next_line, cutoff), next_line,
                                          behaviour.keep_alive_interval, decision, http_version)) {
            co_return false;
        }
    }
    // In service: its service time from the slot on, still with keep-alive lines.
    const auto due = ticket.admission.start + decision.delay;
    while (Clock::now() < due) {
        if (!co_await do_keep_alive_until(std::min(next_line, due), next_line,
                                          behaviour.keep_alive_interval, decision, http_version)) {
            co_return false;
        }
    }
    const bool written = co_await do_deliver(decision, keep_alive, http_version, true);
    if (decision.delivery == Delivery::hang) {
        co_return false;  // the caller's guard counts it: the client gave up
    }
    context_.state.finish(ticket, decision.status, Clock::now());
    co_return written;  // false after a truncated answer: that one ends the connection
}

support::io_awaitable<bool> Session::do_keep_alive_until(Clock::time_point due,
                                                         Clock::time_point& next_line,
                                                         std::chrono::milliseconds interval,
                                                         const Decision& decision,
                                                         unsigned http_version) {
    const Wait wait = co_await do_delay_until(due);
    if (wait == Wait::gone) {
        co_return false;
    }
    const auto now = Clock::now();
    if (now >= next_line) {
        // Whole intervals from the first line: a late wake-up does not shift the rhythm.
        while (next_line <= now) {
            next_line += interval;
        }
        co_return co_await do_write_keep_alive(decision, http_version);
    }
    co_return true;
}

support::io_awaitable<bool> Session::do_write_keep_alive(const Decision& decision,
                                                         unsigned http_version) {
    const std::string_view line = decision.streaming() ? kStreamKeepAlive : kJsonKeepAlive;
    head_.clear();
    if (http_version >= 11) {
        append_chunk(head_, line, false);
    } else {
        head_ += line;
    }
    co_return co_await do_write_pending();
}

support::io_awaitable<bool> Session::do_truncate(const Decision& decision, bool keep_alive,
                                                 unsigned http_version, bool head_sent) {
    // The head promises the whole body; half of it comes, then the close.
    head_.clear();
    if (!head_sent) {
        write_response_head(head_, decision, keep_alive, http_version);
    }
    const std::size_t head_size = head_.size();
    append_payload(head_, decision, http_version);
    head_.resize(head_size + (head_.size() - head_size) / 2);
    if (co_await do_write_pending()) {
        close_after_response();
    }
    co_return false;
}

support::io_awaitable<bool> Session::do_drip(const Decision& decision, bool keep_alive,
                                             unsigned http_version, bool head_sent) {
    std::string wire;
    if (!head_sent) {
        write_response_head(wire, decision, keep_alive, http_version);
    }
    append_payload(wire, decision, http_version);
    const std::size_t piece = std::max<std::size_t>(1, decision.drip.bytes);
    for (std::size_t at = 0; at < wire.size(); at += piece) {
        if (at > 0) {
            const Wait wait = co_await do_delay_until(Clock::now() + decision.drip.interval);
            if (wait == Wait::gone) {
                co_return false;
            }
        }
        head_.assign(wire, at, piece);
        if (!co_await do_write_pending()) {
            co_return false;
        }
    }
    co_return true;
}

support::io_awaitable<bool> Session::do_hang() {
    // No answer: wait until the client gives up or the server stops. The peer watch ends the
    // wait on a close; pipelined bytes end the watch, so look again now and then.
    for (;;) {
        const Wait wait = co_await do_delay_until(Clock::now() + std::chrono::seconds(1));
        if (wait == Wait::gone) {
            co_return false;
        }
    }
}

support::io_awaitable<bool> Session::do_reset() {
    reset_connection();
    co_return false;
}

void Session::reset_connection() {
    // SO_LINGER with a zero timeout: close() sends RST instead of FIN.
    error_code ignored;
    stream_.socket().set_option(tcp::socket::linger(true, 0), ignored);
    stream_.close();
}

}  // namespace mock_llm
