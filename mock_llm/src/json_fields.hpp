#pragma once
// ObjectFields: strict reading of one JSON object of a profile. Each getter reads an optional key
// and checks its type; the first problem is kept (later reads do nothing), so a parser reads
// every field in a row and looks at the error once. reject_unknown() makes any key that no
// getter asked for an error. Not thread-safe; lives for one parse.

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mock_llm/profile.hpp"

namespace mock_llm {

class ObjectFields {
  public:
    // `path` names the object ("" for the document, "latency", "scripts[2]").
    ObjectFields(const nlohmann::json& value, std::string path, std::optional<ProfileError>& error);

    bool ok() const noexcept { return !error_.has_value(); }
    // The key's value, or nullptr when absent (or after an error).
    const nlohmann::json* find(std::string_view key);
    bool has(std::string_view key) const;
    // Whether a getter (or find) has read the key.
    bool was_read(std::string_view key) const { return used_.contains(key); }
    // "path.key", or "key" at the top.
    std::string field(std::string_view key) const;

    void number(std::string_view key, double& out);
    void integer(std::string_view key, std::int64_t& out);
    void unsigned_integer(std::string_view key, std::uint64_t& out);
    void boolean(std::string_view key, std::optional<bool>& out);
    void string(std::string_view key, std::string& out);
    // Milliseconds, fractions allowed (kept to the microsecond).
    void millis(std::string_view key, std::chrono::microseconds& out);
    // Whole milliseconds.
    void whole_millis(std::string_view key, std::chrono::milliseconds& out);
    void whole_millis(std::string_view key, std::optional<std::chrono::milliseconds>& out);

    // Records an error for `key` unless one is recorded already.
    void fail(std::string_view key, std::string reason);
    // Fails on the first key no getter (nor find) asked for.
    void reject_unknown();

  private:
    const nlohmann::json* object_ = nullptr;
    std::string path_;
    std::optional<ProfileError>& error_;
    std::set<std::string, std::less<>> used_;
};

}  // namespace mock_llm
