#pragma once
// The LLM `qa analyze` talks to when LLM_BASE_URL is not set: the mock DeepSeek server, in
// process, on 127.0.0.1 and a port the kernel picks. Lifetime: stops when destroyed.

#include <chrono>
#include <memory>
#include <string>

#include "mock_llm/server.hpp"
#include "qa/expected.hpp"

namespace qa::cli {

class EmbeddedLlm {
  public:
    static Expected<EmbeddedLlm, std::string> start(std::chrono::microseconds latency);

    const std::string& base_url() const { return base_url_; }

  private:
    std::unique_ptr<mock_llm::Server> server_;
    std::string base_url_;
};

}  // namespace qa::cli
