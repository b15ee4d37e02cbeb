#include "qa/llm/exchange_deadline.hpp"

#include <cstdint>

namespace qa {

struct ExchangeDeadline::State {
    explicit State(const net::any_io_executor& executor) : timer(executor) {}

    net::steady_timer timer;
    net::ip::tcp::socket* socket = nullptr;  // set while an exchange runs
    SteadyClock::time_point deadline{};
    std::uint64_t wait_serial = 0;  // the current wait; older handlers are superseded
    bool waiting = false;           // a wait of the current serial is pending
    bool passed = false;            // the running exchange's deadline closed its socket
};

ExchangeDeadline::ExchangeDeadline(const net::any_io_executor& executor)
    : state_(std::make_shared<State>(executor)) {}

ExchangeDeadline::~ExchangeDeadline() {
    // A handler already queued must find nothing to do: it holds the state, not this object.
    state_->socket = nullptr;
    ++state_->wait_serial;
    state_->timer.cancel();
}

void ExchangeDeadline::start(net::ip::tcp::socket& socket, SteadyClock::time_point deadline) {
    state_->socket = &socket;
    state_->deadline = deadline;
    state_->passed = false;
    // A pending wait that ends at or before the deadline will re-check it when it fires.
    if (!state_->waiting || state_->timer.expiry() > deadline)
        arm(state_);
}

bool ExchangeDeadline::stop() noexcept {
    state_->socket = nullptr;
    return state_->passed;
}

void ExchangeDeadline::arm(const std::shared_ptr<State>& state) {
    const std::uint64_t serial = ++state->wait_serial;
    state->waiting = true;
    state->timer.expires_at(state->deadline);  // cancels a pending wait: it is superseded
    state->timer.async_wait([state, serial](const boost::system::error_code& ec) {
        if (serial != state->wait_serial)
            return;
        state->waiting = false;
        if (ec || state->socket == nullptr)
            return;  // cancelled, or no exchange now: the next one arms it again
        if (SteadyClock::now() < state->deadline) {
            arm(state);  // a later exchange moved the deadline
            return;
        }
        state->passed = true;
        boost::system::error_code ignored;
        state->socket->close(ignored);
    });
}

}  // namespace qa
