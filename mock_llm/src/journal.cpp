#include "mock_llm/journal.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

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

using Json = nlohmann::ordered_json;

Json label_or_null(std::string_view text) {
    return text.empty() ? Json(nullptr) : Json(text);
}

std::string hex16(std::uint64_t value) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) {
        out[static_cast<std::size_t>(i)] = kHex[value & 0xf];
    }
    return out;
}

}  // namespace

std::string journal_json(const Journal& journal) {
    Json records = Json::array();
    for (const JournalRecord& r : journal.records()) {
        records.push_back({{"seq", r.seq},
                           {"endpoint", endpoint_name(r.endpoint)},
                           {"arrival_us", r.arrival_us},
                           {"start_us", r.start_us},
                           {"end_us", r.end_us},
                           {"status", r.status},
                           {"fault", label_or_null(fault_label(r.fault, r.fault_status))},
                           {"fault_source", label_or_null(fault_source_name(r.fault_source))},
                           {"retry_count", r.retry_count < 0 ? Json(nullptr) : Json(r.retry_count)},
                           {"body_hash", hex16(r.body_hash)},
                           {"occurrence", r.occurrence}});
    }
    const Json out = {{"capacity", journal.capacity()},
                      {"dropped", journal.dropped()},
                      {"records", std::move(records)}};
    return out.dump();
}

}  // namespace mock_llm
