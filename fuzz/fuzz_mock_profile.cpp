// libFuzzer target: the mock's JSON profile reader, which POST /_mock/profile feeds with whatever
// a client sends. Any bytes must give a valid profile or an error naming a reason, never a crash;
// a profile it accepts must be valid and survive its own canonical JSON unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "mock_llm/profile_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto profile = mock_llm::parse_profile(input);
    if (!profile) {
        if (profile.error().reason.empty())
            std::abort();
        return 0;
    }
    if (!mock_llm::validate_profile(*profile))
        std::abort();
    const auto again = mock_llm::parse_profile(mock_llm::profile_json(*profile));
    if (!again || !(*again == *profile))
        std::abort();
    return 0;
}
