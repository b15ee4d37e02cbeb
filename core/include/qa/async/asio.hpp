#pragma once
// The one place the core includes Asio's coroutine support, with the Boost 1.74 workaround.

#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace qa {
namespace net = boost::asio;
}  // namespace qa
