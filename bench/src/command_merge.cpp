#include <fstream>
#include <iostream>

#include "bench/commands.hpp"
#include "bench/common_setup.hpp"
#include "bench/json_text.hpp"
#include "bench/merge.hpp"
#include "qa/config/output_dir.hpp"

namespace bench {

int command_merge(const MergeFlags& flags) {
    if (!flags.out_dir.empty()) {
        if (auto made = qa::make_output_dir("--out", flags.out_dir); !made)
            return usage_error(made.error().message());
    }
    std::vector<ShardSummary> shards;
    for (const auto& path : flags.summaries) {
        std::ifstream file(path);
        if (!file)
            return usage_error("cannot read " + path);
        try {
            shards.push_back({path, nlohmann::json::parse(file)});
        } catch (const nlohmann::json::exception& e) {
            return usage_error(path + " is not JSON: " + e.what());
        }
    }
    const auto report = merge_shards(shards);
    if (!report)
        return usage_error("cannot merge: " + report.error());
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
