#include "bench/process_usage.hpp"

#include <sys/resource.h>
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
    }
    if (ec)
        return std::nullopt;
    return usage;
}

}  // namespace bench
