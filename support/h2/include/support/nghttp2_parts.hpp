#pragma once
// Small pieces both HTTP/2 ends (the client's H2Connection, the mock's H2Session) build their
// nghttp2 sessions from: a header field as nghttp2 takes it, and a callback table built once.

#include <nghttp2/nghttp2.h>

#include <cstdint>
#include <new>
#include <string_view>

namespace support {

// A header field for nghttp2_submit_request/response. Without NO_COPY flags nghttp2 copies the
// name and the value when it takes the headers, so both need only outlive that call.
inline nghttp2_nv h2_field(std::string_view name, std::string_view value,
                           std::uint8_t flags = NGHTTP2_NV_FLAG_NONE) noexcept {
    return nghttp2_nv{reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
                      reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(),
                      value.size(), flags};
}

// An nghttp2 callback table: `set` fills it in once; every session of a kind shares it.
// Throws std::bad_alloc when nghttp2 cannot allocate it.
class Nghttp2Callbacks {
  public:
    template <class Set>
    explicit Nghttp2Callbacks(Set set) {
        if (nghttp2_session_callbacks_new(&callbacks_) != 0)
            throw std::bad_alloc();
        set(callbacks_);
    }
    ~Nghttp2Callbacks() { nghttp2_session_callbacks_del(callbacks_); }
    Nghttp2Callbacks(const Nghttp2Callbacks&) = delete;
    Nghttp2Callbacks& operator=(const Nghttp2Callbacks&) = delete;

    const nghttp2_session_callbacks* get() const noexcept { return callbacks_; }

  private:
    nghttp2_session_callbacks* callbacks_ = nullptr;
};

}  // namespace support
