#pragma once
// RawConnection: a blocking TCP client for what httplib cannot do (garbage bytes, slowloris,
// keep-alive proof, pipelining, chunk by chunk streams). Every read is bounded by SO_RCVTIMEO and a
// deadline.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mock_llm::testing {

struct RawResponse {
    int status = 0;
    std::string head;                 // status line and fields, without the blank line
    std::string body;                 // decoded when chunked
    std::vector<std::string> chunks;  // a chunked body's chunks, in order
    // When each chunk was decoded (a chunk already buffered gets the time it was taken out).
    std::vector<std::chrono::steady_clock::time_point> chunk_times;
    bool complete = false;  // a chunked body: the final chunk came
};

class RawConnection {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RawConnection(std::uint16_t port,
                           std::chrono::milliseconds timeout = std::chrono::seconds(5))
        : timeout_(timeout) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        set_timeout(SO_SNDTIMEO, timeout_);
        set_timeout(SO_RCVTIMEO, std::chrono::milliseconds(50));
        if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            close();
        }
    }
    ~RawConnection() { close(); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return fd_ >= 0; }

    bool send_all(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) {
                return false;
            }
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    // One response with a Content-Length or chunked body; nullopt on timeout, close or error.
    std::optional<RawResponse> read_response() {
        const auto deadline = Clock::now() + timeout_;
        auto response = read_head(deadline);
        if (!response) {
            return std::nullopt;
        }
        if (has_field(response->head, "transfer-encoding: chunked")) {
            if (!read_chunks(*response, deadline)) {
                return std::nullopt;
            }
            return response;
        }
        const std::size_t length = content_length(response->head);
        while (pending_.size() < length) {
            if (!receive_more(deadline)) {
                return std::nullopt;
            }
        }
        response->body = pending_.substr(0, length);
        pending_.erase(0, length);
        return response;
    }

    // One response whose body ends with the connection (no length, no chunks).
    std::optional<RawResponse> read_response_until_close() {
        const auto deadline = Clock::now() + timeout_;
        auto response = read_head(deadline);
        if (!response) {
            return std::nullopt;
        }
        while (receive_more(deadline)) {
        }
        if (!closed_) {
            return std::nullopt;  // the deadline passed first
        }
        response->body = std::move(pending_);
        pending_.clear();
        return response;
    }

    // The response head only: status line and fields; the body stays unread.
    std::optional<RawResponse> read_head(Clock::time_point deadline) {
        std::size_t head_end;
        while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
            if (!receive_more(deadline)) {
                return std::nullopt;
            }
        }
        RawResponse response;
        response.head = pending_.substr(0, head_end);
        if (response.head.size() < 12 || response.head.compare(0, 5, "HTTP/") != 0) {
            return std::nullopt;
        }
        response.status = std::stoi(response.head.substr(9, 3));
        pending_.erase(0, head_end + 4);
        return response;
    }

    // The chunked body after read_head: chunks until the final one, the close or the timeout;
    // response.complete says whether the final chunk came.
    void read_chunked_body(RawResponse& response) {
        response.complete = read_chunks(response, Clock::now() + timeout_);
    }

    // Chunks of the chunked body after read_head until `count` are decoded; false if the body
    // ended, the connection closed or the timeout passed first.
    bool read_chunks_until(RawResponse& response, std::size_t count) {
        const auto deadline = Clock::now() + timeout_;
        while (response.chunks.size() < count) {
            if (read_one_chunk(response, deadline) != ChunkRead::data) {
                return false;
            }
        }
        return true;
    }

    // Waits until at least `bytes` of body are buffered (or the deadline passes).
    bool buffer_at_least(std::size_t bytes) {
        const auto deadline = Clock::now() + timeout_;
        while (pending_.size() < bytes) {
            if (!receive_more(deadline)) {
                return false;
            }
        }
        return true;
    }

    // True once the server closed the connection (FIN or RST) within `limit`; data is dropped.
    bool wait_closed(std::chrono::milliseconds limit) {
        const auto deadline = Clock::now() + limit;
        char sink[4096];
        while (Clock::now() < deadline) {
            const auto got = ::recv(fd_, sink, sizeof sink, 0);
            if (got == 0 ||
                (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                return true;
            }
        }
        return false;
    }

    // Half-closes: the server reads end of stream, this side can still read.
    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

    void close() {
        if (fd_ >= 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }

  private:
    void set_timeout(int option, std::chrono::milliseconds value) {
        timeval tv{};
        tv.tv_sec = static_cast<time_t>(value.count() / 1000);
        tv.tv_usec = static_cast<suseconds_t>((value.count() % 1000) * 1000);
        ::setsockopt(fd_, SOL_SOCKET, option, &tv, sizeof tv);
    }

    bool receive_more(Clock::time_point deadline) {
        char chunk[4096];
        while (Clock::now() < deadline) {
            const auto got = ::recv(fd_, chunk, sizeof chunk, 0);
            if (got > 0) {
                pending_.append(chunk, static_cast<std::size_t>(got));
                return true;
            }
            if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                closed_ = true;
                return false;
            }
        }
        return false;
    }

    // Decodes "size CRLF data CRLF" chunks up to the zero-size one (no trailers expected).
    bool read_chunks(RawResponse& response, Clock::time_point deadline) {
        for (;;) {
            const ChunkRead read = read_one_chunk(response, deadline);
            if (read != ChunkRead::data) {
                return read == ChunkRead::last;
            }
        }
    }

    enum class ChunkRead { data, last, failed };

    ChunkRead read_one_chunk(RawResponse& response, Clock::time_point deadline) {
        std::size_t line_end;
        while ((line_end = pending_.find("\r\n")) == std::string::npos) {
            if (!receive_more(deadline)) {
                return ChunkRead::failed;
            }
        }
        const std::size_t size = std::stoul(pending_.substr(0, line_end), nullptr, 16);
        while (pending_.size() < line_end + 2 + size + 2) {
            if (!receive_more(deadline)) {
                return ChunkRead::failed;
            }
        }
        if (pending_.compare(line_end + 2 + size, 2, "\r\n") != 0) {
            return ChunkRead::failed;
        }
        const std::string data = pending_.substr(line_end + 2, size);
        pending_.erase(0, line_end + 2 + size + 2);
        if (size == 0) {
            response.complete = true;
            return ChunkRead::last;
        }
        response.chunks.push_back(data);
        response.chunk_times.push_back(Clock::now());
        response.body += data;
        return ChunkRead::data;
    }

    static std::string lowercase(std::string text) {
        for (char& c : text) {
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        return text;
    }

    static bool has_field(const std::string& head, std::string_view lowercase_field) {
        return lowercase(head).find("\r\n" + std::string(lowercase_field)) != std::string::npos;
    }

    static std::size_t content_length(const std::string& head) {
        constexpr std::string_view kField = "\r\ncontent-length:";
        const std::string lower = lowercase(head);
        const auto at = lower.find(kField);
        return at == std::string::npos ? 0 : std::stoul(lower.substr(at + kField.size()));
    }

    std::chrono::milliseconds timeout_;
    int fd_ = -1;
    bool closed_ = false;
    std::string pending_;
};

}  // namespace mock_llm::testing
