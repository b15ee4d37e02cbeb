#pragma once
// Two ends of one real TCP connection on loopback (port 0), on one io_context the test runs
// itself, bounded: nothing a test does with them can hang it.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "qa/async/asio.hpp"

namespace qa::test {

struct LoopbackPair {
    LoopbackPair() {
        net::ip::tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), 0});
        client.connect(acceptor.local_endpoint());
        server = acceptor.accept();
    }
    // Runs the io_context for at most `span`; it returns earlier once nothing is left to do.
    void run_for(std::chrono::milliseconds span) {
        ioc.restart();
        ioc.run_for(span);
    }
    // The server end sends `bytes` now (blocking; loopback takes them at once).
    void send(std::string_view bytes) { net::write(*server, net::buffer(bytes)); }
    // The server end sends `bytes` once `delay` has passed on the io_context: they arrive while
    // a read on the client end waits.
    void send_later(std::string bytes, std::chrono::milliseconds delay) {
        auto timer = std::make_shared<net::steady_timer>(ioc, delay);
        timer->async_wait(
            [this, timer, bytes = std::move(bytes)](boost::system::error_code) { send(bytes); });
    }

    net::io_context ioc;
    net::ip::tcp::socket client{ioc};
    std::optional<net::ip::tcp::socket> server;
};

}  // namespace qa::test
