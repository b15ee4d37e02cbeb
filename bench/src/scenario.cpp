#include "bench/scenario.hpp"

#include "qa/config/config_error.hpp"

namespace bench {

const std::vector<Scenario>& builtin_scenarios() {
    static const std::vector<Scenario> scenarios = {
        {"seed-38x91",
         "38 files, 91 uncertain functions (the original's typical workload)",
         38,
         91,
         std::chrono::milliseconds(500),
         45.0,
         5.0,
         *qa::corpus_scenario("seed-38x91"),
         {}},
        {"seed-50x120",
         "50 files, 120 uncertain functions (the original's stress test)",
         50,
         120,
         std::chrono::milliseconds(500),
         60.0,
         6.0,
         *qa::corpus_scenario("seed-50x120"),
         {}},
    };
    return scenarios;
}

qa::Expected<Scenario, std::string> find_scenario(const std::string& name) {
    for (const auto& scenario : builtin_scenarios()) {
        if (scenario.name == name)
            return scenario;
    }
    const auto corpus = qa::corpus_scenario(name);
    if (!corpus) {
        // Appended piece by piece: GCC 12 warns (-Wrestrict) inside operator+ chains here.
        std::string allowed = "one of";
        for (const auto& scenario : builtin_scenarios()) {
            allowed += ' ';
            allowed += scenario.name;
            allowed += ',';
        }
        allowed +=
            " or any generated corpus seed-FxU, F in 1..100000 files and U in 0..50*F "
            "uncertain functions";
        return qa::Unexpected(qa::ConfigError{"--scenario", name, std::move(allowed)}.message());
    }
    Scenario scenario;
    scenario.name = name;
    scenario.files = static_cast<int>(corpus->files);
    scenario.calls = static_cast<int>(corpus->uncertain);
    scenario.description = "a generated corpus of " + std::to_string(scenario.files) +
                           " files with " + std::to_string(scenario.calls) + " uncertain functions";
    scenario.corpus = *corpus;
    return scenario;
}

Scenario tests_scenario(std::vector<std::filesystem::path> paths) {
    Scenario scenario;
    scenario.name = "tests";
    scenario.description = "the test files under";
    for (const auto& path : paths) {
        scenario.description += ' ';
        scenario.description += path.string();
    }
    scenario.test_paths = std::move(paths);
    return scenario;
}

std::chrono::microseconds makespan_lower_bound(int calls, int limit,
                                               std::chrono::microseconds latency) {
    const int rounds = (calls + limit - 1) / limit;
    return latency * rounds;
}

std::vector<qa::LlmTask> select_shard(std::vector<qa::LlmTask> tasks, int index, int count) {
    std::vector<qa::LlmTask> shard;
    for (std::size_t i = static_cast<std::size_t>(index); i < tasks.size();
         i += static_cast<std::size_t>(count)) {
        shard.push_back(std::move(tasks[i]));
    }
    return shard;
}

}  // namespace bench
