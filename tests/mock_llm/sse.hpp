#pragma once
// Test helper: a text/event-stream body split into its events' data fields, and each chunk
// parsed as JSON.

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mock_llm::testing {

// The data of each "data: ...\n\n" event, in order; a failure for anything else.
inline std::vector<std::string> sse_data(std::string_view body) {
    constexpr std::string_view kPrefix = "data: ";
    std::vector<std::string> data;
    while (!body.empty()) {
        const auto end = body.find("\n\n");
        if (end == std::string_view::npos || !body.starts_with(kPrefix)) {
            ADD_FAILURE() << "not a data event: " << body.substr(0, 80);
            break;
        }
        const std::string_view event = body.substr(kPrefix.size(), end - kPrefix.size());
        EXPECT_EQ(event.find('\n'), std::string_view::npos) << "an event spans lines: " << event;
        data.emplace_back(event);
        body.remove_prefix(end + 2);
    }
    return data;
}

struct ParsedStream {
    std::vector<nlohmann::json> chunks;  // every event before [DONE], parsed
    bool done_last = false;              // [DONE] was the last event, and only there
};

inline ParsedStream parse_stream(std::string_view body) {
    ParsedStream parsed;
    const std::vector<std::string> events = sse_data(body);
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i] == "[DONE]") {
            parsed.done_last = i + 1 == events.size();
            continue;
        }
        auto chunk = nlohmann::json::parse(events[i], nullptr, false);
        EXPECT_FALSE(chunk.is_discarded()) << "event " << i << " is not JSON: " << events[i];
        parsed.chunks.push_back(std::move(chunk));
    }
    return parsed;
}

// The content deltas concatenated.
inline std::string stream_content(const ParsedStream& parsed) {
    std::string content;
    for (const auto& chunk : parsed.chunks) {
        if (!chunk["choices"].empty() && chunk["choices"][0]["delta"].contains("content")) {
            content += chunk["choices"][0]["delta"]["content"].get<std::string>();
        }
    }
    return content;
}

}  // namespace mock_llm::testing
