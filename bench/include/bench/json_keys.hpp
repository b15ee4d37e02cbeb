#pragma once
// The keys two JSON objects hold between them, in order: what a walk comparing them key by key
// (shard agreement, a run's conditions against the baseline's) visits.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace bench {

// Every key of `a` or `b` (objects; anything else contributes none), sorted, each once.
inline std::set<std::string> keys_of_either(const nlohmann::json& a, const nlohmann::json& b) {
    std::set<std::string> keys;
    for (const auto* object : {&a, &b}) {
        if (!object->is_object())
            continue;
        for (const auto& item : object->items())
            keys.insert(item.key());
    }
    return keys;
}

}  // namespace bench
