// Whatever the input, parsing ends, in time linear in the input, with a well-formed result.
#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <string_view>

#include "analysis_helpers.hpp"

namespace qa {
namespace {

// The invariants every consumer of a ParsedFile relies on.
::testing::AssertionResult well_formed(const ParsedFile& file) {
    const auto& tokens = file.tokens();
    const auto fail = [&](const std::string& what) {
        return ::testing::AssertionFailure()
               << what << " in source of " << file.source.size() << " bytes";
    };
    if (tokens.empty() || tokens.back().kind != TokenKind::end_marker)
        return fail("no end marker");
    long indent = 0;
    std::uint32_t previous_begin = 0;
    for (const Token& token : tokens) {
        if (token.begin > token.end || token.end > file.source.size() ||
            token.begin < previous_begin)
            return fail("token out of order or out of the source");
        previous_begin = token.begin;
        indent += token.kind == TokenKind::indent ? 1 : token.kind == TokenKind::dedent ? -1 : 0;
        if (indent < 0)
            return fail("dedent below zero");
    }
    if (indent != 0)
        return fail("indents do not balance");
    const auto n = static_cast<std::uint32_t>(file.statements.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        const Statement& s = file.statements[i];
        if (s.subtree_end <= i || s.subtree_end > n)
            return fail("bad subtree end at " + std::to_string(i));
        if (s.parent != kNone &&
            (s.parent >= i || file.statements[s.parent].subtree_end < s.subtree_end))
            return fail("child outside its parent's subtree at " + std::to_string(i));
        if (s.tokens.end > tokens.size() || s.primary.end > tokens.size() ||
            s.secondary.end > tokens.size() || s.end_line < s.line ||
            s.end_line > file.line_count())
            return fail("statement range out of bounds at " + std::to_string(i));
    }
    for (std::size_t c = 0; c < file.calls.size(); ++c) {
        const Call& call = file.calls[c];
        if (call.statement >= n || call.close >= tokens.size() || call.open > call.close ||
            (c > 0 && file.calls[c - 1].statement > call.statement))
            return fail("bad call");
        if (call.first_keyword + call.keyword_count > file.keyword_names.size())
            return fail("bad keyword range");
    }
    for (const Comparison& cmp : file.comparisons) {
        if (cmp.statement >= n || cmp.left.end > tokens.size() || cmp.right.end > tokens.size())
            return fail("bad comparison");
    }
    for (const Function& f : file.functions) {
        if (f.statement >= n || f.source.end > file.source.size() || f.end_line < f.first_line ||
            f.source.begin > f.source.end ||
            f.first_decorator + f.decorator_count > file.decorators.size() ||
            f.first_parameter + f.parameter_count > file.parameters.size())
            return fail("bad function");
    }
    return ::testing::AssertionSuccess();
}

// This thread's CPU time in seconds: unlike wall time, it does not count the time the thread
// waited for a CPU on a busy machine.
double thread_cpu_seconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// The least CPU time of five parses of `source`, in seconds.
double best_parse_seconds(const std::string& source) {
    double best = 1e300;
    for (int i = 0; i < 5; ++i) {
        const double start = thread_cpu_seconds();
        const auto file = parse_python_source(source);
        best = std::min(best, thread_cpu_seconds() - start);
        EXPECT_TRUE(well_formed(file)) << source.substr(0, 12);
    }
    return best;
}

TEST(Robustness, HundredThousandNestedBrackets) {
    // No stack overflow and no hang (ctest's timeout would catch one): depth is bounded.
    for (const std::string& source :
         {std::string(100000, '('), std::string(100000, '[') + std::string(100000, ']'),
          "x = " + std::string(50000, '{') + "\ndef test_a():\n    pass\n"}) {
        const auto file = parse_python_source(source);
        EXPECT_TRUE(well_formed(file));
        EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::too_deep));
    }
}

TEST(Robustness, DeeplyNestedCallsAreRecordedUpToTheLimit) {
    std::string source = "x = ";
    for (int i = 0; i < 100000; ++i)
        source += "f(";
    source += std::string(100000, ')') + "\ny = g(1)\n";
    const auto file = parse_python_source(source);
    EXPECT_TRUE(well_formed(file));
    ASSERT_EQ(file.statements.size(), 2u);
    EXPECT_LE(file.calls.size(), ParseLimits{}.max_bracket_depth + 2);
    EXPECT_EQ(file.text(file.calls.back().target), "g");
}

TEST(Robustness, DeepIndentationIsFlattenedPastTheLimit) {
    std::string source;
    for (int depth = 0; depth < 2000; ++depth)
        source += std::string(static_cast<std::size_t>(depth), ' ') + "if x:\n";
    source += std::string(2000, ' ') + "pass\n";
    const auto file = parse_python_source(source);
    EXPECT_TRUE(well_formed(file));
    EXPECT_TRUE(file.diagnostics.contains(DiagnosticKind::too_deep));
}

TEST(Robustness, LongInlineChainsAndDecoratorRuns) {
    std::string chain;
    for (int i = 0; i < 20000; ++i)
        chain += "if x: ";
    chain += "pass\n";
    std::string decorators;
    for (int i = 0; i < 20000; ++i)
        decorators += "@d\n";
    decorators += "def test_a():\n    pass\n";
    for (const std::string& source : {chain, decorators}) {
        const auto file = parse_python_source(source);
        EXPECT_TRUE(well_formed(file));
    }
}

TEST(Robustness, DeeplyNestedFStrings) {
    std::string source = "x = ";
    for (int i = 0; i < 5000; ++i)
        source += (i % 2 == 0) ? "f'{" : "f\"{";
    source += "1";
    for (int i = 4999; i >= 0; --i)
        source += (i % 2 == 0) ? "}'" : "}\"";
    source += "\ny = 2\n";
    const auto file = parse_python_source(source);
    EXPECT_TRUE(well_formed(file));
    EXPECT_EQ(file.statements.back().line, 2u);
}

TEST(Robustness, PathologicalRepetitionsStayLinear) {
    // Inputs that make a careless scanner rescan. Linear work grows 4x from 75 KB to 300 KB,
    // quadratic work 16x: the ratio of the two times tells them apart on a machine of any speed
    // (and under any sanitizer), where a wall-clock budget would not. CPU time, least of five:
    // a busy machine delays a parse but does not make it do more work.
    const auto repeat = [](std::string_view unit, std::size_t size) {
        std::string out;
        while (out.size() < size)
            out += unit;
        return out;
    };
    for (const std::string_view unit :
         {"a.", "f'{", "'''", "\"\\", "x == ", "\\\n", "\t \f", "@", "assert (x, ", "\r", "not ",
          "lambda: ", "def f(", ":\n "}) {
        const double small = best_parse_seconds(repeat(unit, 75'000));
        const double large = best_parse_seconds(repeat(unit, 300'000));
        // A floor keeps timer noise on sub-millisecond parses from deciding the ratio.
        EXPECT_LT(large / std::max(small, 200e-6), 10.0)
            << "'" << unit << "' x N: " << small * 1e3 << " ms at 75 KB, " << large * 1e3
            << " ms at 300 KB";
    }
}

TEST(Robustness, RandomBytesNeverBreakTheParser) {
    // Bytes biased towards the characters that drive the tokenizer, from a fixed seed.
    std::mt19937 random(20240611);
    const std::string alphabet = "()[]{}:'\"\\#@,;=.<>!\n\r\t fbru0123456789xyzdefclassasyncif";
    std::uniform_int_distribution<int> length(0, 300);
    std::uniform_int_distribution<int> pick(0, 99);
    std::uniform_int_distribution<int> letter(0, static_cast<int>(alphabet.size()) - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int round = 0; round < 4000; ++round) {
        std::string source(static_cast<std::size_t>(length(random)), '\0');
        for (char& c : source)
            c = pick(random) < 80 ? alphabet[static_cast<std::size_t>(letter(random))]
                                  : static_cast<char>(byte(random));
        const auto file = parse_python_source(source);
        ASSERT_TRUE(well_formed(file)) << "round " << round;
    }
}

TEST(Robustness, EveryPrefixOfARealisticFile) {
    // Truncation leaves every construct unterminated somewhere.
    const std::string full =
        "\xEF\xBB\xBFimport pytest\r\nfrom app import (make,\n  build)\n\n"
        "@pytest.fixture\ndef client(tmp_path):\n    yield make(tmp_path)  # c\n\n"
        "class TestApi:\n    @pytest.mark.parametrize('x', [1, 2])\n"
        "    async def test_get(self, client, x):\n        r = await "
        "client.get(f\"/i/{x!r:>{w}}\")\n"
        "        assert r.status == 200, '''not\nok'''\n        with pytest.raises(E):\n"
        "            raise E \\\n                ('y')\n\tdef broken(self): pass\n";
    for (std::size_t cut = 0; cut <= full.size(); ++cut) {
        const auto file = parse_python_source(full.substr(0, cut));
        ASSERT_TRUE(well_formed(file)) << "cut at " << cut;
    }
}

TEST(Robustness, DiagnosticsStayBounded) {
    const auto file = parse_python_source(std::string(100000, '$'));
    EXPECT_EQ(file.diagnostics.items.size(), ParseLimits{}.max_diagnostics);
    EXPECT_GT(file.diagnostics.dropped, 0u);
}

TEST(Robustness, ReparseReusesOneFile) {
    ParsedFile file;
    file.source = "def test_a():\n    assert f(1) == 2\n";
    reparse(file);
    EXPECT_EQ(file.functions.size(), 1u);
    file.source = "x = (";
    reparse(file);
    EXPECT_TRUE(file.functions.empty());
    EXPECT_TRUE(file.calls.empty());
    EXPECT_TRUE(well_formed(file));
    file.source = "class TestB:\n    def test_b(self):\n        pass\n";
    reparse(file);
    ASSERT_EQ(file.functions.size(), 1u);
    EXPECT_FALSE(file.diagnostics.contains(DiagnosticKind::unclosed_bracket));
}

}  // namespace
}  // namespace qa
