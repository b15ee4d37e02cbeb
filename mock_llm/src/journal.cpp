#include "mock_llm/journal.hpp"

#include <algorithm>

#include "mock_llm/json_text.hpp"

namespace mock_llm {

void Journal::add(const JournalRecord& record) noexcept {
    if (ring_.empty()) {
        return;
    }
    ring_[next_] = record;
    next_ = (next_ + 1) % ring_.size();
    if (size_ < ring_.size()) {
        ++size_;
    } else {
        ++dropped_;
    }
}

void Journal::clear() noexcept {
    next_ = 0;
    size_ = 0;
    dropped_ = 0;
}

std::vector<JournalRecord> Journal::records() const {
    std::vector<JournalRecord> out;
    out.reserve(size_);
    const std::size_t oldest =
        (next_ + ring_.size() - size_) % std::max<std::size_t>(1, ring_.size());
    for (std::size_t i = 0; i < size_; ++i) {
        out.push_back(ring_[(oldest + i) % ring_.size()]);
    }
    return out;
}

namespace {

// The fields are numbers, fixed names and hex digits, so the record is written as text: no DOM.
// The endpoint runs on the server's io thread, and a DOM of a full journal (up to a million
// records) held that thread, and every request in flight, for seconds.
void append_label_or_null(std::string& out, std::string_view text) {
    if (text.empty()) {
        out += "null";
    } else {
        append_json_string(out, text);
    }
}

void append_hex16(std::string& out, std::uint64_t value) {
    static constexpr char kHex[] = "0123456789abcdef";
    char digits[18] = {'"'};
    for (int i = 16; i >= 1; --i, value >>= 4) {
        digits[i] = kHex[value & 0xf];
    }
    digits[17] = '"';
    out.append(digits, sizeof digits);
}

// `,"name":`, without the comma right after an object's opening brace.
void append_key(std::string& out, std::string_view name) {
    if (out.back() != '{') {
        out += ',';
    }
    out += '"';
    out += name;
    out += "\":";
}

template <class Integer>
void append_number_field(std::string& out, std::string_view name, Integer value) {
    append_key(out, name);
    append_integer(out, value);
}

void append_record(std::string& out, const JournalRecord& r) {
    out += '{';
    append_number_field(out, "seq", r.seq);
    append_key(out, "endpoint");
    append_json_string(out, endpoint_name(r.endpoint));
    append_number_field(out, "arrival_us", r.arrival_us);
    append_number_field(out, "start_us", r.start_us);
    append_number_field(out, "end_us", r.end_us);
    append_number_field(out, "status", r.status);
    append_key(out, "fault");
    append_label_or_null(out, fault_label(r.fault, r.fault_status));
    append_key(out, "fault_source");
    append_label_or_null(out, fault_source_name(r.fault_source));
    if (r.retry_count < 0) {
        append_key(out, "retry_count");
        out += "null";
    } else {
        append_number_field(out, "retry_count", r.retry_count);
    }
    append_key(out, "body_hash");
    append_hex16(out, r.body_hash);
    append_number_field(out, "occurrence", r.occurrence);
    out += '}';
}

}  // namespace

std::string journal_json(const Journal& journal) {
    const std::vector<JournalRecord> records = journal.records();
    constexpr std::size_t kRecordBytes = 224;  // a typical record is about 200 bytes
    std::string out;
    out.reserve(64 + records.size() * kRecordBytes);
    out += '{';
    append_number_field(out, "capacity", journal.capacity());
    append_number_field(out, "dropped", journal.dropped());
    append_key(out, "records");
    out += '[';
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        append_record(out, records[i]);
    }
    out += "]}";
    return out;
}

}  // namespace mock_llm
