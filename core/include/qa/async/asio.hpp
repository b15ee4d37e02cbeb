#pragma once
// The one place the core includes Asio's coroutine support, with the Boost 1.74 workaround.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "support/io_awaitable.hpp"

namespace qa {
namespace net = boost::asio;

// The core's coroutines run on the io_context's own executor type, not on Asio's default
// any_io_executor (support/io_awaitable.hpp says what that saves).
using Executor = support::IoExecutor;

template <class T>
using awaitable = support::io_awaitable<T>;

// The completion token for operations awaited in a qa::awaitable.
inline constexpr auto& use_awaitable = support::io_use_awaitable;

}  // namespace qa
