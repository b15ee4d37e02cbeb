#pragma once
// ExchangeDeadline: the per-attempt deadline of one connection's request/answer exchange.
//
// Beast's tcp_stream deadlines arm a timer for every read and write and cancel it afterwards: a
// timer-queue insert, a removal, an extra aborted handler and several clock reads per operation,
// a few operations per attempt. Here one timer per connection does the job and is touched only
// when it fires: if an exchange is still running and its deadline has passed, the socket is
// closed (which ends the pending operations with an error); if the deadline moved later meanwhile
// (a newer exchange), the timer is set again. So a connection whose exchanges finish well within
// their deadlines costs no timer work per attempt.
// Thread safety: none; the connection's executor only. The socket must outlive the exchange.

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"

namespace qa {

class ExchangeDeadline {
  public:
    explicit ExchangeDeadline(const net::any_io_executor& executor);
    ~ExchangeDeadline();
    ExchangeDeadline(const ExchangeDeadline&) = delete;
    ExchangeDeadline& operator=(const ExchangeDeadline&) = delete;

    // An exchange on `socket` begins: past `deadline` the socket is closed.
    void start(net::ip::tcp::socket& socket, SteadyClock::time_point deadline);
    // The exchange ended; true when its deadline passed and closed the socket.
    bool stop() noexcept;

  private:
    struct State;
    static void arm(const std::shared_ptr<State>& state);

    // Shared with the timer's handler, which may run after this object is gone.
    std::shared_ptr<State> state_;
};

}  // namespace qa
