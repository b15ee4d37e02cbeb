#pragma once
// Secret redaction: every occurrence of a secret (an API key) in a text becomes "***". Used
// wherever text may hold a secret before it leaves the process: log lines, and error messages a
// server wrote (a provider's 401 often quotes the key it refused).

#include <string>
#include <string_view>

namespace support {

inline constexpr std::string_view kRedacted = "***";

// `text` with each occurrence of `secret` replaced; an empty secret changes nothing.
inline void redact_in_place(std::string& text, std::string_view secret) {
    if (secret.empty())
        return;
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kRedacted.size())) {
        text.replace(at, secret.size(), kRedacted);
    }
}

}  // namespace support
