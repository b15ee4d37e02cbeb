#include "qa/llm/exchange_deadline.hpp"

#include <cstdint>
#include <optional>

namespace qa {

struct DeadlineWatch::State {
    using Entry = ExchangeDeadline::Entry;

    explicit State(const net::any_io_executor& executor) : timer(executor) {}

    // Inserts `entry` in deadline order. From the back: a client's attempts share one timeout,
    // so a new deadline is nearly always the latest.
    void link(Entry& entry) noexcept {
        Entry* after = tail;
        while (after != nullptr && after->deadline > entry.deadline)
            after = after->prev;
        entry.prev = after;
        entry.next = after != nullptr ? after->next : head;
        (entry.next != nullptr ? entry.next->prev : tail) = &entry;
        (after != nullptr ? after->next : head) = &entry;
        entry.linked = true;
    }

    void unlink(Entry& entry) noexcept {
        (entry.prev != nullptr ? entry.prev->next : head) = entry.next;
        (entry.next != nullptr ? entry.next->prev : tail) = entry.prev;
        entry.prev = entry.next = nullptr;
        entry.linked = false;
    }

    // Leaves the list; the last one out cancels the wait, so nothing is left pending.
    void leave(Entry& entry) noexcept {
        if (!entry.linked)
            return;
        unlink(entry);
        disarm_if_idle();
    }

    void disarm_if_idle() noexcept {
        if (head == nullptr && armed_for)
            disarm();
    }

    // One wait, for `at`. A wait already pending is cancelled; its handler, carrying an older
    // generation, then does nothing.
    static void arm(const std::shared_ptr<State>& self, SteadyClock::time_point at) {
        self->armed_for = at;
        const std::uint64_t generation = ++self->generation;
        self->timer.expires_at(at);
        self->timer.async_wait([self, generation](const boost::system::error_code&) {
            if (generation == self->generation)
                on_fire(self);
        });
    }

    void disarm() noexcept {
        armed_for.reset();
        ++generation;
        timer.cancel();
    }

    // Closes the sockets of the exchanges whose deadline has passed, then waits for the next.
    static void on_fire(const std::shared_ptr<State>& self) {
        self->armed_for.reset();
        const auto now = SteadyClock::now();
        while (self->head != nullptr && self->head->deadline <= now) {
            Entry& due = *self->head;
            self->unlink(due);
            due.passed = true;
            if (due.socket != nullptr) {
                boost::system::error_code ignored;
                due.socket->close(ignored);
            }
        }
        if (self->head != nullptr)
            arm(self, self->head->deadline);
    }

    net::steady_timer timer;
    Entry* head = nullptr;  // the earliest deadline
    Entry* tail = nullptr;
    std::optional<SteadyClock::time_point> armed_for;  // when the pending wait fires
    std::uint64_t generation = 0;                      // which wait's handler may act
};

DeadlineWatch::DeadlineWatch(const net::any_io_executor& executor)
    : state_(std::make_shared<State>(executor)) {}

DeadlineWatch::~DeadlineWatch() {
    // Exchanges still running keep the state, and the wait for them; otherwise nothing waits.
    state_->disarm_if_idle();
}

ExchangeDeadline::ExchangeDeadline(const DeadlineWatch& watch) : watch_(watch.state_) {}

ExchangeDeadline::~ExchangeDeadline() {
    watch_->leave(entry_);
}

void ExchangeDeadline::start(net::ip::tcp::socket& socket, SteadyClock::time_point deadline) {
    auto& watch = *watch_;
    watch.leave(entry_);  // a start without a stop: the earlier exchange is over
    entry_.socket = &socket;
    entry_.deadline = deadline;
    entry_.passed = false;
    watch.link(entry_);
    // A wait for an earlier time re-checks when it fires; only an earlier deadline re-arms.
    if (!watch.armed_for || deadline < *watch.armed_for)
        DeadlineWatch::State::arm(watch_, deadline);
}

bool ExchangeDeadline::stop() {
    watch_->leave(entry_);
    entry_.socket = nullptr;
    return entry_.passed;
}

}  // namespace qa
