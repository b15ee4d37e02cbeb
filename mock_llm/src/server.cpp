#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include "mock_llm/server.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <sched.h>
#include <unordered_set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "error_report.hpp"
#include "server_state.hpp"
#include "session.hpp"
#include "stamped_stream.hpp"
#include "support/io_awaitable.hpp"

namespace mock_llm {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

// Pause after a failed accept (e.g. out of file descriptors) so the loop does not spin.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(10);

}  // namespace

// Declaration order is destruction order reversed: the state, the reporter and the registry
// outlive the io_context, whose destructor may still destroy session frames.
struct Server::Impl {
    explicit Impl(ServerConfig config) : state(std::move(config)) {}

    support::Expected<void, std::string> bind();
    support::io_awaitable<void> do_accept();
    support::io_awaitable<void> do_sweep_deadlines();
    void run_io();
    void shutdown_on_io_thread();
    // Runs `work` on the io thread and waits for it; runs it here once that thread is gone.
    template <class Work>
    void on_io_thread(Work&& work);

    ServerState state;
    ErrorReporter reporter;
    std::unordered_set<Session*> sessions;  // io thread only
    bool stopping = false;                  // io thread only
    std::atomic<std::size_t> sessions_alive{0};
    SessionContext session_context{state, reporter, sessions, stopping, sessions_alive};
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    net::steady_timer sweep_timer{ioc};  // paces do_sweep_deadlines; cancelled at shutdown
    std::uint16_t port = 0;
    std::thread thread;
    std::mutex lifecycle;  // serializes stop() and the calls that run on the io thread
    bool stopped = false;  // guarded by lifecycle
};

support::Expected<void, std::string> Server::Impl::bind() {
    const ServerConfig& config = state.config();
    const std::string address = config.host + ':' + std::to_string(config.port);
    error_code error;
    tcp::resolver resolver(ioc);
    const auto endpoints =
        resolver.resolve(config.host, std::to_string(config.port),
                         tcp::resolver::passive | tcp::resolver::numeric_service, error);
    if (error || endpoints.empty()) {
        return support::Unexpected("cannot resolve " + address + ": " + error.message());
    }
    const tcp::endpoint endpoint = *endpoints.begin();
    acceptor.open(endpoint.protocol(), error);
    if (!error) {
        acceptor.set_option(net::socket_base::reuse_address(true), error);
    }
    if (!error) {
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(net::socket_base::max_listen_connections, error);
    }
    if (error) {
        return support::Unexpected("cannot listen on " + address + ": " + error.message());
    }
    port = acceptor.local_endpoint().port();
    // Latency counts from arrival (StampedStream); switch stamping on before the first request.
    enable_receive_stamps(acceptor.native_handle());
    return {};
}

support::io_awaitable<void> Server::Impl::do_accept() {
    for (;;) {
        // Accept the next connection.
        error_code error;
        tcp::socket socket =
            co_await acceptor.async_accept(net::redirect_error(support::io_use_awaitable, error));
        if (stopping || error == net::error::operation_aborted) {
            co_return;  // the acceptor was closed by stop()
        }
        if (error) {
            reporter.report("accept", error);
            net::steady_timer pause(ioc, kAcceptRetryDelay);
            co_await pause.async_wait(net::redirect_error(support::io_use_awaitable, error));
            continue;
        }
        // Small answers must not wait for Nagle's algorithm.
        socket.set_option(tcp::no_delay(true), error);
        auto session = std::make_shared<Session>(std::move(socket), session_context);
        net::co_spawn(ioc, Session::run(std::move(session)), [this](std::exception_ptr failure) {
            if (failure) {
                reporter.report("session", failure);
            }
        });
    }
}

support::io_awaitable<void> Server::Impl::do_sweep_deadlines() {
    // One timer checks every connection's deadline, instead of a timer per read and write: a
    // few sweeps per shortest timeout keep each within an eighth of its length.
    const ServerConfig& config = state.config();
    const auto shortest =
        std::min({config.header_timeout, config.body_timeout, config.write_timeout});
    const auto period = std::clamp<std::chrono::steady_clock::duration>(
        shortest / 8, std::chrono::milliseconds(1), std::chrono::milliseconds(250));
    while (!stopping) {
        sweep_timer.expires_after(period);
        error_code error;
        co_await sweep_timer.async_wait(net::redirect_error(support::io_use_awaitable, error));
        const auto now = std::chrono::steady_clock::now();
        for (Session* session : sessions) {
            session->check_deadline(now);
        }
    }
}

void Server::Impl::run_io() {
    for (;;) {
        try {
            ioc.run();
            return;
        } catch (...) {
            // A handler threw: report it and keep serving the other connections.
            reporter.report("io thread", std::current_exception());
        }
    }
}

template <class Work>
void Server::Impl::on_io_thread(Work&& work) {
    std::lock_guard lock(lifecycle);
    if (stopped) {
        work();  // no io thread any more: nobody else touches the state
        return;
    }
    std::promise<void> done;
    net::post(ioc, [&work, &done] {
        work();
        done.set_value();
    });
    done.get_future().wait();
}

void Server::Impl::shutdown_on_io_thread() {
    stopping = true;
    error_code ignored;
    acceptor.close(ignored);
    sweep_timer.cancel();
    for (Session* session : sessions) {
        session->shutdown();
    }
}

support::Expected<std::unique_ptr<Server>, std::string> Server::start(ServerConfig config) {
    if (auto valid = validate_config(config); !valid) {
        return support::Unexpected(valid.error());
    }
    auto impl = std::make_unique<Impl>(std::move(config));
    if (auto bound = impl->bind(); !bound) {
        return support::Unexpected(bound.error());
    }
    Impl& running = *impl;
    net::co_spawn(running.ioc, running.do_accept(), [&running](std::exception_ptr failure) {
        if (failure) {
            running.reporter.report("accept loop", failure);
        }
    });
    net::co_spawn(running.ioc, running.do_sweep_deadlines(),
                  [&running](std::exception_ptr failure) {
                      if (failure) {
                          running.reporter.report("deadline sweep", failure);
                      }
                  });
    running.thread = std::thread([&running] {
        if (running.state.config().pin_to_cpu >= 0) {
            // Best effort: a CPU that is not there leaves the thread unpinned.
            cpu_set_t cpus;
            CPU_ZERO(&cpus);
            CPU_SET(static_cast<std::size_t>(running.state.config().pin_to_cpu), &cpus);
            (void)pthread_setaffinity_np(pthread_self(), sizeof cpus, &cpus);
        }
        running.run_io();
    });
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
    stop();
}

std::uint16_t Server::port() const {
    return impl_->port;
}

const std::string& Server::host() const {
    return impl_->state.config().host;
}

Stats Server::stats() const {
    return impl_->state.stats().snapshot();
}

std::size_t Server::open_connections() const {
    return impl_->sessions_alive.load(std::memory_order_relaxed);
}

void Server::reset() {
    // The occurrence map, the scripts and the journal belong to the io thread: reset there.
    impl_->on_io_thread([this] { impl_->state.reset(); });
}

support::Expected<void, std::string> Server::set_profile(Profile profile) {
    if (auto valid = validate_profile(profile); !valid) {
        return support::Unexpected("invalid profile " + valid.error().message());
    }
    impl_->on_io_thread([this, &profile] { impl_->state.set_profile(std::move(profile)); });
    return {};
}

Profile Server::profile() const {
    Profile profile;
    impl_->on_io_thread([this, &profile] { profile = impl_->state.profile(); });
    return profile;
}

std::vector<JournalRecord> Server::journal() const {
    std::vector<JournalRecord> records;
    impl_->on_io_thread([this, &records] { records = impl_->state.journal().records(); });
    return records;
}

void Server::stop() {
    std::lock_guard lock(impl_->lifecycle);
    if (impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    net::post(impl_->ioc, [impl = impl_.get()] { impl->shutdown_on_io_thread(); });
    impl_->thread.join();
}

}  // namespace mock_llm
