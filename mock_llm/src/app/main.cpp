// mock-llm: runs the mock DeepSeek server until SIGINT or SIGTERM. The first line on stdout is
// "listening on HOST:PORT"; exit status 0 after a clean stop, 1 if it cannot listen, 2 on bad
// flags.
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <csignal>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "command_line.hpp"
#include "mock_llm/server.hpp"

int main(int argc, char** argv) {
    auto config = mock_llm::app::parse_command_line(argc, argv, std::cout, std::cerr);
    if (!config) {
        return config.error();
    }
    auto server = mock_llm::Server::start(*config);
    if (!server) {
        std::cerr << "mock-llm: " << server.error() << '\n';
        return 1;
    }
    // Install the signal handlers before announcing the port: a supervisor may signal at once.
    boost::asio::io_context signals_context(1);
    boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int) {});
    // An IPv6 address goes in brackets, as in a URL: the line's address is usable after http://.
    const std::string& host = (*server)->host();
    const bool ipv6 = host.find(':') != std::string::npos;
    std::cout << "listening on " << (ipv6 ? "[" + host + "]" : host) << ':' << (*server)->port()
              << std::endl;
    signals_context.run();
    (*server)->stop();
    return 0;
}
