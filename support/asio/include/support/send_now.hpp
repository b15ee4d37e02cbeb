#pragma once
// Sending on a TCP socket without waiting: what the socket's send buffer takes at once. The
// client's requests and the mock's answers usually fit, and then need no asynchronous write at
// all (no operation object, no trip through the scheduler). What does not fit is the caller's
// to send asynchronously.

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/error_code.hpp>

namespace support {

// Sends from `buffers` (at most 8 are used) on the socket `fd`, never waiting. Returns the bytes
// sent, which may be fewer than given; 0 with would_block when the send buffer is full, or with
// the socket's error. A peer that has gone is an EPIPE error here, never a SIGPIPE.
inline std::size_t send_now(int fd, const boost::asio::const_buffer* buffers, std::size_t count,
                            boost::system::error_code& error) noexcept {
    constexpr std::size_t kMaxBuffers = 8;
    std::array<iovec, kMaxBuffers> iov{};
    const std::size_t used = std::min(count, kMaxBuffers);
    for (std::size_t i = 0; i < used; ++i) {
        iov[i].iov_base = const_cast<void*>(buffers[i].data());
        iov[i].iov_len = buffers[i].size();
    }
    msghdr message{};
    message.msg_iov = iov.data();
    message.msg_iovlen = used;
    ssize_t sent = 0;
    do {
        sent = ::sendmsg(fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        error = (errno == EAGAIN || errno == EWOULDBLOCK)
                    ? make_error_code(boost::asio::error::would_block)
                    : boost::system::error_code(errno, boost::system::system_category());
        return 0;
    }
    error = {};
    return static_cast<std::size_t>(sent);
}

// Drops the first `sent` bytes from the front of `buffers`: what is left to send.
template <std::size_t N>
void consume_sent(std::array<boost::asio::const_buffer, N>& buffers, std::size_t sent) noexcept {
    for (auto& buffer : buffers) {
        const std::size_t consumed = std::min(sent, buffer.size());
        buffer += consumed;
        sent -= consumed;
    }
}

}  // namespace support
