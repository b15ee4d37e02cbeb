#include "bench/generated_by.hpp"

#include <chrono>
#include <ctime>

namespace bench {
namespace {

std::string utc_now() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace

nlohmann::json generated_by(const std::string& command) {
    return {{"tool", "qa-bench 0.1.0"}, {"command", command}, {"at", utc_now()}};
}

}  // namespace bench
