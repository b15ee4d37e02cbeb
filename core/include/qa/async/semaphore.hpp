#pragma once
// AsyncSemaphore: a counting semaphore for coroutines with strict FIFO hand-off: a released slot
// goes straight to the longest waiter, so a newcomer never overtakes anyone queued.
// Thread safety: none; use from one io_context thread (or one strand) only.
// Lifetime: must outlive every permit and every waiting acquire().

#include <cstddef>
#include <list>

#include "qa/async/asio.hpp"

namespace qa {

class AsyncSemaphore;

// Holds one slot; gives it back on destruction or reset(). Move-only.
class SemaphorePermit {
  public:
    SemaphorePermit() = default;
    SemaphorePermit(SemaphorePermit&& other) noexcept;
    SemaphorePermit& operator=(SemaphorePermit&& other) noexcept;
    SemaphorePermit(const SemaphorePermit&) = delete;
    SemaphorePermit& operator=(const SemaphorePermit&) = delete;
    ~SemaphorePermit();

    bool held() const noexcept { return owner_ != nullptr; }
    explicit operator bool() const noexcept { return held(); }
    void reset() noexcept;

  private:
    friend class AsyncSemaphore;
    explicit SemaphorePermit(AsyncSemaphore* owner) : owner_(owner) {}
    AsyncSemaphore* owner_ = nullptr;
};

class AsyncSemaphore {
  public:
    explicit AsyncSemaphore(std::size_t limit);
    AsyncSemaphore(const AsyncSemaphore&) = delete;
    AsyncSemaphore& operator=(const AsyncSemaphore&) = delete;
    ~AsyncSemaphore();

    // Waits until a slot is free (FIFO among waiters), then holds it.
    awaitable<SemaphorePermit> acquire();
    // A slot now if one is free and nobody waits; an empty permit otherwise. Never waits.
    SemaphorePermit try_acquire();

    // Changes the number of slots (an adaptive limit). Raising it hands the new slots to the
    // longest waiters at once; lowering it takes effect as holders give slots back (nobody is
    // pre-empted), so in_use() may exceed limit() for a while.
    void set_limit(std::size_t limit);

    std::size_t limit() const noexcept { return limit_; }
    std::size_t in_use() const noexcept { return in_use_; }
    std::size_t waiting() const noexcept { return waiters_.size(); }
    std::size_t max_in_use() const noexcept { return max_in_use_; }
    std::size_t max_waiting() const noexcept { return max_waiting_; }

  private:
    friend class SemaphorePermit;
    struct Waiter;

    void release() noexcept;
    void grant_front() noexcept;  // wakes the longest waiter, which now holds a slot
    void note_in_use() noexcept;

    std::size_t limit_;
    std::size_t in_use_ = 0;
    std::size_t max_in_use_ = 0;
    std::size_t max_waiting_ = 0;
    std::list<Waiter*> waiters_;  // front = longest waiting
};

}  // namespace qa
