#pragma once
// The one place the core includes Asio's coroutine support, with the Boost 1.74 workaround.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace qa {
namespace net = boost::asio;

// The core's coroutines run on the io_context's own executor type, not on Asio's default
// any_io_executor. Each co_await of an operation otherwise goes through any_executor's
// type-erased dispatch and work tracking: about 600 instructions per operation (callgrind over a
// socket ping-pong: 7,577 instructions per round trip with any_io_executor, 5,262 with this type,
// the sockets left as they are), several operations per LLM call. The price: a qa::awaitable runs
// on an io_context (not a thread pool), spawned with its executor.
using Executor = net::io_context::executor_type;

template <class T>
using awaitable = net::awaitable<T, Executor>;

// The completion token for operations awaited in a qa::awaitable.
inline constexpr net::use_awaitable_t<Executor> use_awaitable{};

}  // namespace qa
