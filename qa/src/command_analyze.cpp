// qa analyze PATH...: discover the test files, run the strategy, print the response.
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "embedded_llm.hpp"
#include "qa/analysis/quality_analysis.hpp"
#include "qa/analysis/response_json.hpp"
#include "qa/analysis/response_report.hpp"
#include "qa/config/value_parsers.hpp"
#include "qa/llm/client_factory.hpp"

#include <boost/asio/io_context.hpp>

namespace qa::cli {

namespace {

// The embedded mock answers at once unless asked otherwise; an hour is the mock's own cap.
constexpr int kMaxMockLatencyMs = 3'600'000;
constexpr int kMaxJobs = 256;

int usage_error(const std::string& message) {
    std::cerr << "qa: " << message << "\n";
    return kExitUsage;
}

struct Parsed {
    AnalysisOptions options;
    std::chrono::microseconds mock_latency{0};
};

Expected<Parsed, ConfigError> parse_flags(const AnalyzeFlags& flags) {
    Parsed parsed;
    const auto strategy = parse_strategy(flags.strategy);
    if (!strategy) {
        return Unexpected(
            ConfigError{"--strategy", flags.strategy, "one of rule-only, llm-only, hybrid"});
    }
    parsed.options.strategy = *strategy;
    const auto jobs = parse_int_setting("--jobs", flags.jobs, 0, kMaxJobs);
    if (!jobs)
        return Unexpected(jobs.error());
    parsed.options.phase1_threads = static_cast<unsigned>(*jobs);
    if (flags.mock_latency_ms) {
        const auto latency =
            parse_int_setting("--mock-latency-ms", *flags.mock_latency_ms, 0, kMaxMockLatencyMs);
        if (!latency)
            return Unexpected(latency.error());
        parsed.mock_latency = std::chrono::milliseconds(*latency);
    }
    return parsed;
}

}  // namespace

int command_analyze(const AnalyzeFlags& flags) {
    auto parsed = parse_flags(flags);
    if (!parsed)
        return usage_error(parsed.error().message());
    auto settings = settings_from_env();
    if (!settings)
        return usage_error(settings.error().message());
    if (flags.paths.empty())
        return usage_error("analyze needs at least one PATH");
    // Only the embedded mock has a latency to set: refused rather than ignored without it.
    if (flags.mock_latency_ms &&
        (!uses_llm(parsed->options.strategy) || !settings->base_url.empty())) {
        return usage_error(quoted_setting("--mock-latency-ms", *flags.mock_latency_ms) +
                           " does not apply: " +
                           (settings->base_url.empty() ? "the rule-only strategy calls no LLM"
                                                       : "LLM_BASE_URL names the server"));
    }

    Logger log(std::make_shared<StderrSink>(), flags.quiet ? LogLevel::warn : LogLevel::info);
    log.redact(settings->api_key);

    std::vector<std::filesystem::path> paths(flags.paths.begin(), flags.paths.end());
    const DiscoveredFiles input = discover_test_files(paths);

    std::optional<EmbeddedLlm> embedded;
    if (uses_llm(parsed->options.strategy) && !settings->base_url.empty()) {
        // Refuse a bad LLM_BASE_URL before phase 1, not after it.
        net::io_context probe;
        if (auto client = make_http_llm_client(probe.get_executor(), *settings); !client)
            return usage_error(client.error().message());
    } else if (uses_llm(parsed->options.strategy)) {
        auto started = EmbeddedLlm::start(parsed->mock_latency);
        if (!started)
            return usage_error(started.error());
        embedded.emplace(std::move(*started));
        settings->base_url = embedded->base_url();
        std::cerr << "qa: LLM_BASE_URL is not set; using the embedded mock LLM at "
                  << settings->base_url << "\n";
    }

    auto response = analyze_test_files(input, parsed->options, *settings, log);
    if (!response)
        return usage_error(response.error().message);

    const bool timings = !flags.no_timings;
    if (flags.json) {
        std::cout << to_json(*response, ResponseJsonOptions{timings});
    } else {
        std::cout << to_report(*response, ResponseReportOptions{timings, true});
    }
    std::cout.flush();
    if (response->files_analysed == 0 && !response->unreadable_files.empty())
        return kExitUsage;  // nothing could be read: the paths are wrong
    if (!response->failed_functions.empty()) {
        std::cerr << "qa: " << response->failed_functions.size()
                  << " function(s) could not be analysed by the LLM; the result is incomplete\n";
        return kExitIncomplete;
    }
    return response->has_issues() ? kExitIssues : kExitClean;
}

}  // namespace qa::cli
