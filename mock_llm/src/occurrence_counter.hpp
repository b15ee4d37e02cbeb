#pragma once
// OccurrenceCounter: how many times each request body (by hash) has been decided, in bounded
// memory. Faults and scripts key on (body, occurrence) so a retry of the same body gets its own
// fate; retries come seconds apart, so only recent bodies need exact counts. Two generations of
// at most `generation_size` bodies each: when the current one fills up it becomes the previous
// one and the oldest is dropped, so a body unseen for two whole generations starts again at 0.
// Memory stays under about 2 x generation_size x 50 bytes however long the server runs.

#include <cstddef>
#include <cstdint>
#include <unordered_map>

namespace mock_llm {

class OccurrenceCounter {
  public:
    static constexpr std::size_t kDefaultGenerationSize = std::size_t{1} << 19;

    explicit OccurrenceCounter(std::size_t generation_size = kDefaultGenerationSize);

    // The occurrence of this body now (0 the first time), and counts it.
    std::uint64_t next(std::uint64_t body_hash);
    void clear();
    // Bodies remembered (both generations).
    std::size_t size() const noexcept { return current_.size() + previous_.size(); }

  private:
    std::size_t generation_size_;
    std::unordered_map<std::uint64_t, std::uint64_t> current_;
    std::unordered_map<std::uint64_t, std::uint64_t> previous_;
};

}  // namespace mock_llm
