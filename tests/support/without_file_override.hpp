#pragma once
// Root reads and writes any file whatever its mode (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a
// test that needs an unreadable file would pass vacuously as root, which CI is. For as long as a
// WithoutFileOverride lives, the calling thread runs without those two capabilities from its
// effective set (lowering them needs no privilege), and gets them back after.

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace qa::test {

class WithoutFileOverride {
  public:
    WithoutFileOverride() {
        header_.version = _LINUX_CAPABILITY_VERSION_3;
        header_.pid = 0;  // the calling thread
        if (::syscall(SYS_capget, &header_, saved_) != 0)
            return;
        __user_cap_data_struct lowered[2] = {saved_[0], saved_[1]};
        for (const int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH})
            lowered[CAP_TO_INDEX(cap)].effective &= ~CAP_TO_MASK(cap);
        active_ = ::syscall(SYS_capset, &header_, lowered) == 0;
    }
    ~WithoutFileOverride() {
        if (active_)
            ::syscall(SYS_capset, &header_, saved_);
    }
    WithoutFileOverride(const WithoutFileOverride&) = delete;
    WithoutFileOverride& operator=(const WithoutFileOverride&) = delete;

    // False when the kernel refused: the test cannot make a file unreadable to this thread.
    bool active() const { return active_; }

  private:
    __user_cap_header_struct header_{};
    __user_cap_data_struct saved_[2]{};
    bool active_ = false;
};

}  // namespace qa::test
