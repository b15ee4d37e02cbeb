#include "call_kind.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace qa::detail {

namespace {

// A fixed set of words, with a filter on length and first byte in front of the comparisons:
// most names a test calls are in no set, and are refused by two bit tests.
template <std::size_t N>
class WordSet {
  public:
    constexpr explicit WordSet(std::array<std::string_view, N> words) : words_(words) {
        for (const std::string_view word : words_) {
            const auto c = static_cast<unsigned char>(word[0]);
            first_[c >> 6] |= std::uint64_t{1} << (c & 63);
            lengths_ |= std::uint64_t{1} << word.size();
        }
    }
    constexpr bool contains(std::string_view text) const {
        if (text.empty() || text.size() >= 64 || ((lengths_ >> text.size()) & 1) == 0)
            return false;
        const auto c = static_cast<unsigned char>(text[0]);
        if (((first_[c >> 6] >> (c & 63)) & 1) == 0)
            return false;
        for (const std::string_view word : words_) {
            if (word == text)
                return true;
        }
        return false;
    }

  private:
    std::array<std::string_view, N> words_;
    std::array<std::uint64_t, 4> first_{};
    std::uint64_t lengths_ = 0;
};

template <std::size_t N>
WordSet(std::array<std::string_view, N>) -> WordSet<N>;

// `prefix` followed by nothing, '_' or an upper-case letter, after any leading underscores:
// check, check_x, checkThing, _expect_failure.
bool has_word_prefix(std::string_view name, std::string_view prefix) {
    while (!name.empty() && name.front() == '_')
        name.remove_prefix(1);
    if (!name.starts_with(prefix))
        return false;
    if (name.size() == prefix.size())
        return true;
    const char next = name[prefix.size()];
    return next == '_' || (next >= 'A' && next <= 'Z');
}

bool any_component(std::string_view dotted, auto&& predicate) {
    std::size_t start = 0;
    for (std::size_t k = 0; k <= dotted.size(); ++k) {
        if (k == dotted.size() || dotted[k] == '.') {
            if (predicate(dotted.substr(start, k - start)))
                return true;
            start = k + 1;
        }
    }
    return false;
}

constexpr WordSet kRaises{std::array<std::string_view, 8>{
    "pytest.raises", "raises", "pytest.warns", "warns", "pytest.deprecated_call", "deprecated_call",
    "pytest.raises_group", "RaisesGroup"}};
constexpr WordSet kSleep{std::array<std::string_view, 6>{
    "time.sleep", "sleep", "asyncio.sleep", "trio.sleep", "anyio.sleep", "gevent.sleep"}};
constexpr WordSet kSkip{std::array<std::string_view, 4>{"pytest.skip", "pytest.xfail",
                                                        "self.skipTest", "pytest.importorskip"}};
constexpr WordSet kMockWords{std::array<std::string_view, 14>{
    "mock", "mocker", "patch", "Mock", "MagicMock", "AsyncMock", "NonCallableMock",
    "create_autospec", "PropertyMock", "monkeypatch", "responses", "requests_mock", "freeze_time",
    "respx"}};
// Modules whose every call reaches outside the process.
constexpr WordSet kIoModules{std::array<std::string_view, 19>{
    "requests", "httpx", "urllib", "urllib3", "socket", "sqlite3", "psycopg2", "psycopg", "pymysql",
    "MySQLdb", "pymongo", "redis", "boto3", "subprocess", "shutil", "ftplib", "smtplib", "aiohttp",
    "http"}};
// os functions that touch the file system, the environment or other processes.
constexpr WordSet kOsIo{std::array<std::string_view, 16>{
    "listdir", "remove", "unlink", "makedirs", "mkdir", "rmdir", "rename", "getenv", "walk",
    "scandir", "stat", "system", "popen", "chdir", "putenv", "access"}};
constexpr WordSet kOsPathIo{std::array<std::string_view, 7>{"exists", "isfile", "isdir", "getsize",
                                                            "getmtime", "islink", "lexists"}};
// Methods whose name alone says they do I/O (Path.read_text, urlopen...).
constexpr WordSet kIoMethods{std::array<std::string_view, 9>{
    "read_text", "write_text", "read_bytes", "write_bytes", "iterdir", "urlopen", "getenv",
    "urlretrieve", "create_connection"}};
constexpr std::array<std::string_view, 6> kCheckPrefixes{"check",    "verify", "expect",
                                                         "validate", "ensure", "should"};

}  // namespace

std::string_view last_component(std::string_view dotted) {
    const std::size_t dot = dotted.rfind('.');
    return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

std::string_view first_component(std::string_view dotted) {
    return dotted.substr(0, dotted.find('.'));
}

bool is_unittest_raises(std::string_view dotted) {
    const std::string_view last = last_component(dotted);
    return last.starts_with("assertRaises") || last.starts_with("assertWarns") ||
           last.starts_with("assertLogs") || last.starts_with("assertNoLogs");
}

CallKind classify_call(std::string_view dotted) {
    if (dotted.empty())
        return CallKind::other;
    const std::string_view last = last_component(dotted);
    if (last.starts_with("assert") || last == "eq_" || last == "ok_")
        return CallKind::assertion;
    if (dotted == "fail" || dotted == "pytest.fail" || dotted == "self.fail")
        return CallKind::fail;
    if (kRaises.contains(dotted))
        return CallKind::raises;
    if (kSleep.contains(dotted))
        return CallKind::sleep;
    if (dotted == "print" || dotted == "pprint" || dotted == "pprint.pprint")
        return CallKind::print;
    if (kSkip.contains(dotted))
        return CallKind::skip;
    if (any_component(dotted, [](std::string_view c) { return kMockWords.contains(c); }))
        return CallKind::mock;
    const std::string_view first = first_component(dotted);
    if (dotted == "open" || dotted == "io.open" || kIoModules.contains(first) ||
        kIoMethods.contains(last))
        return CallKind::io;
    if (first == "os" && last != dotted) {
        const bool os_path = dotted.starts_with("os.path.");
        if (os_path ? kOsPathIo.contains(last) : kOsIo.contains(last))
            return CallKind::io;
    }
    for (const std::string_view prefix : kCheckPrefixes) {
        if (has_word_prefix(last, prefix))
            return CallKind::check_helper;
    }
    return CallKind::other;
}

CallKind CallKindCache::classify(std::string_view dotted) {
    if (const auto found = kinds_.find(dotted); found != kinds_.end())
        return found->second;
    if (kinds_.size() >= kMaxEntries)
        kinds_.clear();
    const CallKind kind = classify_call(dotted);
    kinds_.emplace(std::string(dotted), kind);
    return kind;
}

}  // namespace qa::detail
