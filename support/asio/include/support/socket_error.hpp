#pragma once
// The error a non-blocking socket call that failed reports, as Asio's callers expect it.

#include <cerrno>

#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

namespace support {

// `err` (an errno value after a failed send or receive with MSG_DONTWAIT): would_block when the
// socket was not ready, so the caller waits for it as Asio would; else the system error.
inline boost::system::error_code socket_call_error(int err) noexcept {
    if (err == EAGAIN || err == EWOULDBLOCK)
        return make_error_code(boost::asio::error::would_block);
    return {err, boost::system::system_category()};
}

}  // namespace support
