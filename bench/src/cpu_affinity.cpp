#include "bench/cpu_affinity.hpp"

#include <pthread.h>
#include <sched.h>

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

bool keep_current_thread_off_cpu(int cpu) {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0)
        return false;
    CPU_CLR(cpu, &allowed);
    if (CPU_COUNT(&allowed) == 0)
        return false;
    return pthread_setaffinity_np(pthread_self(), sizeof allowed, &allowed) == 0;
}

}  // namespace bench
