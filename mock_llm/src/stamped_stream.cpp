#include "stamped_stream.hpp"

#include <linux/net_tstamp.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "support/socket_error.hpp"

namespace mock_llm {
namespace {

// Converts a CLOCK_REALTIME stamp to the steady clock by the two clocks' current offset.
StampedStream::Clock::time_point to_steady(const timespec& stamp,
                                           StampedStream::Clock::time_point now_steady) {
    timespec now_real{};
    clock_gettime(CLOCK_REALTIME, &now_real);
    const auto age = std::chrono::seconds(now_real.tv_sec - stamp.tv_sec) +
                     std::chrono::nanoseconds(now_real.tv_nsec - stamp.tv_nsec);
    // A stamp from the future (clock steps) or older than a minute is not trusted.
    if (age < std::chrono::nanoseconds(0) || age > std::chrono::minutes(1))
        return now_steady;
    return now_steady - std::chrono::duration_cast<StampedStream::Clock::duration>(age);
}

// The steady clock read at tick resolution, plus one tick, so never ahead of the exact clock's
// next reading: deadlines are set three times per request and swept at a few milliseconds'
// precision, so the exact clock's cost buys nothing there. CLOCK_MONOTONIC_COARSE is the same
// timeline as steady_clock (CLOCK_MONOTONIC), only read without touching the hardware clock.
StampedStream::Clock::time_point coarse_now_rounded_up() {
    static const std::chrono::nanoseconds tick = [] {
        timespec resolution{};
        clock_getres(CLOCK_MONOTONIC_COARSE, &resolution);
        return std::chrono::seconds(resolution.tv_sec) +
               std::chrono::nanoseconds(resolution.tv_nsec);
    }();
    timespec now{};
    if (clock_gettime(CLOCK_MONOTONIC_COARSE, &now) != 0)
        return StampedStream::Clock::now();
    const auto since_epoch =
        std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
    return StampedStream::Clock::time_point(
        std::chrono::duration_cast<StampedStream::Clock::duration>(since_epoch + tick));
}

}  // namespace

void enable_receive_stamps(int socket) noexcept {
    const int flags = SOF_TIMESTAMPING_RX_SOFTWARE | SOF_TIMESTAMPING_SOFTWARE;
    // Best effort: without stamps, arrival falls back to the time the read completed.
    ::setsockopt(socket, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof flags);
}

StampedStream::StampedStream(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {
    enable_receive_stamps(socket_.native_handle());
    boost::system::error_code ignored;
    socket_.non_blocking(true, ignored);
}

void StampedStream::expires_after(Clock::duration timeout) {
    deadline_ = coarse_now_rounded_up() + timeout;
    expired_ = false;
}

void StampedStream::expires_never() noexcept {
    deadline_.reset();
    expired_ = false;
}

void StampedStream::check_deadline(Clock::time_point now) {
    if (!deadline_ || expired_ || now < *deadline_)
        return;
    expired_ = true;
    if (pending_ > 0) {
        boost::system::error_code ignored;
        socket_.cancel(ignored);
    }
}

void StampedStream::close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
}

boost::system::error_code StampedStream::translate(boost::system::error_code error) const {
    if (expired_ && error == boost::asio::error::operation_aborted)
        return boost::beast::error::timeout;
    return error;
}

std::size_t StampedStream::receive(const boost::asio::mutable_buffer* buffers, std::size_t count,
                                   boost::system::error_code& error) {
    std::array<iovec, 8> iov{};
    for (std::size_t i = 0; i < count; ++i) {
        iov[i].iov_base = buffers[i].data();
        iov[i].iov_len = buffers[i].size();
    }
    alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(timespec) * 3)> control{};
    msghdr message{};
    message.msg_iov = iov.data();
    message.msg_iovlen = count;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    ssize_t n = 0;
    do {
        n = ::recvmsg(socket_.native_handle(), &message, MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        error = support::socket_call_error(errno);
        return 0;
    }
    if (n == 0) {
        error = boost::asio::error::eof;
        return 0;
    }
    error = {};
    const auto now = Clock::now();
    last_arrival_ = now;
    last_read_stamped_ = false;
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_TIMESTAMPING) {
            // scm_timestamping: [0] is the software stamp.
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(header), sizeof stamp);
            if (stamp.tv_sec != 0 || stamp.tv_nsec != 0) {
                last_arrival_ = to_steady(stamp, now);
                last_read_stamped_ = true;
            }
        }
    }
    return static_cast<std::size_t>(n);
}

}  // namespace mock_llm
