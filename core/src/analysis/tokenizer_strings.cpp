// String literals. Plain strings only need their end found. An f-string's end depends on its
// replacement fields, which may hold brackets, nested strings and nested f-strings, so it is
// scanned by a small state machine with an explicit stack (never by recursion). Nested strings
// in a field follow Python 3.12 (PEP 701): any quote may open one, so f"{d["k"]}" is one token;
// code valid for 3.11 and earlier reads the same under these rules.
#include <array>

#include "char_class.hpp"
#include "tokenizer_impl.hpp"

namespace qa::detail {

namespace {

enum class Part : std::uint8_t {
    text,   // an f-string's literal text
    field,  // a replacement field's expression
    spec,   // a format spec, after ':' in a field
};

struct Frame {
    Part part;
    char quote;              // text: the f-string's quote
    bool triple;             // text: ''' or """
    bool raw;                // text: r prefix
    std::uint32_t brackets;  // field: open brackets inside the expression
};

bool triple_at(const char* s, std::uint32_t n, std::uint32_t p, char quote) {
    return p + 2 < n && s[p] == quote && s[p + 1] == quote && s[p + 2] == quote;
}

}  // namespace

void Tokenizer::string_token(std::uint32_t begin, std::uint32_t quote_at, int flags) {
    const char quote = s_[quote_at];
    const bool triple = triple_at(s_, n_, quote_at, quote);
    const std::uint32_t body = quote_at + (triple ? 3 : 1);
    const std::uint32_t line = line_;
    bool terminated = false;
    std::uint32_t end = 0;
    if ((flags & kStringFormatted) != 0 && limits_.max_fstring_depth > 0) {
        end = scan_formatted(body, quote, triple, (flags & kStringRaw) != 0, terminated);
    } else {
        end = scan_plain(body, quote, triple, terminated);
    }
    if (triple)
        flags |= kStringTriple;
    if (!terminated) {
        flags |= kStringUnterminated;
        diagnostics_.add(triple ? DiagnosticKind::unterminated_triple_string
                                : DiagnosticKind::unterminated_string,
                         line, begin);
    }
    out_.tokens.push_back(
        Token{begin, end, line, TokenKind::string, static_cast<std::uint8_t>(flags)});
    line_has_tokens_ = true;
    pos_ = end;
}

// From just after the opening quote(s) to just after the closing ones. An unterminated
// single-quoted string stops before its line break; a triple-quoted one at the end of the file.
std::uint32_t Tokenizer::scan_plain(std::uint32_t p, char quote, bool triple, bool& terminated) {
    terminated = false;
    while (p < n_) {
        while (p < n_ && !chars::is(s_[p], chars::kStringStop))
            ++p;
        if (p >= n_)
            break;
        const char c = s_[p];
        if (c == quote) {
            if (!triple || triple_at(s_, n_, p, quote)) {
                terminated = true;
                return p + (triple ? 3 : 1);
            }
            ++p;
        } else if (c == '\\') {
            // Even in a raw string a backslash keeps the next quote from closing it.
            if (p + 1 < n_ && chars::is_line_break(s_[p + 1])) {
                p = line_break(p + 1);
            } else {
                p += 2;
            }
        } else if (chars::is_line_break(c)) {
            if (!triple)
                return p;
            p = line_break(p);
        } else {
            ++p;  // the other quote character
        }
    }
    return n_;
}

std::uint32_t Tokenizer::scan_formatted(std::uint32_t p, char quote, bool triple, bool raw,
                                        bool& terminated) {
    terminated = false;
    const std::uint32_t max_depth =
        limits_.max_fstring_depth < kMaxFStringDepth ? limits_.max_fstring_depth : kMaxFStringDepth;
    std::array<Frame, kMaxFStringDepth> stack;
    std::uint32_t size = 0;
    std::uint32_t single_quoted = 0;  // text frames closed by a line break
    bool reported_depth = false;
    const auto push = [&](Frame frame) {
        if (size >= max_depth) {
            if (!reported_depth)
                report(DiagnosticKind::too_deep, p);
            reported_depth = true;
            return false;
        }
        stack[size++] = frame;
        if (frame.part == Part::text && !frame.triple)
            ++single_quoted;
        return true;
    };
    const auto pop = [&] {
        const Frame& top = stack[--size];
        if (top.part == Part::text && !top.triple)
            --single_quoted;
    };
    push(Frame{Part::text, quote, triple, raw, 0});

    while (size > 0) {
        if (p >= n_)
            return n_;
        Frame& top = stack[size - 1];
        const char c = s_[p];
        if (top.part == Part::text) {
            if (!chars::is(c, chars::kFStringStop)) {
                ++p;
            } else if (c == top.quote && (!top.triple || triple_at(s_, n_, p, c))) {
                p += top.triple ? 3 : 1;
                pop();
            } else if (c == '\\') {
                if (p + 1 >= n_) {
                    ++p;
                } else if (chars::is_line_break(s_[p + 1])) {
                    p = line_break(p + 1);
                } else if (!top.raw && s_[p + 1] == 'N' && p + 2 < n_ && s_[p + 2] == '{') {
                    // \N{EM DASH}: the braces name a character, they open no field.
                    p += 3;
                    while (p < n_ && s_[p] != '}' && !chars::is(s_[p], chars::kStringStop))
                        ++p;
                    if (p < n_ && s_[p] == '}')
                        ++p;
                } else if (s_[p + 1] == '{' || s_[p + 1] == '}') {
                    ++p;  // the brace after it still counts
                } else {
                    p += 2;
                }
            } else if (chars::is_line_break(c)) {
                if (!top.triple)
                    return p;
                p = line_break(p);
            } else if (c == '{') {
                if (p + 1 < n_ && s_[p + 1] == '{') {
                    p += 2;
                } else {
                    ++p;
                    push(Frame{Part::field, '\0', false, false, 0});
                }
            } else {
                p += (c == '}' && p + 1 < n_ && s_[p + 1] == '}') ? 2 : 1;  // '}}' or a stray quote
            }
            continue;
        }
        if (top.part == Part::spec) {
            if (c == '{') {
                ++p;
                push(Frame{Part::field, '\0', false, false, 0});
            } else if (c == '}') {
                ++p;
                pop();
            } else if (chars::is_quote(c)) {
                // The enclosing f-string's quote ends it even inside a spec (as in 3.11): unwind
                // to that text frame and let it close; any other quote is spec text.
                std::uint32_t text = size - 1;
                while (text > 0 && stack[text].part != Part::text)
                    --text;
                if (stack[text].part == Part::text && stack[text].quote == c &&
                    (!stack[text].triple || triple_at(s_, n_, p, c))) {
                    while (size - 1 > text)
                        pop();
                } else {
                    ++p;
                }
            } else if (c == '\\') {
                p = (p + 1 < n_ && chars::is_line_break(s_[p + 1])) ? line_break(p + 1) : p + 2;
            } else if (chars::is_line_break(c)) {
                if (single_quoted > 0)
                    return p;
                p = line_break(p);
            } else {
                ++p;
            }
            continue;
        }
        // A replacement field's expression.
        if (chars::is_quote(c) || chars::is(c, chars::kIdentStart)) {
            std::uint32_t q = p;
            int flags = 0;
            if (!chars::is_quote(c)) {
                while (q < n_ && chars::is(s_[q], chars::kIdentContinue))
                    ++q;
                flags = (q < n_ && q - p <= 2 && chars::is_quote(s_[q]))
                            ? string_prefix_flags(s_ + p, q - p)
                            : -1;
                if (flags < 0) {
                    p = q;  // a name
                    continue;
                }
            }
            const char nested = s_[q];
            const bool nested_triple = triple_at(s_, n_, q, nested);
            const std::uint32_t body = q + (nested_triple ? 3 : 1);
            if ((flags & kStringFormatted) != 0 &&
                push(Frame{Part::text, nested, nested_triple, (flags & kStringRaw) != 0, 0})) {
                p = body;
                continue;
            }
            bool nested_terminated = false;
            p = scan_plain(body, nested, nested_triple, nested_terminated);
            if (!nested_terminated)
                return p;  // the whole literal is abandoned with its broken inner string
        } else if (c == '(' || c == '[' || c == '{') {
            ++top.brackets;
            ++p;
        } else if (c == ')' || c == ']') {
            if (top.brackets > 0)
                --top.brackets;
            ++p;
        } else if (c == '}') {
            ++p;
            if (top.brackets > 0) {
                --top.brackets;
            } else {
                pop();
            }
        } else if (c == ':' && top.brackets == 0) {
            top.part = Part::spec;
            ++p;
        } else if (c == '#') {
            while (p < n_ && !chars::is_line_break(s_[p]))  // 3.12 allows comments here
                ++p;
        } else if (c == '\\') {
            p = (p + 1 < n_ && chars::is_line_break(s_[p + 1])) ? line_break(p + 1) : p + 2;
        } else if (chars::is_line_break(c)) {
            // 3.12 lets a field span lines; inside a single-quoted f-string only within brackets
            // is that taken as intended, so a broken literal costs one line, not the file.
            if (single_quoted > 0 && top.brackets == 0)
                return p;
            p = line_break(p);
        } else {
            ++p;
        }
    }
    terminated = true;
    return p;
}

}  // namespace qa::detail
