#pragma once
// ExchangeDeadline: the per-attempt deadline of one connection's request/answer exchange.
//
// Beast's tcp_stream deadlines arm a timer for every read and write and cancel it afterwards: a
// timer-queue insert, a removal, an extra aborted handler and several clock reads per operation,
// a few operations per attempt. Here one timer bounds the whole exchange: armed when it starts,
// cancelled when it ends (so an idle connection leaves no work behind and io_context::run()
// returns as soon as the calls are done). If the deadline passes first, the socket is closed,
// which ends the pending operations with an error.
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
    bool stop();

  private:
    struct State;

    // Shared with the timer's handler, which may run after this object is gone.
    std::shared_ptr<State> state_;
};

}  // namespace qa
