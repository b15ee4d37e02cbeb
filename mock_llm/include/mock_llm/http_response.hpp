#pragma once
// Serializing a Decision's status line, header fields and chunked framing (HTTP/1.1). Pure;
// reuses `out`.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "mock_llm/handler.hpp"

namespace mock_llm {

std::string_view reason_phrase(int status) noexcept;

// True when the connection closes after this answer: the decision says so, the client asked
// (keep_alive false), or a streamed answer to HTTP/1.0, which has no chunked coding, so the
// close marks the end of the events.
bool closes_after(const Decision& decision, bool keep_alive, unsigned http_version) noexcept;

// Writes the head (status line, fields, blank line) into out. A JSON answer's body is sent after
// it as is (Content-Length), or in chunks when decision.chunked (HTTP/1.1; on HTTP/1.0 the
// close ends it). A streamed answer's events follow as chunks (append_chunk) on
// HTTP/1.1, raw on HTTP/1.0. keep_alive is the request's wish; http_version is 10 or 11.
void write_response_head(std::string& out, const Decision& decision, bool keep_alive,
                         unsigned http_version);

// Appends the body as write_response_head framed it: a JSON body as is (or as one chunk and the
// final chunk when decision.chunked on HTTP/1.1); a streamed answer's events as a chunk each and
// the final chunk (raw on HTTP/1.0).
void append_payload(std::string& out, const Decision& decision, unsigned http_version);

// Adds how long the server spent on the answer, as clients read it: "Server-Timing:
// total;dur=5.183" (milliseconds to the microsecond) and OpenAI's "openai-processing-ms: 5"
// (whole milliseconds, as OpenAI sends it).
void add_processing_time(std::vector<Header>& headers, std::chrono::microseconds spent);

// Appends `data` as one chunk of the chunked transfer coding; `last` also appends the final
// zero-length chunk that ends the body.
void append_chunk(std::string& out, std::string_view data, bool last);

}  // namespace mock_llm
