#include "bench/shard_agreement.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "bench/json_keys.hpp"
#include "bench/summary_input.hpp"

namespace bench {
namespace {

using nlohmann::json;

// What every shard must have alike for their figures to add up to one run's (JSON pointers
// into summary.json). Time scale and latency set the bound every ratio is over; the server,
// warm-up, allocator, wake latency and the mock's profile (its faults, behaviour and seed)
// change the latencies; the merged report states each once.
constexpr std::array<std::string_view, 13> kAgreedKeys{"/scenario",
                                                       "/files",
                                                       "/calls",
                                                       "/test_paths",
                                                       "/time_scale",
                                                       "/call_latency_s",
                                                       "/conditions/server",
                                                       "/conditions/warm_up",
                                                       "/conditions/warm_up_runs",
                                                       "/conditions/allocator",
                                                       "/conditions/wake_latency_held",
                                                       "/conditions/mock",
                                                       "/shard/count"};

// The value at `pointer`, null when absent (check_summary_types made every step an object).
json value_at(const json& summary, std::string_view pointer) {
    const json::json_pointer where{std::string(pointer)};
    return summary.contains(where) ? summary.at(where) : json();
}

// "conditions.server" for "/conditions/server", as the keys read in the file.
std::string key_name(std::string_view pointer) {
    std::string name(pointer.substr(1));
    for (auto& c : name)
        c = c == '/' ? '.' : c;
    return name;
}

std::string shown_or_absent(const json& value) {
    return value.is_null() ? std::string("absent") : shown(value);
}

// Where two values that differ first differ: below `name`, key by key (in key order) while both
// are objects, so two mock profiles are told apart by the field ("conditions.mock.chaos.429"),
// not as "an object" each. A key one lacks is null there, which shows as absent.
struct Difference {
    std::string name;
    json mine;
    json theirs;
};
Difference first_difference(std::string name, json mine, json theirs) {
    while (mine.is_object() && theirs.is_object()) {
        const auto keys = keys_of_either(mine, theirs);
        const auto differs = [&](const std::string& key) {
            return mine.value(key, json()) != theirs.value(key, json());
        };
        const auto key = std::find_if(keys.begin(), keys.end(), differs);
        if (key == keys.end())
            break;  // alike after all: the caller only asks about values that differ
        name += "." + *key;
        json next_mine = mine.value(*key, json());
        json next_theirs = theirs.value(*key, json());
        mine = std::move(next_mine);
        theirs = std::move(next_theirs);
    }
    return {std::move(name), std::move(mine), std::move(theirs)};
}

// What the first shard must hold for any of it to be merged: a scenario, a positive time
// scale, and a shard count of 1 or more.
qa::Expected<int, std::string> shard_count(const ShardSummary& head) {
    const json scenario = value_at(head.summary, "/scenario");
    if (!scenario.is_string())
        return qa::Unexpected(head.path + ": no \"scenario\"");
    const auto scale = number_at(head.summary, "time_scale");
    if (!scale || !(*scale > 0))
        return qa::Unexpected(head.path + ": \"time_scale\" is " +
                              shown_or_absent(value_at(head.summary, "/time_scale")) +
                              ", not a number above 0");
    const json count = value_at(head.summary, "/shard/count");
    if (!count.is_number_integer() || count.get<std::int64_t>() < 1 ||
        count.get<std::int64_t>() > 1'000'000)
        return qa::Unexpected(head.path + ": \"shard.count\" is " + shown_or_absent(count) +
                              ", not an integer in 1..1000000");
    return count.get<int>();
}

// The shard's runs by key, each with its repetitions; the error names a run given twice.
qa::Expected<std::map<RunKey, int>, std::string> runs_of(const ShardSummary& shard) {
    std::map<RunKey, int> runs;
    for (const auto& run : shard.summary.at("runs")) {
        const auto key = run_key(run);  // check_summary_types read every one
        if (!key)
            return qa::Unexpected(shard.path + ": " + key.error());
        const int repetitions = run.value("repetitions", 1);
        if (repetitions < 1) {
            return qa::Unexpected(shard.path + ": " + describe(*key) + ": \"repetitions\" is " +
                                  std::to_string(repetitions) + ", not 1 or more");
        }
        if (!runs.emplace(*key, repetitions).second)
            return qa::Unexpected(shard.path + ": " + describe(*key) + " is there twice");
    }
    return runs;
}

// The same runs in `shard` as in `head`, each repeated as often.
qa::Expected<void, std::string> check_same_runs(const ShardSummary& head,
                                                const std::map<RunKey, int>& head_runs,
                                                const ShardSummary& shard) {
    const auto runs = runs_of(shard);
    if (!runs)
        return qa::Unexpected(runs.error());
    for (const auto& [key, repetitions] : head_runs) {
        const auto found = runs->find(key);
        if (found == runs->end())
            return qa::Unexpected(shard.path + " lacks " + describe(key) + " that " + head.path +
                                  " has");
        if (found->second != repetitions) {
            return qa::Unexpected(shard.path + ": " + describe(key) + " has " +
                                  std::to_string(found->second) + " repetitions where " +
                                  head.path + " has " + std::to_string(repetitions));
        }
    }
    for (const auto& [key, repetitions] : *runs) {
        if (head_runs.count(key) == 0)
            return qa::Unexpected(shard.path + " has " + describe(key) + " that " + head.path +
                                  " lacks");
    }
    return {};
}

}  // namespace

qa::Expected<void, std::string> check_shards_agree(const std::vector<ShardSummary>& shards) {
    if (shards.empty())
        return qa::Unexpected(std::string("no shard summaries given"));
    for (const auto& shard : shards) {
        if (auto checked = check_summary_types(shard.summary); !checked)
            return qa::Unexpected(shard.path + ": " + checked.error());
    }
    const auto& head = shards.front();
    const auto count = shard_count(head);
    if (!count)
        return qa::Unexpected(count.error());
    const auto head_runs = runs_of(head);
    if (!head_runs)
        return qa::Unexpected(head_runs.error());
    if (head_runs->empty())
        return qa::Unexpected(head.path + ": no runs (\"runs\" is empty)");
    std::map<int, const std::string*> seen;
    for (const auto& shard : shards) {
        for (const auto pointer : kAgreedKeys) {
            const json mine = value_at(shard.summary, pointer);
            const json theirs = value_at(head.summary, pointer);
            if (mine != theirs) {
                const auto where = first_difference(key_name(pointer), mine, theirs);
                return qa::Unexpected(shard.path + ": \"" + where.name + "\" is " +
                                      shown_or_absent(where.mine) + " where " + head.path +
                                      " has " + shown_or_absent(where.theirs) +
                                      " (shards of one run agree)");
            }
        }
        if (auto same = check_same_runs(head, *head_runs, shard); !same)
            return same;
        const json index = value_at(shard.summary, "/shard/index");
        if (!index.is_number_integer() || index.get<std::int64_t>() < 0 ||
            index.get<std::int64_t>() >= *count)
            return qa::Unexpected(shard.path + ": \"shard.index\" is " + shown_or_absent(index) +
                                  ", not in 0.." + std::to_string(*count - 1));
        const auto [other, fresh] = seen.emplace(index.get<int>(), &shard.path);
        if (!fresh)
            return qa::Unexpected(shard.path + ": shard " + std::to_string(other->first) +
                                  " is given twice (also " + *other->second + ")");
    }
    for (int i = 0; i < *count; ++i) {
        if (seen.count(i) == 0)
            return qa::Unexpected("shard " + std::to_string(i) + " of " + std::to_string(*count) +
                                  " is missing");
    }
    return {};
}

}  // namespace bench
