#pragma once
// Which I/O errors are the ordinary end of a connection, and a report of the others to stderr,
// once per kind so a storm of one failure cannot flood the log. Thread-safe.

#include <exception>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include <boost/system/error_code.hpp>

namespace mock_llm {

bool is_expected_error(const boost::system::error_code& error) noexcept;

class ErrorReporter {
  public:
    void report(std::string_view where, const boost::system::error_code& error);
    void report(std::string_view where, const std::exception_ptr& error);

  private:
    void report_once(std::string_view where, std::string key, const std::string& what);

    std::mutex mutex_;
    std::set<std::string> seen_;
};

}  // namespace mock_llm
