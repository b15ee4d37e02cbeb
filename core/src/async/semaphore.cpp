#include "qa/async/semaphore.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace qa {

// A waiting acquire(): its timer never fires by itself; release() cancels it to wake the waiter
// after handing it the slot (granted = true). Boost 1.74 has no channels, so a cancelled timer is
// the wake-up primitive.
struct AsyncSemaphore::Waiter {
    explicit Waiter(const net::any_io_executor& executor)
        : timer(executor, net::steady_timer::time_point::max()) {}
    net::steady_timer timer;
    bool granted = false;
};

SemaphorePermit::SemaphorePermit(SemaphorePermit&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)) {}

SemaphorePermit& SemaphorePermit::operator=(SemaphorePermit&& other) noexcept {
    if (this != &other) {
        reset();
        owner_ = std::exchange(other.owner_, nullptr);
    }
    return *this;
}

SemaphorePermit::~SemaphorePermit() {
    reset();
}

void SemaphorePermit::reset() noexcept {
    if (auto* owner = std::exchange(owner_, nullptr))
        owner->release();
}

AsyncSemaphore::AsyncSemaphore(std::size_t limit) : limit_(limit) {
    if (limit == 0)
        throw std::invalid_argument("AsyncSemaphore limit must be at least 1");
}

AsyncSemaphore::~AsyncSemaphore() {
    // Permits or waiters outliving the semaphore are a lifetime bug in the caller.
    assert(in_use_ == 0 && waiters_.empty());
}

void AsyncSemaphore::note_in_use() noexcept {
    max_in_use_ = std::max(max_in_use_, in_use_);
}

SemaphorePermit AsyncSemaphore::try_acquire() {
    if (!waiters_.empty() || in_use_ >= limit_)
        return {};
    ++in_use_;
    note_in_use();
    return SemaphorePermit(this);
}

awaitable<SemaphorePermit> AsyncSemaphore::acquire() {
    if (auto permit = try_acquire())
        co_return permit;

    Waiter waiter(co_await net::this_coro::executor);
    const auto position = waiters_.insert(waiters_.end(), &waiter);
    max_waiting_ = std::max(max_waiting_, waiters_.size());

    // If this coroutine is destroyed while queued (its io_context torn down), leave the queue;
    // if it was granted a slot it never took, give that slot back.
    struct Unlink {
        AsyncSemaphore& self;
        Waiter& waiter;
        std::list<Waiter*>::iterator position;
        bool taken = false;
        ~Unlink() {
            if (!waiter.granted) {
                self.waiters_.erase(position);
            } else if (!taken) {
                self.release();
            }
        }
    } unlink{*this, waiter, position};

    boost::system::error_code ec;
    while (!waiter.granted) {
        // operation_aborted is the expected wake-up (release() cancelled the timer).
        co_await waiter.timer.async_wait(net::redirect_error(use_awaitable, ec));
    }
    unlink.taken = true;
    co_return SemaphorePermit(this);
}

void AsyncSemaphore::set_limit(std::size_t limit) {
    if (limit == 0)
        throw std::invalid_argument("AsyncSemaphore limit must be at least 1");
    limit_ = limit;
    while (in_use_ < limit_ && !waiters_.empty()) {
        ++in_use_;
        note_in_use();
        grant_front();
    }
}

void AsyncSemaphore::grant_front() noexcept {
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->granted = true;
    next->timer.cancel();
}

void AsyncSemaphore::release() noexcept {
    // Over the limit (it was lowered): the slot goes away instead of to the next waiter.
    if (!waiters_.empty() && in_use_ <= limit_) {
        // Hand the slot over directly: in_use_ stays the same and nobody can overtake.
        grant_front();
        return;
    }
    assert(in_use_ > 0);
    --in_use_;
}

}  // namespace qa
