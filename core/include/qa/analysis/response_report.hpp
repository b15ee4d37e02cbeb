#pragma once
// The QualityAnalysisResponse as a report for people: one compiler-style line per issue
// (`path:line: severity rule [source] function: message`) with its suggestion under it, then
// what failed, then a summary. Pure.

#include <string>

#include "qa/analysis/quality_response.hpp"

namespace qa {

struct ResponseReportOptions {
    bool include_timings = true;
    bool include_suggestions = true;
};

std::string to_report(const QualityAnalysisResponse& response,
                      const ResponseReportOptions& options = {});

}  // namespace qa
