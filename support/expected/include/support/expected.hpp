#pragma once
// support::Expected<T, E>: a value or an error, the shape of C++23's std::expected, for C++20.
// Not thread-safe beyond what T and E are; a plain value type.

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace support {

template <class E>
class Unexpected {
  public:
    explicit Unexpected(E error) : error_(std::move(error)) {}
    E& error() & { return error_; }
    E&& error() && { return std::move(error_); }
    const E& error() const& { return error_; }

  private:
    E error_;
};

template <class E>
Unexpected(E) -> Unexpected<E>;

template <class T, class E>
class [[nodiscard]] Expected {
  public:
    using value_type = T;
    using error_type = E;

    template <class U = T>
    requires std::is_constructible_v<T, U&&> Expected(U&& value)
        : storage_(std::in_place_index<0>, std::forward<U>(value)) {}  // NOLINT
    template <class G>
    Expected(Unexpected<G> error)  // NOLINT: implicit like std::expected
        : storage_(std::in_place_index<1>, std::move(error).error()) {}

    bool has_value() const noexcept { return storage_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { return checked_value(); }
    const T& value() const& { return const_cast<Expected*>(this)->checked_value(); }
    T&& value() && { return std::move(checked_value()); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(checked_value()); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    E& error() & { return checked_error(); }
    const E& error() const& { return const_cast<Expected*>(this)->checked_error(); }
    E&& error() && { return std::move(checked_error()); }

    template <class U>
    T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(storage_) : static_cast<T>(std::forward<U>(fallback));
    }

  private:
    // Reading the wrong alternative is a bug in the caller, not a runtime condition.
    T& checked_value() {
        assert(has_value());
        return std::get<0>(storage_);
    }
    E& checked_error() {
        assert(!has_value());
        return std::get<1>(storage_);
    }

    std::variant<T, E> storage_;
};

// Expected<void, E>: success carries nothing.
template <class E>
class [[nodiscard]] Expected<void, E> {
  public:
    Expected() = default;
    template <class G>
    Expected(Unexpected<G> error) : error_(std::move(error).error()), failed_(true) {}  // NOLINT

    bool has_value() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return has_value(); }
    const E& error() const& {
        assert(failed_);
        return error_;
    }

  private:
    E error_{};
    bool failed_ = false;
};

}  // namespace support
