#include "bench/critical_path.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iomanip>
#include <set>
#include <sstream>
#include <utility>

namespace bench {
namespace {

using Clock = qa::SteadyClock;
using Duration = Clock::duration;

double to_seconds(Duration value) {
    return std::chrono::duration<double>(value).count();
}

// A slot given back: at the end of call `call`, or (attempt >= 0) before the backoff after
// that attempt, when the policy releases slots then.
struct Release {
    Clock::time_point at;
    std::size_t call = 0;
    int attempt = -1;
};

Clock::time_point first_send(const qa::CallRecord& record) {
    return record.attempts.empty() ? record.done : record.attempts.front().sent;
}

std::vector<Release> releases_of(const std::vector<CallLine>& calls, bool in_backoff) {
    std::vector<Release> releases;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const auto& record = calls[i].record;
        releases.push_back(Release{record.done, i, -1});
        if (!in_backoff)
            continue;
        // Every attempt but the last was followed by a backoff (however short the jitter drew
        // it), and the slot was given back for it.
        for (std::size_t a = 0; a + 1 < record.attempts.size(); ++a)
            releases.push_back(Release{record.attempts[a].done, i, static_cast<int>(a)});
    }
    return releases;
}

// For each call, the release that handed it its first slot, or none when it found one free.
// A FIFO limiter hands releases to waiters in order, so the calls are matched in the order they
// got their slots, each to the earliest release not yet matched that came between its intended
// start and its slot.
std::vector<std::optional<Release>> handovers(const std::vector<CallLine>& calls,
                                              const std::vector<Release>& releases) {
    std::set<std::pair<Clock::time_point, std::size_t>> unmatched;  // (at, index in releases)
    for (std::size_t r = 0; r < releases.size(); ++r)
        unmatched.emplace(releases[r].at, r);
    std::vector<std::size_t> by_slot(calls.size());
    for (std::size_t i = 0; i < by_slot.size(); ++i)
        by_slot[i] = i;
    std::stable_sort(by_slot.begin(), by_slot.end(), [&](std::size_t a, std::size_t b) {
        return calls[a].record.slot_acquired < calls[b].record.slot_acquired;
    });

    std::vector<std::optional<Release>> from(calls.size());
    for (const std::size_t c : by_slot) {
        const auto& record = calls[c].record;
        for (auto it = unmatched.lower_bound({record.intended_start, 0});
             it != unmatched.end() && it->first <= record.slot_acquired; ++it) {
            if (releases[it->second].call == c)
                continue;
            from[c] = releases[it->second];
            unmatched.erase(it);
            break;
        }
    }
    return from;
}

}  // namespace

std::optional<CriticalPath> critical_path(const std::vector<CallLine>& calls,
                                          std::chrono::microseconds latency, int concurrency,
                                          std::chrono::microseconds makespan,
                                          bool slots_released_in_backoff) {
    if (calls.empty() || concurrency < 1)
        return std::nullopt;
    const auto from = handovers(calls, releases_of(calls, slots_released_in_backoff));
    Clock::time_point origin = calls.front().record.intended_start;
    std::size_t last = 0;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        origin = std::min(origin, calls[i].record.intended_start);
        if (calls[i].record.done >= calls[last].record.done)
            last = i;
    }

    CriticalPath path;
    const int n = static_cast<int>(calls.size());
    path.waves = (n + concurrency - 1) / concurrency;
    Duration to_send{0}, slot_wait{0}, late{0}, server_late{0}, reading{0}, retrying{0};
    bool server_said = true;  // every answer on the chain carried the server's time
    std::size_t at = last;
    Clock::time_point until = calls[last].record.done;
    bool whole = true;  // the chain holds this call to its end (not only to a mid-call release)
    // Each step goes to a call that held its slot no later: a chain is at most every call long.
    for (std::size_t step = 0; step < calls.size(); ++step) {
        const CallLine& call = calls[at];
        const auto& record = call.record;
        const auto sent = first_send(record);
        ++path.calls;
        to_send += sent - record.slot_acquired;
        const auto* final_attempt = record.attempts.empty() ? nullptr : &record.attempts.back();
        if (whole && call.error.empty() && final_attempt != nullptr && final_attempt->first_byte) {
            ++path.answered;
            retrying += final_attempt->sent - sent;
            late += (*final_attempt->first_byte - final_attempt->sent) - latency;
            if (final_attempt->server_time)
                server_late += *final_attempt->server_time - latency;
            else
                server_said = false;
            reading += until - *final_attempt->first_byte;
        } else {
            retrying += until - sent;
        }
        const auto& handed = from[at];
        if (!handed || step + 1 == calls.size()) {
            path.start_s = to_seconds(record.slot_acquired - origin);
            break;
        }
        slot_wait += record.slot_acquired - handed->at;
        at = handed->call;
        until = handed->at;
        whole = handed->attempt < 0;
    }
    path.to_send_s = to_seconds(to_send);
    path.slot_wait_s = to_seconds(slot_wait);
    path.late_s = to_seconds(late);
    if (server_said && path.answered > 0)
        path.server_late_s = to_seconds(server_late);
    path.reading_s = to_seconds(reading);
    path.retrying_s = to_seconds(retrying);
    path.waves_s = to_seconds((path.answered - path.waves) * Duration(latency));
    path.outside_s = to_seconds(Duration(makespan) - (calls[last].record.done - origin));
    return path;
}

std::string describe_largest_parts(const CriticalPath& path, std::size_t count) {
    struct Part {
        double seconds;
        const char* name;
        bool late = false;  // late_s, which may carry the server's part of it
    };
    std::vector<Part> parts{{path.start_s, "start"},         {path.to_send_s, "to send"},
                            {path.slot_wait_s, "slot wait"}, {path.late_s, "late answers", true},
                            {path.reading_s, "reading"},     {path.retrying_s, "retries"},
                            {path.waves_s, "waves"},         {path.outside_s, "outside the calls"}};
    std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
        return std::abs(a.seconds) > std::abs(b.seconds);
    });
    const double largest = std::abs(parts.front().seconds);
    if (largest == 0)
        return "none";
    std::ostringstream text;
    text << std::fixed << std::setprecision(2);
    for (std::size_t i = 0; i < parts.size() && i < count; ++i) {
        if (std::abs(parts[i].seconds) < largest / 10)
            break;
        text << (i > 0 ? ", " : "") << parts[i].name << ' ' << parts[i].seconds * 1000 << " ms";
        if (parts[i].late && path.server_late_s)
            text << " (the server's part " << *path.server_late_s * 1000 << " ms)";
    }
    return text.str();
}

}  // namespace bench
