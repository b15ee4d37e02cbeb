// Python's fixed vocabulary: keywords and string prefixes.
#include <cstring>

#include "tokenizer_impl.hpp"

namespace qa::detail {

Keyword classify_keyword(const char* text, std::uint32_t length) {
    // Grouped by length, so most identifiers are refused after one or two comparisons.
    struct Entry {
        const char* word;
        Keyword keyword;
    };
    static constexpr Entry k2[] = {{"as", Keyword::as},
                                   {"if", Keyword::if_},
                                   {"in", Keyword::in},
                                   {"is", Keyword::is},
                                   {"or", Keyword::or_}};
    static constexpr Entry k3[] = {{"and", Keyword::and_}, {"def", Keyword::def},
                                   {"del", Keyword::del},  {"for", Keyword::for_},
                                   {"not", Keyword::not_}, {"try", Keyword::try_}};
    static constexpr Entry k4[] = {{"None", Keyword::none_}, {"True", Keyword::true_},
                                   {"elif", Keyword::elif},  {"else", Keyword::else_},
                                   {"from", Keyword::from},  {"pass", Keyword::pass},
                                   {"with", Keyword::with}};
    static constexpr Entry k5[] = {{"False", Keyword::false_}, {"async", Keyword::async},
                                   {"await", Keyword::await},  {"break", Keyword::break_},
                                   {"class", Keyword::class_}, {"raise", Keyword::raise},
                                   {"while", Keyword::while_}, {"yield", Keyword::yield}};
    static constexpr Entry k6[] = {{"assert", Keyword::assert_}, {"except", Keyword::except},
                                   {"global", Keyword::global},  {"import", Keyword::import},
                                   {"lambda", Keyword::lambda},  {"return", Keyword::return_}};
    static constexpr Entry k7[] = {{"finally", Keyword::finally}};
    static constexpr Entry k8[] = {{"continue", Keyword::continue_},
                                   {"nonlocal", Keyword::nonlocal}};
    // The length is a constant in each call, so the comparison compiles to a few loads.
    const auto find = [&]<std::size_t N, std::size_t M>(const Entry(&entries)[M]) {
        for (const Entry& entry : entries) {
            if (entry.word[0] == text[0] && std::memcmp(entry.word, text, N) == 0)
                return entry.keyword;
        }
        return Keyword::identifier;
    };
    switch (length) {
        case 2:
            return find.operator()<2>(k2);
        case 3:
            return find.operator()<3>(k3);
        case 4:
            return find.operator()<4>(k4);
        case 5:
            return find.operator()<5>(k5);
        case 6:
            return find.operator()<6>(k6);
        case 7:
            return find.operator()<7>(k7);
        case 8:
            return find.operator()<8>(k8);
        default:
            return Keyword::identifier;
    }
}

namespace {

int prefix_letter(char c) {
    switch (c | 0x20) {
        case 'r':
            return kStringRaw;
        case 'b':
            return kStringBytes;
        case 'u':
            return kStringUnicode;
        case 'f':
        case 't':  // 3.14 template strings scan like f-strings
            return kStringFormatted;
        default:
            return -1;
    }
}

}  // namespace

int string_prefix_flags(const char* text, std::uint32_t length) {
    if (length == 1)
        return prefix_letter(text[0]);
    if (length != 2)
        return -1;
    // Two letters: r with one of b, f, t, in either order and any case ("ur" is Python 2 only).
    const int a = prefix_letter(text[0]);
    const int b = prefix_letter(text[1]);
    if (a < 0 || b < 0 || (a == kStringRaw) == (b == kStringRaw))
        return -1;
    const int other = a == kStringRaw ? b : a;
    if (other == kStringUnicode)
        return -1;
    return a | b;
}

}  // namespace qa::detail
