#include "qa/llm/exchange_deadline.hpp"

#include <cstdint>

namespace qa {

struct ExchangeDeadline::State {
    explicit State(const net::any_io_executor& executor) : timer(executor) {}

    net::steady_timer timer;
    net::ip::tcp::socket* socket = nullptr;  // set while an exchange runs
    std::uint64_t exchange = 0;              // which exchange the timer's wait belongs to
    bool passed = false;                     // the deadline closed the running exchange's socket
};

ExchangeDeadline::ExchangeDeadline(const net::any_io_executor& executor)
    : state_(std::make_shared<State>(executor)) {}

ExchangeDeadline::~ExchangeDeadline() {
    // A handler already queued must find nothing to do: it holds the state, not this object.
    state_->socket = nullptr;
    ++state_->exchange;
    state_->timer.cancel();
}

void ExchangeDeadline::start(net::ip::tcp::socket& socket, SteadyClock::time_point deadline) {
    const std::uint64_t exchange = ++state_->exchange;
    state_->socket = &socket;
    state_->passed = false;
    state_->timer.expires_at(deadline);
    state_->timer.async_wait([state = state_, exchange](const boost::system::error_code& ec) {
        // A wait that fired just as its exchange ended may run during the next exchange: the
        // serial tells them apart.
        if (ec || exchange != state->exchange || state->socket == nullptr)
            return;
        state->passed = true;
        boost::system::error_code ignored;
        state->socket->close(ignored);
    });
}

bool ExchangeDeadline::stop() {
    state_->socket = nullptr;
    state_->timer.cancel();
    return state_->passed;
}

}  // namespace qa
