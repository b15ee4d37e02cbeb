#pragma once
// qa::Expected: the core's result type for calls that can fail (errors as values at the edges).

#include <support/expected.hpp>

namespace qa {

template <class T, class E>
using Expected = support::Expected<T, E>;
using support::Unexpected;

}  // namespace qa
