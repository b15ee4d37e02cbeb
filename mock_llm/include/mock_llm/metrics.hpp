#pragma once
// The Prometheus text exposition (format 0.0.4) of the mock's stats, served on GET /metrics.
// Pure.

#include <string>
#include <string_view>

#include "mock_llm/stats.hpp"

namespace mock_llm {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

// mock_llm_requests_total (counter), mock_llm_responses_total{status} (counter),
// mock_llm_faults_total{fault} (counter), mock_llm_in_flight, mock_llm_max_in_flight,
// mock_llm_queue_depth (gauges), and mock_llm_request_duration_seconds (histogram: cumulative
// buckets by le, _sum, _count).
std::string prometheus_text(const Stats& stats);

}  // namespace mock_llm
