#include "stats_recorder.hpp"

#include <thread>

namespace mock_llm {

namespace {

// Ordering, without standalone fences (which ThreadSanitizer does not support): the writer's
// data stores are release stores, so the odd sequence store before them is visible to any reader
// that acquire-loads one of them; the reader's data loads are acquire loads, so its second
// sequence load cannot move before them. A reader that saw part of a write therefore sees the
// sequence change and retries. On x86 both are plain moves.
constexpr auto relaxed = std::memory_order_relaxed;
constexpr auto release = std::memory_order_release;
constexpr auto acquire = std::memory_order_acquire;

// Single writer: a read-modify-write is a load and a store, no locked instruction.
template <class T>
void add(std::atomic<T>& counter, T delta) noexcept {
    counter.store(counter.load(relaxed) + delta, release);
}

}  // namespace

std::size_t StatsRecorder::fault_slot(FaultKind fault, int status) noexcept {
    if (fault == FaultKind::status) {
        const ErrorKind* kind = find_error_kind(status);
        // Every status fault is a catalogue status (validated), so the row is there.
        return kind == nullptr ? 0 : static_cast<std::size_t>(kind - error_catalogue().data());
    }
    return kStatusFaultSlots + static_cast<std::size_t>(fault) -
           static_cast<std::size_t>(FaultKind::hang);
}

void StatsRecorder::begin_write() noexcept {
    sequence_.store(sequence_.load(relaxed) + 1, relaxed);
}

void StatsRecorder::end_write() noexcept {
    sequence_.store(sequence_.load(relaxed) + 1, release);
}

void StatsRecorder::on_request_read() noexcept {
    begin_write();
    add<std::uint64_t>(requests_total_, 1);
    const std::int64_t now = in_flight_.load(relaxed) + 1;
    in_flight_.store(now, release);
    if (now > max_in_flight_.load(relaxed)) {
        max_in_flight_.store(now, release);
    }
    end_write();
}

void StatsRecorder::on_response_done(int status, std::chrono::microseconds latency, FaultKind fault,
                                     int fault_status) noexcept {
    begin_write();
    add<std::int64_t>(in_flight_, -1);
    if (status >= kFirstStatus && status <= kLastStatus) {
        add<std::uint64_t>(by_status_[static_cast<std::size_t>(status - kFirstStatus)], 1);
    }
    if (fault != FaultKind::none) {
        add<std::uint64_t>(by_fault_[fault_slot(fault, fault_status)], 1);
    }
    const std::int64_t micros = std::max<std::int64_t>(0, latency.count());
    add<std::uint64_t>(latency_[LatencyHistogram::bucket_of(micros)], 1);
    add<std::uint64_t>(latency_sum_, static_cast<std::uint64_t>(micros));
    end_write();
}

void StatsRecorder::set_queue_depth(std::int64_t depth) noexcept {
    begin_write();
    queue_depth_.store(depth, release);
    end_write();
}

void StatsRecorder::reset() noexcept {
    begin_write();
    requests_total_.store(0, release);
    max_in_flight_.store(in_flight_.load(relaxed), release);
    for (auto& count : by_status_) {
        count.store(0, release);
    }
    for (auto& count : by_fault_) {
        count.store(0, release);
    }
    for (auto& count : latency_) {
        count.store(0, release);
    }
    latency_sum_.store(0, release);
    end_write();
}

Stats StatsRecorder::snapshot() const {
    std::array<std::uint64_t, kLastStatus - kFirstStatus + 1> by_status{};
    std::array<std::uint64_t, kFaultSlots> by_fault{};
    Stats stats;
    for (;;) {
        const std::uint64_t before = sequence_.load(acquire);
        if (before % 2 == 0) {
            stats.requests_total = requests_total_.load(acquire);
            stats.in_flight = in_flight_.load(acquire);
            stats.max_in_flight = max_in_flight_.load(acquire);
            stats.queue_depth = queue_depth_.load(acquire);
            for (std::size_t i = 0; i < by_status.size(); ++i) {
                by_status[i] = by_status_[i].load(acquire);
            }
            for (std::size_t i = 0; i < by_fault.size(); ++i) {
                by_fault[i] = by_fault_[i].load(acquire);
            }
            for (std::size_t i = 0; i < latency_.size(); ++i) {
                stats.latency.counts[i] = latency_[i].load(acquire);
            }
            stats.latency.sum_micros = latency_sum_.load(acquire);
            if (sequence_.load(relaxed) == before) {
                break;
            }
        }
        std::this_thread::yield();
    }
    for (std::size_t i = 0; i < by_status.size(); ++i) {
        if (by_status[i] != 0) {
            stats.by_status[kFirstStatus + static_cast<int>(i)] = by_status[i];
        }
    }
    const auto catalogue = error_catalogue();
    for (std::size_t i = 0; i < by_fault.size(); ++i) {
        if (by_fault[i] == 0) {
            continue;
        }
        const std::string label =
            i < kStatusFaultSlots
                ? fault_label(FaultKind::status, i < catalogue.size() ? catalogue[i].status : 0)
                : fault_label(static_cast<FaultKind>(static_cast<std::size_t>(FaultKind::hang) + i -
                                                     kStatusFaultSlots),
                              0);
        stats.by_fault[label] = by_fault[i];
    }
    return stats;
}

}  // namespace mock_llm
