#pragma once
// Keeping the embedded mock and the measured client on separate CPUs. On a 2-core machine the
// scheduler otherwise often wakes the mock on the client's CPU, and every such preemption
// shows up in the client's latency.

#include <pthread.h>
#include <sched.h>

#include <optional>

namespace bench {

// The CPU the embedded mock should own: the last one the calling thread may use, when it may
// use at least two; nullopt otherwise (nothing to separate).
std::optional<int> cpu_for_embedded_mock();

// Keeps the calling thread off one CPU for as long as it lives, then gives the thread back the
// CPUs it had. Without the giving back, the next embedded mock (the next scenario of a run)
// would find the client thread on one CPU, see nothing to separate, and share that CPU with
// it. Best effort: when the system refuses, the thread stays as it was and active() is false.
// Destroy it while the thread that made it is alive (a Target does, on the client's thread);
// nested ones in the reverse order of their making.
class ThreadOffCpu {
  public:
    explicit ThreadOffCpu(int cpu);
    ~ThreadOffCpu();
    ThreadOffCpu(const ThreadOffCpu&) = delete;
    ThreadOffCpu& operator=(const ThreadOffCpu&) = delete;

    bool active() const noexcept { return active_; }

  private:
    pthread_t thread_;
    cpu_set_t before_{};
    bool active_ = false;
};

}  // namespace bench
