#pragma once
// RuleEngine: runs the enabled rules over one test function of a ParsedFile. It walks the
// file's flat statement vector and side tables (no re-parsing, no regex) and keeps its scratch
// buffers between functions, so checking file after file allocates almost nothing.
// Thread safety: none; one engine per worker thread. Lifetime: a plain value.

#include <memory>
#include <vector>

#include "qa/analysis/parsed_file.hpp"
#include "qa/analysis/rule.hpp"

namespace qa {

namespace detail {
struct RuleScratch;
}

class RuleEngine {
  public:
    explicit RuleEngine(RuleOptions options = {});
    ~RuleEngine();
    RuleEngine(RuleEngine&&) noexcept;
    RuleEngine& operator=(RuleEngine&&) noexcept;

    // Appends the findings of every enabled rule on `function` (a def of `file`) to `out`,
    // ordered by line, then by rule. Any function may be checked; pipelines check tests only.
    void check(const ParsedFile& file, const Function& function, std::vector<RuleFinding>& out);

    const RuleOptions& options() const noexcept { return options_; }

  private:
    RuleOptions options_;
    std::unique_ptr<detail::RuleScratch> scratch_;
};

// True when some finding comes from an uncertain rule: the function goes to the LLM.
bool has_uncertain_finding(const std::vector<RuleFinding>& findings);

}  // namespace qa
