#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/json_text.hpp"
#include "bench/merge.hpp"
#include "bench/summary_input.hpp"
#include "qa/config/output_dir.hpp"

namespace bench {

int command_merge(const MergeFlags& flags) {
    std::vector<ShardSummary> shards;
    for (const auto& path : flags.summaries) {
        auto summary = read_summary_file(path);
        if (!summary)
            return usage_error(summary.error());
        shards.push_back({path, std::move(*summary)});
    }
    const auto report = merge_shards(shards);
    if (!report)
        return usage_error("cannot merge: " + report.error());
    // Made only now: shards that cannot be merged leave no --out folder behind.
    if (!flags.out_dir.empty()) {
        if (auto made = qa::make_output_dir("--out", flags.out_dir); !made)
            return usage_error(made.error().message());
    }
    if (flags.json) {
        std::cout << json_text(to_json(*report), 2) << '\n';
    } else {
        std::cout << "merged " << shards.size() << " shards\n";
        write_table(std::cout, *report);
    }
    if (!flags.out_dir.empty()) {
        if (auto written = write_report_files(flags.out_dir, *report); !written) {
            std::cerr << "qa-bench: " << written.error() << '\n';
            return kExitRunFailed;
        }
    }
    return kExitOk;
}

}  // namespace bench
