#pragma once
// The test templates the corpus generator composes files from, each with the classification the
// rule phase gives it: uncertain (some uncertain rule fires), certain (only certain rules fire)
// or clean (no rule fires). Placeholders are expanded per test (see corpus_generator.cpp).

#include <span>
#include <string_view>

namespace qa::detail {

enum class TemplateKind { uncertain, certain, clean };

struct TestTemplate {
    TemplateKind kind;
    std::string_view rule;  // the rule it shows (a positive case) or "" for a clean one
    std::string_view text;  // one def (with its decorators), unindented, ending in '\n'
};

// Module-level pytest functions; as methods of a Test* class they are indented and get `self`.
std::span<const TestTemplate> pytest_templates();
// Methods of a unittest.TestCase whose setUp makes self.{d} and self.{svc}.
std::span<const TestTemplate> unittest_templates();

}  // namespace qa::detail
