#include "error_report.hpp"

#include <iostream>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace mock_llm {

bool is_expected_error(const boost::system::error_code& error) noexcept {
    namespace net = boost::asio;
    namespace beast = boost::beast;
    return error == net::error::operation_aborted  // we cancelled: shutdown, a finished watch
           || error == beast::http::error::end_of_stream    // client closed between requests
           || error == beast::http::error::partial_message  // client closed mid-request
           || error == beast::error::timeout         // a deadline fired: slowloris, idle, stuck
           || error == net::error::eof               // end of a drain while closing
           || error == net::error::connection_reset  // client vanished
           || error == net::error::broken_pipe       // wrote to a client that had gone
           || error == net::error::not_connected;    // shut down a socket already gone
}

void ErrorReporter::report(std::string_view where, const boost::system::error_code& error) {
    report_once(where, std::string(error.category().name()) + ':' + std::to_string(error.value()),
                error.message());
}

void ErrorReporter::report(std::string_view where, const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        report_once(where, exception.what(), exception.what());
    } catch (...) {
        report_once(where, "unknown exception", "unknown exception");
    }
}

void ErrorReporter::report_once(std::string_view where, std::string key, const std::string& what) {
    std::lock_guard lock(mutex_);
    if (seen_.insert(std::string(where) + '|' + std::move(key)).second) {
        std::cerr << "mock-llm: unexpected error in " << where << ": " << what
                  << " (further errors of this kind are not reported)\n";
    }
}

}  // namespace mock_llm
