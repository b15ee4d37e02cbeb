#include "mock_llm/behaviour.hpp"

#include <array>
#include <utility>

namespace mock_llm {

namespace {

constexpr std::array<std::pair<BehaviourKind, std::string_view>, 4> kNames{{
    {BehaviourKind::unlimited, "unlimited"},
    {BehaviourKind::deepseek_legacy, "deepseek-legacy"},
    {BehaviourKind::deepseek_concurrency, "deepseek-concurrency"},
    {BehaviourKind::openai_buckets, "openai-buckets"},
}};

}  // namespace

std::string_view behaviour_name(BehaviourKind kind) noexcept {
    for (const auto& [k, name] : kNames) {
        if (k == kind) {
            return name;
        }
    }
    return "unlimited";
}

std::optional<BehaviourKind> behaviour_from_name(std::string_view name) noexcept {
    for (const auto& [kind, kind_name] : kNames) {
        if (kind_name == name) {
            return kind;
        }
    }
    return std::nullopt;
}

}  // namespace mock_llm
