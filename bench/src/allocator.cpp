#include "bench/allocator.hpp"

#include <cstdlib>

// mimalloc's own functions, referenced weakly: this library serves programs that link mimalloc
// (qa-bench) and programs that do not (the tests), and asks at run time which it is in.
extern "C" {
__attribute__((weak)) int mi_version(void);
__attribute__((weak)) bool mi_is_in_heap_region(const void* p);
}

namespace bench {

std::string allocator_in_use() {
#if defined(__SANITIZE_ADDRESS__)
    return "AddressSanitizer's malloc";
#elif defined(__SANITIZE_THREAD__)
    return "ThreadSanitizer's malloc";
#else
    if (mi_version == nullptr || mi_is_in_heap_region == nullptr)
        return "glibc malloc";
    // Linked is not enough: mimalloc must be the one the C allocation functions resolve to.
    void* probe = std::calloc(1, 64);  // (zeroed: GCC takes a const void* argument as a read)
    const bool ours = mi_is_in_heap_region(probe);
    std::free(probe);
    if (!ours)
        return "glibc malloc (mimalloc linked, not serving malloc)";
    const int version = mi_version();  // major * 100 + minor * 10 + patch
    return "mimalloc " + std::to_string(version / 100) + "." + std::to_string(version / 10 % 10) +
           "." + std::to_string(version % 10);
#endif
}

}  // namespace bench
