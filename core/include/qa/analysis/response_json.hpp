#pragma once
// The QualityAnalysisResponse as JSON: pretty-printed, keys in a fixed order, one issue per
// line, so that two runs over the same input are byte-identical (with timings omitted) and a
// diff of two runs reads line by line. Pure.

#include <string>

#include "qa/analysis/quality_response.hpp"

namespace qa {

struct ResponseJsonOptions {
    // Write "timings_ms", the only field that varies between identical runs.
    bool include_timings = true;
};

std::string to_json(const QualityAnalysisResponse& response,
                    const ResponseJsonOptions& options = {});

}  // namespace qa
