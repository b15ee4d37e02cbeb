#pragma once
// The streamed 200 answer ("stream": true): the same completion as server-sent events of
// chat.completion.chunk objects, as DeepSeek and OpenAI send them. Pure.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mock_llm/completion.hpp"

namespace mock_llm {

// Bytes of content per chunk: one estimated token, as the real APIs send about one token each.
inline constexpr std::size_t kStreamPieceBytes = kBytesPerToken;

// The events back to back in `text`; event i ends at event_ends[i] (each ends with "\n\n").
struct EventStream {
    std::string text;
    std::vector<std::size_t> event_ends;
    std::size_t content_events = 0;  // events 1..content_events carry the content pieces
};

// In order: a chunk whose delta is {"role":"assistant","content":""}; one chunk per content piece
// (split_utf8 by kStreamPieceBytes); a chunk with delta {} and the finish_reason; if
// include_usage, a chunk with "choices":[] and the usage (and every chunk before it carries
// "usage":null); then "data: [DONE]". Every chunk repeats id, created, model and fingerprint.
EventStream stream_events(const Completion& completion, bool include_usage);

// One "data: {...}\n\n" chunk with a single choice: `delta_json` is the delta object's JSON text,
// `finish_reason` empty for null.
void append_choice_chunk(std::string& out, const Completion& completion,
                         std::string_view delta_json, std::string_view finish_reason,
                         bool include_usage);

}  // namespace mock_llm
