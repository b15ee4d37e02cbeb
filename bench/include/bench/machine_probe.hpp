#pragma once
// MachineProbe: how promptly this machine runs a thread that was waiting, measured just before a
// run. A closed loop pays it at every wave beyond its lower bound, and no client code can save
// it: the server's latency timers fire late, and the client, idle while its calls are out, is
// woken by the first answer. On a shared virtual machine both move with the neighbours' load (on
// the 2-CPU VM this project is measured on, within one hour: a 1 ms timer 28-52 us late, a woken
// thread 5-17 us, and 40-50 us while a build ran beside it), so a report carries them beside its
// ratios, and qa-bench compare points out a baseline measured on a machine that woke much
// faster or slower than the run's.
// Thread safety: none needed; the probe starts and joins its one helper thread.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "qa/expected.hpp"

namespace bench {

struct MachineProbe {
    int samples = 0;  // of each kind
    // A 1 ms timerfd wait: from the timer's expiry to the waiting thread running.
    double timer_late_p50_us = 0;
    double timer_late_p90_us = 0;
    // From an eventfd write on another thread (on the embedded mock's CPU, when it has one) to
    // this thread, blocked in epoll_wait, running.
    double wake_p50_us = 0;
    double wake_p90_us = 0;
};

// Blocks about 2.2 x `samples` ms on the calling thread (the client's). `waker_cpu`: the CPU the
// waking thread is pinned to, the embedded mock's; else wherever it runs. The error says which
// system call failed or which wake-up never came (each is given a second).
qa::Expected<MachineProbe, std::string> probe_machine_blocking(std::optional<int> waker_cpu,
                                                               int samples = 40);

// summary.json's "machine": the figures and how they were taken.
nlohmann::json to_json(const MachineProbe& probe);
// A summary's "machine", when it is there and well formed (summaries made before the probe have
// none).
std::optional<MachineProbe> machine_probe_of(const nlohmann::json& summary);

// For people: "a 1 ms timer ran 52 us late, a woken thread 31 us after the wake-up (medians of
// 40; 90th percentiles 80 and 45 us)".
std::string describe(const MachineProbe& probe);

// A line for qa-bench compare when the two machines woke threads at clearly different speeds
// (a median at least 1.5 times the other's and 20 us apart): a ratio moves with that alone.
std::optional<std::string> machine_difference(const MachineProbe& baseline,
                                              const MachineProbe& run);

}  // namespace bench
