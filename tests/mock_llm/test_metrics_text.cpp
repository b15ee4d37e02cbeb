// The Prometheus text of a known Stats snapshot: exact sample lines, cumulative buckets, and a sum
// kept to the microsecond however large it grows.
#include <string>

#include <gtest/gtest.h>

#include "mock_llm/metrics.hpp"

namespace mock_llm {
namespace {

bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

Stats known_stats() {
    Stats stats;
    stats.requests_total = 7;
    stats.in_flight = 2;
    stats.max_in_flight = 5;
    stats.queue_depth = 1;
    stats.by_status = {{200, 3}, {429, 1}, {kStatusClientClosed, 1}};
    stats.by_fault = {{"429", 1}, {"hang", 1}};
    stats.latency.counts[LatencyHistogram::bucket_of(150)] = 2;        // le 0.0002
    stats.latency.counts[LatencyHistogram::bucket_of(1'500'000)] = 2;  // le 2
    stats.latency.counts.back() = 1;                                   // past 1000 s
    stats.latency.sum_micros = 1'234'567'000'250;
    return stats;
}

TEST(MetricsText, SamplesOfEveryFamily) {
    const std::string text = prometheus_text(known_stats());
    for (const char* line : {
             "mock_llm_requests_total 7",
             "mock_llm_responses_total{status=\"200\"} 3",
             "mock_llm_responses_total{status=\"429\"} 1",
             "mock_llm_responses_total{status=\"499\"} 1",
             "mock_llm_faults_total{fault=\"429\"} 1",
             "mock_llm_faults_total{fault=\"hang\"} 1",
             "mock_llm_in_flight 2",
             "mock_llm_max_in_flight 5",
             "mock_llm_queue_depth 1",
             "# TYPE mock_llm_request_duration_seconds histogram",
         }) {
        EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
    }
}

TEST(MetricsText, HistogramIsCumulativeWithExactSum) {
    const std::string text = prometheus_text(known_stats());
    const std::string bucket = "mock_llm_request_duration_seconds_bucket";
    EXPECT_TRUE(has_line(text, bucket + "{le=\"0.0001\"} 0"));
    EXPECT_TRUE(has_line(text, bucket + "{le=\"0.0002\"} 2"));
    EXPECT_TRUE(has_line(text, bucket + "{le=\"1\"} 2"));
    EXPECT_TRUE(has_line(text, bucket + "{le=\"2\"} 4"));
    EXPECT_TRUE(has_line(text, bucket + "{le=\"1000\"} 4"));
    EXPECT_TRUE(has_line(text, bucket + "{le=\"+Inf\"} 5"));
    EXPECT_TRUE(has_line(text, "mock_llm_request_duration_seconds_count 5"));
    EXPECT_TRUE(has_line(text, "mock_llm_request_duration_seconds_sum 1234567.000250")) << text;
}

}  // namespace
}  // namespace mock_llm
