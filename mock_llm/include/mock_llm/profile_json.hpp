#pragma once
// The JSON profile: parsing (strict: unknown fields, wrong types and out-of-range values are
// errors naming the field) and writing (parse_profile(profile_json(p)) == p). Pure, except
// load_profile_file, which reads a file.
//
//   {
//     "seed": 7,
//     "retry_after_ms": 1000,
//     "latency": {"model": "lognormal", "median_ms": 400, "sigma": 0.5, "max_ms": 5000,
//                 "time_to_first_token_ms": 50, "per_token_ms": 2,
//                 "load": {"capacity": 32, "slowdown": 3}},
//     "behaviour": {"name": "openai-buckets", "requests_per_minute": 600,
//                   "tokens_per_minute": 200000},
//     "chaos": {"429": 0.02, "503": 0.01, "hang": 0.001, "x_should_retry": true},
//     "scripts": [{"key": "header:x-mock-key", "first": 2,
//                  "fault": {"status": 429, "retry_after_ms": 300}},
//                 {"from_ms": 10000, "to_ms": 20000, "fault": {"status": 503}},
//                 {"every": 7, "fault": "hang"}]
//   }
//
// Every key is optional; what is absent keeps Profile's default. README.md lists every field.

#include <string>
#include <string_view>

#include "mock_llm/profile.hpp"
#include "support/expected.hpp"

namespace mock_llm {

support::Expected<Profile, ProfileError> parse_profile(std::string_view json_text);

// The canonical JSON of a profile: every field, defaults included.
std::string profile_json(const Profile& profile);

// parse_profile of a file; the error text is "PATH: FIELD: REASON" (or "cannot read PATH: ...").
support::Expected<Profile, std::string> load_profile_file(const std::string& path);

}  // namespace mock_llm
