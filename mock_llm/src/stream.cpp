#include "mock_llm/stream.hpp"

#include "mock_llm/json_text.hpp"
#include "mock_llm/tokens.hpp"

namespace mock_llm {

namespace {

constexpr std::string_view kDone = "data: [DONE]\n\n";

// "data: {"id":...,"system_fingerprint":...,"choices":[": what every chunk starts with.
void append_chunk_start(std::string& out, const Completion& completion) {
    out += R"(data: {"id":)";
    append_json_string(out, completion.id);
    out += R"(,"object":"chat.completion.chunk","created":)";
    append_integer(out, completion.created_unix);
    out += R"(,"model":)";
    append_json_string(out, completion.model);
    out += R"(,"system_fingerprint":)";
    append_json_string(out, completion.system_fingerprint);
    out += R"(,"choices":[)";
}

}  // namespace

void append_choice_chunk(std::string& out, const Completion& completion,
                         std::string_view delta_json, std::string_view finish_reason,
                         bool include_usage) {
    append_chunk_start(out, completion);
    out += R"({"index":0,"delta":)";
    out += delta_json;
    out += R"(,"logprobs":null,"finish_reason":)";
    if (finish_reason.empty()) {
        out += "null";
    } else {
        append_json_string(out, finish_reason);
    }
    out += "}]";
    if (include_usage) {
        out += R"(,"usage":null)";
    }
    out += "}\n\n";
}

EventStream stream_events(const Completion& completion, bool include_usage) {
    const std::vector<std::string_view> pieces = split_utf8(completion.content, kStreamPieceBytes);
    EventStream stream;
    stream.content_events = pieces.size();
    stream.event_ends.reserve(pieces.size() + 4);
    stream.text.reserve((pieces.size() + 4) * (260 + completion.model.size()));
    const auto end_event = [&stream] { stream.event_ends.push_back(stream.text.size()); };

    append_choice_chunk(stream.text, completion, R"({"role":"assistant","content":""})", {},
                        include_usage);
    end_event();
    std::string delta;
    for (const std::string_view piece : pieces) {
        delta.assign(R"({"content":)");
        append_json_string(delta, piece);
        delta += '}';
        append_choice_chunk(stream.text, completion, delta, {}, include_usage);
        end_event();
    }
    append_choice_chunk(stream.text, completion, "{}", completion.finish_reason, include_usage);
    end_event();
    if (include_usage) {
        append_chunk_start(stream.text, completion);
        stream.text += R"(],"usage":)";
        append_usage(stream.text, completion.usage);
        stream.text += "}\n\n";
        end_event();
    }
    stream.text += kDone;
    end_event();
    return stream;
}

}  // namespace mock_llm
