#pragma once
// ExchangeDeadline: the per-attempt deadline of one connection's request/answer exchange, and
// DeadlineWatch: the one timer that watches the exchanges of all of a client's connections.
//
// Beast's tcp_stream deadlines arm a timer for every read and write and cancel it afterwards: a
// timer-queue insert, a removal, an extra aborted handler and several clock reads per operation,
// a few operations per attempt. Here an exchange that starts joins the watch's list, ordered by
// deadline, and one that ends leaves it; the timer is armed only when the earliest deadline
// moves earlier, and re-armed for the next one when it fires. So while calls overlap they start
// and end without touching the timer (one wait armed and cancelled per exchange cost about 3% of
// the client's instructions per call). When the last exchange ends the wait is cancelled: an
// idle client leaves no work behind, and io_context::run() returns as soon as the calls are
// done. If a deadline passes first, its exchange's socket is closed, which ends the pending
// operations with an error.
// Thread safety: none; the client's executor only. The socket must outlive the exchange.

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "qa/async/asio.hpp"
#include "qa/clock.hpp"

namespace qa {

class ExchangeDeadline;

class DeadlineWatch {
  public:
    explicit DeadlineWatch(const net::any_io_executor& executor);
    ~DeadlineWatch();
    DeadlineWatch(const DeadlineWatch&) = delete;
    DeadlineWatch& operator=(const DeadlineWatch&) = delete;

  private:
    friend class ExchangeDeadline;
    struct State;

    // Shared with the timer's handler and with every ExchangeDeadline, any of which may outlive
    // this object.
    std::shared_ptr<State> state_;
};

class ExchangeDeadline {
  public:
    explicit ExchangeDeadline(const DeadlineWatch& watch);
    ~ExchangeDeadline();
    ExchangeDeadline(const ExchangeDeadline&) = delete;
    ExchangeDeadline& operator=(const ExchangeDeadline&) = delete;

    // An exchange on `socket` begins: past `deadline` the socket is closed.
    void start(net::ip::tcp::socket& socket, SteadyClock::time_point deadline);
    // The exchange ended; true when its deadline passed and closed the socket.
    bool stop();

    // The watch's list links these directly: joining and leaving it allocate nothing.
    struct Entry {
        Entry* prev = nullptr;
        Entry* next = nullptr;
        bool linked = false;
        net::ip::tcp::socket* socket = nullptr;  // set while an exchange runs
        SteadyClock::time_point deadline{};
        bool passed = false;  // the deadline closed the running exchange's socket
    };

  private:
    std::shared_ptr<DeadlineWatch::State> watch_;
    Entry entry_;
};

}  // namespace qa
