#pragma once
// Keeping the embedded mock and the measured client on separate CPUs. On a 2-core machine the
// scheduler otherwise often wakes the mock on the client's CPU, and every such preemption
// shows up in the client's latency.

#include <optional>

namespace bench {

// The CPU the embedded mock should own: the last one the process may use, when it may use at
// least two; nullopt otherwise (nothing to separate).
std::optional<int> cpu_for_embedded_mock();

// Restricts the calling thread to every allowed CPU but `cpu`. Best effort: false when the
// system refuses, and the thread stays as it was.
bool keep_current_thread_off_cpu(int cpu);

}  // namespace bench
