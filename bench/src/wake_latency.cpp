#include "bench/wake_latency.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>

namespace bench {

WakeLatencyGuard::WakeLatencyGuard(bool request) {
    if (!request)
        return;
    fd_ = ::open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC);
    if (fd_ < 0)
        return;
    const std::int32_t max_latency_us = 0;
    if (::write(fd_, &max_latency_us, sizeof max_latency_us) != sizeof max_latency_us) {
        ::close(fd_);
        fd_ = -1;
    }
}

WakeLatencyGuard::~WakeLatencyGuard() {
    if (fd_ >= 0)
        ::close(fd_);  // closing withdraws the request
}

}  // namespace bench
