#include "mock_llm/fault.hpp"

#include <array>
#include <utility>

#include "mock_llm/chaos.hpp"

namespace mock_llm {

namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 12> kKindNames{{
    {FaultKind::none, ""},
    {FaultKind::status, "status"},
    {FaultKind::hang, "hang"},
    {FaultKind::reset, "reset"},
    {FaultKind::empty, "empty"},
    {FaultKind::malformed_json, "malformed_json"},
    {FaultKind::truncated, "truncated"},
    {FaultKind::slow_drip, "slow_drip"},
    {FaultKind::stream_error, "stream_error"},
    {FaultKind::over_capacity, "over_capacity"},
    {FaultKind::rate_limited, "rate_limited"},
    {FaultKind::queue_cutoff, "queue_cutoff"},
}};

}  // namespace

std::string_view fault_kind_name(FaultKind kind) noexcept {
    for (const auto& [k, name] : kKindNames) {
        if (k == kind) {
            return name;
        }
    }
    return "";
}

std::string fault_label(FaultKind kind, int status) {
    return kind == FaultKind::status ? std::to_string(status) : std::string(fault_kind_name(kind));
}

std::string_view fault_source_name(FaultSource source) noexcept {
    switch (source) {
        case FaultSource::none:
            return "";
        case FaultSource::header:
            return "header";
        case FaultSource::script:
            return "script";
        case FaultSource::chaos:
            return "chaos";
        case FaultSource::behaviour:
            return "behaviour";
    }
    return "";
}

std::optional<FaultKind> fault_kind_from_name(std::string_view name) noexcept {
    // Only what a profile may ask for: the delivery faults, not the behaviours' own outcomes.
    for (const auto& [kind, kind_name] : kKindNames) {
        if (kind_name == name && kind >= FaultKind::hang && kind <= FaultKind::stream_error) {
            return kind;
        }
    }
    return std::nullopt;
}

Fault decide_fault(std::uint64_t seed, std::uint64_t body_hash, std::uint64_t occurrence,
                   double rate_429, double rate_500) noexcept {
    ChaosProfile chaos;
    chaos.rate("429") = rate_429;
    chaos.rate("500") = rate_500;
    const FaultSpec spec = decide_chaos(chaos, seed, body_hash, occurrence, false);
    if (spec.kind != FaultKind::status) {
        return Fault::none;
    }
    return spec.status == 429 ? Fault::rate_limited : Fault::server_error;
}

}  // namespace mock_llm
