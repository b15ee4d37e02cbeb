// The single home of Boost.Asio's and Boost.Beast's compiled implementation (see CMakeLists.txt).
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
