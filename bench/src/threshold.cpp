#include "bench/compare.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "qa/config/config_error.hpp"

namespace bench {
namespace {

struct OpText {
    std::string_view text;
    CompareOp op;
};
// Longest first, so "<=" is not read as "<".
constexpr std::array<OpText, 6> kOps{{{"<=", CompareOp::less_equal},
                                      {">=", CompareOp::greater_equal},
                                      {"==", CompareOp::equal},
                                      {"!=", CompareOp::not_equal},
                                      {"<", CompareOp::less},
                                      {">", CompareOp::greater}}};

std::string resolve_alias(const std::string& name) {
    if (name == "failed")
        return "calls_failed";
    if (name == "ok")
        return "calls_ok";
    if (name == "429s")
        return "status_429";
    // pNN_<figure>_s -> <figure>_pNN_s, as k6 users write percentiles first.
    const auto underscore = name.find('_');
    const bool percentile_first =
        name.size() > 4 && name[0] == 'p' && underscore != std::string::npos && underscore > 1 &&
        name.compare(name.size() - 2, 2, "_s") == 0 && underscore + 2 < name.size() - 1 &&
        std::all_of(name.begin() + 1, name.begin() + static_cast<long>(underscore),
                    [](char c) { return c >= '0' && c <= '9'; });
    if (percentile_first) {
        const std::string percentile = name.substr(0, underscore);
        const std::string figure = name.substr(underscore + 1, name.size() - underscore - 3);
        return figure + "_" + percentile + "_s";
    }
    return name;
}

}  // namespace

qa::Expected<Threshold, std::string> parse_threshold(const std::string& text) {
    const auto bad = [&](const std::string& why) {
        return qa::Unexpected(qa::ConfigError{
            "--threshold", text, "METRIC[@LIMIT] OP NUMBER, e.g. ratio<1.05 (here: " + why + ")"}
                                  .message());
    };
    Threshold threshold;
    threshold.text = text;
    std::size_t at = std::string::npos;
    std::size_t op_length = 0;
    for (const auto& candidate : kOps) {
        const auto found = text.find(candidate.text);
        if (found != std::string::npos && (at == std::string::npos || found < at ||
                                           (found == at && candidate.text.size() > op_length))) {
            at = found;
            op_length = candidate.text.size();
            threshold.op = candidate.op;
        }
    }
    if (at == std::string::npos)
        return bad("no comparison operator");
    std::string left = text.substr(0, at);
    const std::string right = text.substr(at + op_length);
    if (const auto level_at = left.find('@'); level_at != std::string::npos) {
        int level = 0;
        const auto level_text = left.substr(level_at + 1);
        const auto [end, ec] =
            std::from_chars(level_text.data(), level_text.data() + level_text.size(), level);
        if (ec != std::errc{} || end != level_text.data() + level_text.size() || level < 1)
            return bad("the level after @ is not a positive integer");
        threshold.level = level;
        left.resize(level_at);
    }
    if (left.empty())
        return bad("no metric");
    threshold.metric = resolve_alias(left);
    double value = 0;
    const auto [end, ec] = std::from_chars(right.data(), right.data() + right.size(), value);
    if (right.empty() || ec != std::errc{} || end != right.data() + right.size() ||
        !std::isfinite(value)) {
        return bad("\"" + right + "\" is not a number");
    }
    threshold.value = value;
    return threshold;
}

}  // namespace bench
