#pragma once
// H2Output: the bytes an nghttp2 session has to send, on their way to a TCP socket. Both HTTP/2
// ends (the client's H2Connection, the mock's H2Session) write the same way: every frame nghttp2
// has ready is taken at once (frames keep their order: DATA taken now goes before an RST_STREAM
// submitted after), the socket is given at once what it takes, and only a rest is written
// asynchronously. Frames taken while that write runs wait in a second buffer, so the buffer
// the write reads from never moves under it.
// Thread safety: none; the owner's io thread. Lifetime: the owner keeps it, and keeps itself
// alive through `done` while a write runs.

#include <utility>  // before Asio headers (Boost 1.74 with GCC 12)

#include <nghttp2/nghttp2.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/error_code.hpp>

#include "support/send_now.hpp"

namespace support {

class H2Output {
  public:
    // Appends every frame `session` has ready; 0, or nghttp2's (negative) error.
    int take_frames(nghttp2_session* session) {
        for (;;) {
            const std::uint8_t* data = nullptr;
            const auto n = nghttp2_session_mem_send(session, &data);
            if (n <= 0)
                return static_cast<int>(n);
            pending_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
        }
    }

    // An asynchronous write runs: send() waits for its `done`.
    bool writing() const noexcept { return writing_; }

    // Writes what was taken: at once what the socket takes, the rest asynchronously, after
    // which `done(error)` runs (then call send again for what was taken meanwhile). Returns the
    // error of the immediate send; a full send buffer is none.
    template <class Socket, class Done>
    boost::system::error_code send(Socket& socket, Done done) {
        boost::system::error_code error;
        if (writing_ || pending_.empty())
            return error;
        const boost::asio::const_buffer bytes(pending_.data(), pending_.size());
        const std::size_t sent = send_now(socket.native_handle(), &bytes, 1, error);
        if (error && error != boost::asio::error::would_block)
            return error;
        error.clear();
        pending_.erase(0, sent);
        if (pending_.empty())
            return error;
        sending_.swap(pending_);
        writing_ = true;
        boost::asio::async_write(socket, boost::asio::buffer(sending_),
                                 [this, done = std::move(done)](
                                     const boost::system::error_code& failed, std::size_t) mutable {
                                     writing_ = false;
                                     sending_.clear();
                                     done(failed);
                                 });
        return error;
    }

  private:
    std::string pending_;  // taken from nghttp2, not yet sent
    std::string sending_;  // what the running asynchronous write reads from
    bool writing_ = false;
};

}  // namespace support
