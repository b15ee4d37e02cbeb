#include "bench/cpu_affinity.hpp"

namespace bench {

std::optional<int> cpu_for_embedded_mock() {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) < 2) {
        return std::nullopt;
    }
    for (int cpu = CPU_SETSIZE - 1; cpu >= 0; --cpu) {
        if (CPU_ISSET(cpu, &allowed))
            return cpu;
    }
    return std::nullopt;
}

ThreadOffCpu::ThreadOffCpu(int cpu) : thread_(pthread_self()) {
    if (pthread_getaffinity_np(thread_, sizeof before_, &before_) != 0)
        return;
    cpu_set_t narrowed = before_;
    CPU_CLR(cpu, &narrowed);
    if (CPU_COUNT(&narrowed) == 0)
        return;
    active_ = pthread_setaffinity_np(thread_, sizeof narrowed, &narrowed) == 0;
}

ThreadOffCpu::~ThreadOffCpu() {
    if (active_)
        (void)pthread_setaffinity_np(thread_, sizeof before_, &before_);
}

}  // namespace bench
