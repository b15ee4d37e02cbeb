#pragma once
// Sending on a TCP socket without waiting: what the socket's send buffer takes at once. The
// client's requests and the mock's answers usually fit, and then need no asynchronous write at
// all (no operation object, no composed layers): send_what_fits sends, and the caller writes
// the rest, if any, asynchronously, or else yields before reading the reply
// (yield_before_reading).

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/error_code.hpp>

#include "support/socket_error.hpp"

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
        error = socket_call_error(errno);
        return 0;
    }
    error = {};
    return static_cast<std::size_t>(sent);
}

// Sends from `buffers` on the socket `fd` what it takes at once, and advances `buffers` past it.
// Returns the bytes still to send; on an error other than a full send buffer, `error` holds it.
template <std::size_t N>
std::size_t send_what_fits(int fd, std::array<boost::asio::const_buffer, N>& buffers,
                           boost::system::error_code& error) noexcept {
    std::size_t sent = send_now(fd, buffers.data(), buffers.size(), error);
    if (error == boost::asio::error::would_block)
        error = {};
    std::size_t left = 0;
    for (auto& buffer : buffers) {
        const std::size_t consumed = std::min(sent, buffer.size());
        buffer += consumed;
        sent -= consumed;
        left += buffer.size();
    }
    return left;
}

// Yields to the other ready work, before reading the peer's reply to a message just sent.
//
// Asio (and the mock's stream) tries a read at once before it waits: read straight after the
// send, the peer's reply cannot be there yet, so each read would fail and wait (strace -c under
// load: a failed receive per message, and on the mock an epoll re-arm). After the yield, the
// reply has usually arrived and the read finds it. Not a coroutine of its own: the post's
// awaitable is returned as it is, so no frame is added. The awaitable runs on `executor`'s type:
// pass the awaiting coroutine's executor.
template <class Executor>
auto yield_before_reading(const Executor& executor) {
    return boost::asio::post(executor, boost::asio::use_awaitable_t<Executor>{});
}

}  // namespace support
