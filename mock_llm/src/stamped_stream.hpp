#pragma once
// StampedStream: the mock's TCP stream. Two things set it apart from beast::tcp_stream:
//
// - Every read also learns when its bytes reached the kernel (SO_TIMESTAMPING software receive
//   stamps). The mock counts a request's latency from that instant, so the time the request
//   waited for the server's single thread to read it is not added on top: under a burst the
//   answers still come back after the configured latency, not after latency plus queueing.
// - Deadlines cost no timer per operation: the stream only remembers its deadline, and the
//   server's DeadlineSweeper checks every stream a few times per shortest timeout. A stream
//   past its deadline has its pending operations cancelled, and they report
//   beast::error::timeout (as tcp_stream's would).
//
// It models AsyncReadStream and AsyncWriteStream, so beast::http::async_read/async_write and
// net::async_write work on it. Thread safety: none; the server's io thread only.

#include <utility>  // before Asio/Beast headers (Boost 1.74 with GCC 12)

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>

#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>

namespace mock_llm {

// Asks the kernel to stamp what `socket` receives (best effort). On a listening socket it also
// keeps stamping switched on host-wide for as long as the socket lives, so the first requests
// of a connection are stamped too.
void enable_receive_stamps(int socket) noexcept;

class StampedStream {
  public:
    using Clock = std::chrono::steady_clock;
    using executor_type = boost::asio::ip::tcp::socket::executor_type;

    // Enables receive stamps on the socket (best effort: without them, a read's arrival is the
    // moment the read completed).
    explicit StampedStream(boost::asio::ip::tcp::socket socket);

    executor_type get_executor() noexcept { return socket_.get_executor(); }
    boost::asio::ip::tcp::socket& socket() noexcept { return socket_; }

    // When the bytes of the latest read reached this host.
    Clock::time_point last_arrival() const noexcept { return last_arrival_; }
    // Whether the kernel stamped the latest read. It may not for the first packets after the
    // first socket of the host asks for stamps (the kernel turns them on asynchronously); the
    // arrival is then the moment the read completed.
    bool last_read_stamped() const noexcept { return last_read_stamped_; }

    // Operations pending or started after this fail with timeout once `timeout` has passed.
    void expires_after(Clock::duration timeout);
    void expires_never() noexcept;
    // Called by the sweeper: past the deadline, cancel what is pending. Never blocks.
    void check_deadline(Clock::time_point now);
    void close();

    template <class MutableBuffers, class Handler>
    auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
        return boost::asio::async_compose<Handler, void(boost::system::error_code, std::size_t)>(
            ReadOp<MutableBuffers>{this, buffers}, handler, socket_);
    }

    template <class ConstBuffers, class Handler>
    auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
        return boost::asio::async_compose<Handler, void(boost::system::error_code, std::size_t)>(
            WriteOp<ConstBuffers>{this, buffers}, handler, socket_);
    }

  private:
    // Tracks one pending operation, so the sweeper cancels only when something waits.
    struct Pending {
        explicit Pending(StampedStream* s) : stream(s) { ++stream->pending_; }
        Pending(Pending&& other) noexcept : stream(std::exchange(other.stream, nullptr)) {}
        Pending(const Pending&) = delete;
        Pending& operator=(const Pending&) = delete;
        Pending& operator=(Pending&&) = delete;
        ~Pending() {
            if (stream != nullptr)
                --stream->pending_;
        }
        StampedStream* stream;
    };

    // One non-blocking receive into `buffers`, noting the arrival stamp. Returns 0 bytes with
    // would_block when nothing is there yet.
    std::size_t receive(const boost::asio::mutable_buffer* buffers, std::size_t count,
                        boost::system::error_code& error);
    boost::system::error_code translate(boost::system::error_code error) const;

    template <class MutableBuffers>
    struct ReadOp {
        StampedStream* stream;
        MutableBuffers buffers;
        std::optional<Pending> pending{};
        bool waited = false;

        template <class Self>
        void operator()(Self& self, boost::system::error_code error = {}) {
            if (!pending) {
                pending.emplace(stream);
                if (stream->expired_) {
                    error = boost::beast::error::timeout;
                    // No longer pending; and the handler may end the stream's owner, so nothing
                    // of this op may touch the stream after the handler has run.
                    pending.reset();
                    return boost::asio::post(
                        stream->socket_.get_executor(),
                        [self = std::move(self), error]() mutable { self.complete(error, 0); });
                }
            } else if (error) {
                return finish(self, stream->translate(error), 0);
            }
            std::array<boost::asio::mutable_buffer, 8> views;
            std::size_t count = 0;
            for (auto it = boost::asio::buffer_sequence_begin(buffers);
                 it != boost::asio::buffer_sequence_end(buffers) && count < views.size(); ++it) {
                views[count++] = *it;
            }
            const std::size_t n = stream->receive(views.data(), count, error);
            if (error == boost::asio::error::would_block) {
                waited = true;
                return stream->socket_.async_wait(boost::asio::socket_base::wait_read,
                                                  std::move(self));
            }
            if (!waited) {
                // Completed at once: complete through the executor, never inside the initiation.
                // Done reading first, for the same reason as above.
                pending.reset();
                return boost::asio::post(
                    stream->socket_.get_executor(),
                    [self = std::move(self), error, n]() mutable { self.complete(error, n); });
            }
            finish(self, error, n);
        }

        template <class Self>
        void finish(Self& self, boost::system::error_code error, std::size_t n) {
            pending.reset();
            self.complete(error, n);
        }
    };

    template <class ConstBuffers>
    struct WriteOp {
        StampedStream* stream;
        ConstBuffers buffers;
        std::optional<Pending> pending{};

        template <class Self>
        void operator()(Self& self, boost::system::error_code error = {}, std::size_t n = 0) {
            if (!pending) {
                pending.emplace(stream);
                if (stream->expired_) {
                    pending.reset();  // as in ReadOp: the handler may end the stream's owner
                    return boost::asio::post(stream->socket_.get_executor(),
                                             [self = std::move(self)]() mutable {
                                                 self.complete(boost::beast::error::timeout, 0);
                                             });
                }
                return stream->socket_.async_write_some(buffers, std::move(self));
            }
            pending.reset();
            self.complete(stream->translate(error), n);
        }
    };

    boost::asio::ip::tcp::socket socket_;
    std::optional<Clock::time_point> deadline_;
    bool expired_ = false;  // the deadline passed: pending and new operations time out
    int pending_ = 0;
    Clock::time_point last_arrival_{};
    bool last_read_stamped_ = false;
};

}  // namespace mock_llm
