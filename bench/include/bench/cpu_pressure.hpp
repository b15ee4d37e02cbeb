#pragma once
// CPU pressure, from Linux's pressure stall information (/proc/pressure/cpu): the time, in
// microseconds since boot, during which at least one task on this machine was ready to run but
// waited for a CPU. Its rise over a measured run says how long something waited meanwhile: the
// harness's own threads when they share a CPU, or another program (a build beside the run, the
// program reading qa-bench's output through a pipe and starting up as the runs begin). On the
// 2-CPU VM this project is measured on, piping --json into python3 put 27-39 ms of pressure into
// the life of a qa-bench process measuring one limit-50 level (of 10 ms), and 4 of 10 of its
// ratios above 1.4; written to a file, 1-4 ms and none. Steal by other virtual machines on the
// host does not show here.

#include <cstdint>
#include <optional>
#include <string_view>

namespace bench {

// The "some" line's total (microseconds) in the text of /proc/pressure/cpu; nullopt when there
// is none.
std::optional<std::uint64_t> parse_cpu_pressure_total_us(std::string_view text);

// Reads /proc/pressure/cpu; nullopt where the kernel has no pressure information (not Linux, or
// built without PSI).
std::optional<std::uint64_t> cpu_pressure_total_us();

// A level whose pressure reached this share of its makespan is noted in reports as contended.
inline constexpr double kContendedShare = 0.10;

}  // namespace bench
