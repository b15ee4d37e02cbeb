#include "bench/call_log.hpp"

#include "bench/json_text.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace bench {
namespace {

using qa::SteadyClock;

std::int64_t micros_since(SteadyClock::time_point origin, SteadyClock::time_point at) {
    return std::chrono::duration_cast<std::chrono::microseconds>(at - origin).count();
}

nlohmann::json attempt_json(SteadyClock::time_point origin, const qa::AttemptRecord& attempt) {
    nlohmann::json line{
        {"sent_us", micros_since(origin, attempt.sent)},
        {"first_byte_us", attempt.first_byte
                              ? nlohmann::json(micros_since(origin, *attempt.first_byte))
                              : nlohmann::json(nullptr)},
        {"done_us", micros_since(origin, attempt.done)},
        {"status", attempt.http_status},
        {"error", attempt.error ? nlohmann::json(std::string(qa::to_string(*attempt.error)))
                                : nlohmann::json(nullptr)},
        {"backoff_us", attempt.backoff.count()},
        // What the server said it spent (Server-Timing, openai-processing-ms); null if nothing.
        {"server_us", attempt.server_time ? nlohmann::json(attempt.server_time->count())
                                          : nlohmann::json(nullptr)},
    };
    return line;
}

}  // namespace

void write_call_lines(std::ostream& out, int concurrency, const std::string& strategy,
                      const std::vector<CallLine>& calls) {
    if (calls.empty())
        return;
    const auto origin =
        std::min_element(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
            return a.record.intended_start < b.record.intended_start;
        })->record.intended_start;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const auto& call = calls[i];
        nlohmann::json attempts = nlohmann::json::array();
        for (const auto& attempt : call.record.attempts)
            attempts.push_back(attempt_json(origin, attempt));
        nlohmann::json line{
            {"concurrency", concurrency},
            {"strategy", strategy},
            {"call", i},
            {"task", call.task},
            {"intended_start_us", micros_since(origin, call.record.intended_start)},
            {"slot_acquired_us", micros_since(origin, call.record.slot_acquired)},
            {"done_us", micros_since(origin, call.record.done)},
            {"queue_wait_us", call.record.queue_wait.count()},
            {"attempts", std::move(attempts)},
            {"outcome", call.error.empty() ? "ok" : "failed"},
            {"error", call.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(call.error)},
        };
        if (call.analysis)
            line["analysis"] = *call.analysis;
        out << json_text(line) << '\n';
    }
}

}  // namespace bench
