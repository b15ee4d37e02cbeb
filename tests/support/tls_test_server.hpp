#pragma once
// TlsTestServer: a minimal HTTPS chat-completions server for TLS tests, on its own thread and
// io_context, listening on a loopback address and port 0, presenting the committed test
// certificate (tests/data/tls/server.pem, signed by tests/data/tls/ca.pem for localhost and
// 127.0.0.1). Every request gets the same small, valid answer; connections are kept alive.

#include <utility>  // Boost 1.74's awaitable.hpp misses it.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <string>
#include <thread>

namespace qa::test {

class TlsTestServer {
  public:
    // `address`: where to listen (e.g. "127.0.0.1", or "127.0.0.2" for a name the certificate
    // does not carry). Throws if the certificate files cannot be loaded: a broken test setup.
    explicit TlsTestServer(const std::string& data_dir, const std::string& address = "127.0.0.1")
        : tls_(boost::asio::ssl::context::tls_server),
          acceptor_(ioc_, {boost::asio::ip::make_address(address), 0}) {
        tls_.use_certificate_chain_file(data_dir + "/tls/server.pem");
        tls_.use_private_key_file(data_dir + "/tls/server.key", boost::asio::ssl::context::pem);
        boost::asio::co_spawn(ioc_, accept_loop(), boost::asio::detached);
        thread_ = std::thread([this] { ioc_.run(); });
    }
    ~TlsTestServer() {
        boost::asio::post(ioc_, [this] {
            boost::system::error_code ignored;
            acceptor_.close(ignored);
            ioc_.stop();
        });
        thread_.join();
    }
    TlsTestServer(const TlsTestServer&) = delete;
    TlsTestServer& operator=(const TlsTestServer&) = delete;

    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    int requests() const { return requests_.load(); }

  private:
    boost::asio::awaitable<void> accept_loop() {
        for (;;) {
            boost::system::error_code ec;
            auto socket = co_await acceptor_.async_accept(
                boost::asio::redirect_error(boost::asio::use_awaitable, ec));
            if (ec)
                co_return;
            boost::asio::co_spawn(ioc_, serve(std::move(socket)), boost::asio::detached);
        }
    }

    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket) {
        namespace http = boost::beast::http;
        boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream(std::move(socket), tls_);
        boost::system::error_code ec;
        const auto with = [&ec] {
            return boost::asio::redirect_error(boost::asio::use_awaitable, ec);
        };
        co_await stream.async_handshake(boost::asio::ssl::stream_base::server, with());
        if (ec)
            co_return;  // e.g. the client refused our certificate
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            co_await http::async_read(stream, buffer, request, with());
            if (ec)
                co_return;
            ++requests_;
            http::response<http::string_body> response(http::status::ok, 11);
            response.set(http::field::content_type, "application/json");
            response.body() =
                R"({"id":"tls-1","object":"chat.completion","model":"deepseek-chat",)"
                R"("choices":[{"index":0,"message":{"role":"assistant","content":"over tls"},)"
                R"("finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2}})";
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            co_await http::async_write(stream, response, with());
            if (ec)
                co_return;
        }
    }

    boost::asio::io_context ioc_;
    boost::asio::ssl::context tls_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::atomic<int> requests_{0};
    std::thread thread_;
};

}  // namespace qa::test
