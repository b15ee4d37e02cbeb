#pragma once
// RawConnection: a blocking TCP client for what httplib cannot do (garbage bytes, slowloris,
// keep-alive proof, pipelining). Every read is bounded by SO_RCVTIMEO and a deadline.

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

namespace mock_llm::testing {

struct RawResponse {
    int status = 0;
    std::string head;  // status line and fields, without the blank line
    std::string body;
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

    // One response with a Content-Length body; nullopt on timeout, close or error.
    std::optional<RawResponse> read_response() {
        const auto deadline = Clock::now() + timeout_;
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
        const std::size_t length = content_length(response.head);
        while (pending_.size() < head_end + 4 + length) {
            if (!receive_more(deadline)) {
                return std::nullopt;
            }
        }
        response.body = pending_.substr(head_end + 4, length);
        pending_.erase(0, head_end + 4 + length);
        return response;
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
                return false;
            }
        }
        return false;
    }

    static std::size_t content_length(const std::string& head) {
        constexpr std::string_view kField = "\r\ncontent-length:";
        std::string lower = head;
        for (char& c : lower) {
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        const auto at = lower.find(kField);
        return at == std::string::npos ? 0 : std::stoul(lower.substr(at + kField.size()));
    }

    std::chrono::milliseconds timeout_;
    int fd_ = -1;
    std::string pending_;
};

}  // namespace mock_llm::testing
