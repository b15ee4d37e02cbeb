#pragma once
// WakeLatencyGuard: while alive, asks the kernel to keep idle CPUs in their shallowest idle state
// (a PM QoS request of 0 us on /dev/cpu_dma_latency, as cyclictest does). On a virtual machine a
// halted vCPU takes 0.1-0.5 ms to wake, and every hand-off between the client and the server
// pays it; that is the machine's latency, not the code's. The request ends when the guard is
// destroyed or the process exits, whichever comes first.

namespace bench {

class WakeLatencyGuard {
  public:
    // Best effort: without permission it holds nothing; `request` false holds nothing either.
    explicit WakeLatencyGuard(bool request = true);
    ~WakeLatencyGuard();
    WakeLatencyGuard(const WakeLatencyGuard&) = delete;
    WakeLatencyGuard& operator=(const WakeLatencyGuard&) = delete;

    bool held() const noexcept { return fd_ >= 0; }

  private:
    int fd_ = -1;
};

}  // namespace bench
