#pragma once
// The report's figures and its Markdown page, made from a RunReport: makespan against
// concurrency with the lower bound, 429s and retries against concurrency, and latency
// percentiles against concurrency.

#include <ostream>
#include <string>
#include <vector>

#include "bench/report.hpp"

namespace bench {

struct Figure {
    std::string file;  // e.g. "makespan.svg"
    std::string caption;
    std::string svg;
};

std::vector<Figure> report_figures(const RunReport& report);

// report.md: how the run was made, the table of levels, and the figures (by file name).
void write_markdown(std::ostream& out, const RunReport& report, const std::vector<Figure>& figures);

}  // namespace bench
