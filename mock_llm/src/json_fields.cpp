#include "json_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mock_llm {

namespace {

// Saturates instead of overflowing: an absurd value becomes one the validator rejects by name.
std::int64_t saturate(double value) {
    constexpr double kLimit = 4.0e18;
    return static_cast<std::int64_t>(std::llround(std::clamp(value, -kLimit, kLimit)));
}

}  // namespace

ObjectFields::ObjectFields(const nlohmann::json& value, std::string path,
                           std::optional<ProfileError>& error)
    : path_(std::move(path)), error_(error) {
    if (!value.is_object()) {
        if (!error_) {
            error_ = ProfileError{path_, "must be an object"};
        }
        return;
    }
    object_ = &value;
}

std::string ObjectFields::field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + '.' + std::string(key);
}

bool ObjectFields::has(std::string_view key) const {
    return object_ != nullptr && object_->contains(key);
}

const nlohmann::json* ObjectFields::find(std::string_view key) {
    if (object_ == nullptr || error_) {
        return nullptr;
    }
    const auto found = object_->find(key);
    if (found == object_->end()) {
        return nullptr;
    }
    used_.emplace(key);
    return &*found;
}

void ObjectFields::fail(std::string_view key, std::string reason) {
    if (!error_) {
        error_ = ProfileError{field(key), std::move(reason)};
    }
}

void ObjectFields::number(std::string_view key, double& out) {
    if (const auto* value = find(key)) {
        if (!value->is_number()) {
            return fail(key, "must be a number");
        }
        out = value->get<double>();
    }
}

void ObjectFields::integer(std::string_view key, std::int64_t& out) {
    if (const auto* value = find(key)) {
        if (value->is_number_unsigned()) {
            const auto n = value->get<std::uint64_t>();
            out = n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                      ? std::numeric_limits<std::int64_t>::max()
                      : static_cast<std::int64_t>(n);
        } else if (value->is_number_integer()) {
            out = value->get<std::int64_t>();
        } else {
            fail(key, "must be a whole number");
        }
    }
}

void ObjectFields::unsigned_integer(std::string_view key, std::uint64_t& out) {
    if (const auto* value = find(key)) {
        if (!value->is_number_unsigned()) {
            return fail(key, "must be a whole number, at least 0");
        }
        out = value->get<std::uint64_t>();
    }
}

void ObjectFields::boolean(std::string_view key, std::optional<bool>& out) {
    if (const auto* value = find(key)) {
        if (!value->is_boolean()) {
            return fail(key, "must be true or false");
        }
        out = value->get<bool>();
    }
}

void ObjectFields::string(std::string_view key, std::string& out) {
    if (const auto* value = find(key)) {
        if (!value->is_string()) {
            return fail(key, "must be a string");
        }
        out = value->get<std::string>();
    }
}

void ObjectFields::millis(std::string_view key, std::chrono::microseconds& out) {
    if (const auto* value = find(key)) {
        if (!value->is_number()) {
            return fail(key, "must be a number of milliseconds");
        }
        out = std::chrono::microseconds(saturate(value->get<double>() * 1000.0));
    }
}

void ObjectFields::whole_millis(std::string_view key, std::chrono::milliseconds& out) {
    std::optional<std::chrono::milliseconds> value;
    whole_millis(key, value);
    if (value) {
        out = *value;
    }
}

void ObjectFields::whole_millis(std::string_view key,
                                std::optional<std::chrono::milliseconds>& out) {
    if (const auto* value = find(key)) {
        if (!value->is_number_integer()) {
            return fail(key, "must be a whole number of milliseconds");
        }
        std::int64_t millis = 0;
        integer(key, millis);
        out = std::chrono::milliseconds(millis);
    }
}

void ObjectFields::reject_unknown() {
    if (object_ == nullptr || error_) {
        return;
    }
    for (const auto& [key, value] : object_->items()) {
        if (!used_.contains(key)) {
            return fail(key, "unknown field");
        }
    }
}

}  // namespace mock_llm
