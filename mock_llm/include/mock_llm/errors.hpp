#pragma once
// The error catalogue: what the mock answers for each error status, and the OpenAI-style body
// {"error":{"message","type","param","code"}} it is sent in. Pure.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace mock_llm {

// One row of the catalogue.
struct ErrorKind {
    int status = 500;
    std::string_view message;  // the default message; a caller may send a more specific one
    std::string_view type;
    std::string_view code;  // empty: null
};

// How many rows the catalogue has (fixed-size counters per error status rely on it).
inline constexpr std::size_t kErrorCatalogueSize = 13;

// Every error status the mock can send, in ascending order. The single source of truth for
// seeded faults, per-request fault headers and validation errors alike.
std::span<const ErrorKind> error_catalogue() noexcept;

// The row for `status`, or nullptr when the catalogue has none.
const ErrorKind* find_error_kind(int status) noexcept;

// DeepSeek's 401 message naming the last 4 characters of the request's API key (its
// "Authorization: Bearer KEY"), or the catalogue's message when the request has no key.
std::string authentication_failed_message(std::string_view authorization);

// Empty param and code become null. Invalid UTF-8 in message or param (e.g. echoed from a
// request) is replaced, never an exception.
std::string error_body(std::string_view message, std::string_view type, std::string_view code,
                       std::string_view param = {});

}  // namespace mock_llm
