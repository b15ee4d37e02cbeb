#include "occurrence_counter.hpp"

#include <algorithm>
#include <utility>

namespace mock_llm {

OccurrenceCounter::OccurrenceCounter(std::size_t generation_size)
    : generation_size_(std::max<std::size_t>(generation_size, 1)) {}

std::uint64_t OccurrenceCounter::next(std::uint64_t body_hash) {
    if (const auto it = current_.find(body_hash); it != current_.end())
        return it->second++;
    std::uint64_t seen = 0;
    if (const auto it = previous_.find(body_hash); it != previous_.end()) {
        seen = it->second;
        previous_.erase(it);  // it moves to the current generation
    }
    if (current_.size() >= generation_size_) {
        previous_ = std::move(current_);
        current_.clear();
    }
    current_.emplace(body_hash, seen + 1);
    return seen;
}

void OccurrenceCounter::clear() {
    current_.clear();
    previous_.clear();
}

}  // namespace mock_llm
