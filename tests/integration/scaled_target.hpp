#pragma once
// The embedded mock a level run needs: answering after the scenario's call latency times the
// time scale, as qa-bench run starts it (the same scale_duration), so a test's lower bound and
// its mock agree.

#include <memory>
#include <string>

#include "bench/scenario.hpp"
#include "bench/target.hpp"
#include "qa/config/settings.hpp"

namespace bench::test {

inline qa::Expected<std::unique_ptr<Target>, std::string> start_scaled_target(
    const Scenario& scenario, double time_scale) {
    TargetOptions options;
    options.latency = qa::scale_duration(scenario.call_latency, time_scale);
    return Target::start(options);
}

}  // namespace bench::test
