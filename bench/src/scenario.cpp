#include "bench/scenario.hpp"

#include <cstdio>

namespace bench {

const std::vector<Scenario>& builtin_scenarios() {
    static const std::vector<Scenario> scenarios = {
        {"seed-38x91", "38 files, 91 uncertain functions (the original's typical workload)", 38, 91,
         std::chrono::milliseconds(500), 45.0, 5.0},
        {"seed-50x120", "50 files, 120 uncertain functions (the original's stress test)", 50, 120,
         std::chrono::milliseconds(500), 60.0, 6.0},
    };
    return scenarios;
}

qa::Expected<Scenario, std::string> find_scenario(const std::string& name) {
    std::string known;
    for (const auto& scenario : builtin_scenarios()) {
        if (scenario.name == name)
            return scenario;
        known += (known.empty() ? "" : ", ") + scenario.name;
    }
    return qa::Unexpected("unknown scenario \"" + name + "\" (known: " + known + ")");
}

std::vector<qa::LlmTask> make_tasks(const Scenario& scenario) {
    std::vector<qa::LlmTask> tasks;
    tasks.reserve(static_cast<std::size_t>(scenario.calls));
    for (int i = 0; i < scenario.calls; ++i) {
        // Round-robin over files: every file gets calls/files or one more, as in the original
        // ("~2-5 per file").
        const int file = i % scenario.files;
        const int function = i / scenario.files;
        char path[64];
        std::snprintf(path, sizeof path, "tests/test_module_%02d.py", file + 1);
        char name[64];
        std::snprintf(name, sizeof name, "test_behaviour_%d", function + 1);

        qa::LlmTask task;
        task.name = std::string(path) + "::" + name;
        task.request.messages = {
            {"system",
             "You review Python test functions for quality problems. Answer with a JSON object "
             "{\"issues\": [{\"category\", \"severity\", \"line\", \"message\", "
             "\"suggestion\"}]}."},
            {"user", "File: " + std::string(path) + "\nFunction:\ndef " + name +
                         "(client, tmp_path):\n    result = client.get(\"/items/" +
                         std::to_string(i) +
                         "\")\n    if result.status_code == 200:\n        "
                         "assert result.json()[\"id\"] == " +
                         std::to_string(i) + "\n"},
        };
        tasks.push_back(std::move(task));
    }
    return tasks;
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
