#pragma once
// Coroutines on the io_context's own executor type rather than on Asio's default,
// any_io_executor: the client's and the mock's alike.
//
// Each co_await of an operation in an any_io_executor coroutine goes through any_executor's
// type-erased dispatch and work tracking: about 600 instructions per operation (callgrind over a
// socket ping-pong: 7,577 instructions per round trip with any_io_executor, 5,262 with this type,
// the sockets left as they are), several operations per request. The price: such a coroutine
// runs on an io_context (not a thread pool), spawned with its executor.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace support {

using IoExecutor = boost::asio::io_context::executor_type;

template <class T>
using io_awaitable = boost::asio::awaitable<T, IoExecutor>;

// The completion token for operations awaited in an io_awaitable.
inline constexpr boost::asio::use_awaitable_t<IoExecutor> io_use_awaitable{};

}  // namespace support
