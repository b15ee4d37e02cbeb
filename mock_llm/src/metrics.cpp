#include "mock_llm/metrics.hpp"

#include <cstdio>

#include "mock_llm/json_text.hpp"

namespace mock_llm {

namespace {

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

template <class Number>
void sample(std::string& out, std::string_view name, Number value) {
    out += name;
    out += ' ';
    append_integer(out, value);
    out += '\n';
}

// A bucket bound in seconds, plain decimal: the bounds are 1-2-5 steps, six digits suffice.
std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", seconds);
    return text;
}

// The sum in seconds to the microsecond, however large it grows (%g would round it).
std::string micros_as_seconds(std::uint64_t micros) {
    std::string out;
    append_integer(out, micros / 1'000'000);
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%06u", static_cast<unsigned>(micros % 1'000'000));
    out += fraction;
    return out;
}

}  // namespace

std::string prometheus_text(const Stats& stats) {
    std::string out;
    out.reserve(4096);
    family(out, "mock_llm_requests_total", "counter", "Data-plane requests fully read.");
    sample(out, "mock_llm_requests_total", stats.requests_total);

    family(out, "mock_llm_responses_total", "counter",
           "Finished data-plane requests by HTTP status (499: client left, 444: reset).");
    for (const auto& [status, count] : stats.by_status) {
        out += "mock_llm_responses_total{status=\"";
        append_integer(out, status);
        out += "\"} ";
        append_integer(out, count);
        out += '\n';
    }

    family(out, "mock_llm_faults_total", "counter", "Finished requests by the fault applied.");
    for (const auto& [fault, count] : stats.by_fault) {
        out += "mock_llm_faults_total{fault=\"" + fault + "\"} ";
        append_integer(out, count);
        out += '\n';
    }

    family(out, "mock_llm_in_flight", "gauge", "Data-plane requests not yet answered.");
    sample(out, "mock_llm_in_flight", stats.in_flight);
    family(out, "mock_llm_max_in_flight", "gauge",
           "High-water mark of in flight since start or reset.");
    sample(out, "mock_llm_max_in_flight", stats.max_in_flight);
    family(out, "mock_llm_queue_depth", "gauge", "Requests waiting for a slot.");
    sample(out, "mock_llm_queue_depth", stats.queue_depth);

    constexpr std::string_view kDuration = "mock_llm_request_duration_seconds";
    family(out, kDuration, "histogram", "Arrival to end of answer of data-plane requests.");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < LatencyHistogram::kBoundsMicros.size(); ++i) {
        cumulative += stats.latency.counts[i];
        out += std::string(kDuration) + "_bucket{le=\"" +
               seconds_text(static_cast<double>(LatencyHistogram::kBoundsMicros[i]) / 1e6) + "\"} ";
        append_integer(out, cumulative);
        out += '\n';
    }
    cumulative += stats.latency.counts.back();
    out += std::string(kDuration) + "_bucket{le=\"+Inf\"} ";
    append_integer(out, cumulative);
    out += '\n';
    out += std::string(kDuration) + "_sum " + micros_as_seconds(stats.latency.sum_micros) + '\n';
    sample(out, std::string(kDuration) + "_count", cumulative);
    return out;
}

}  // namespace mock_llm
