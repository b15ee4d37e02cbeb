#include "bench/process_usage.hpp"

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace bench {

std::optional<ProcessUsage> process_usage() {
    ProcessUsage usage;
    std::ifstream statm("/proc/self/statm");
    std::uint64_t size_pages = 0;
    std::uint64_t resident_pages = 0;
    if (!(statm >> size_pages >> resident_pages))
        return std::nullopt;
    usage.rss_bytes = resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    // ru_maxrss is sampled by the kernel at its own moments; never report a peak under now.
    usage.peak_rss_bytes =
        std::max(static_cast<std::uint64_t>(self.ru_maxrss) * 1024, usage.rss_bytes);
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
         it.increment(ec)) {
        ++usage.open_fds;
        // A socket's link reads "socket:[inode]". A descriptor closed since the listing has no
        // link any more: not counted as a socket.
        std::error_code link_error;
        const auto target = std::filesystem::read_symlink(it->path(), link_error).native();
        if (!link_error && target.rfind("socket:", 0) == 0)
            ++usage.open_sockets;
    }
    if (ec)
        return std::nullopt;
    return usage;
}

double thread_cpu_seconds() {
    // The scheduler's count of the thread's run time, brought up to date as it is read.
    // getrusage(RUSAGE_THREAD) reads that count as of its last update (a tick or a switch), so
    // for the running thread it lags by up to a tick, as long as a whole round of calls: the
    // per-round figures it gave were low (one round read 2.8 us per call).
    timespec now{};
    if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0)
        return 0;
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double thread_system_cpu_seconds() {
    rusage usage{};
    if (::getrusage(RUSAGE_THREAD, &usage) != 0)
        return 0;
    return static_cast<double>(usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace bench
