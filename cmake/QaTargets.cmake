# Warnings and sanitizers are applied per target, never as global flags.

function(qa_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wcast-qual -Wformat=2)
  if(QA_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(QA_UNITY_BUILD)
    # In a unity batch each source is an included file, so GCC treats a coroutine frame holding
    # a file-local type as a header type with an anonymous-namespace member. It is not: every
    # source is still compiled exactly once.
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
  qa_target_sanitizers(${target})
endfunction()

# A program (not a library or a test): the defaults, and mimalloc as its allocator when chosen
# (see QA_MIMALLOC). Linked without --as-needed, so the program's malloc is mimalloc's even
# though no object file names it.
function(qa_program_defaults target)
  qa_target_defaults(${target})
  if(QA_USE_MIMALLOC)
    target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed" mimalloc
                                            "-Wl,--pop-state")
  endif()
endfunction()

# Sanitizer flags only; used for third-party glue that must not get our warning set.
function(qa_target_sanitizers target)
  if(QA_SANITIZE OR QA_TSAN)
    # With a sanitizer, GCC 12 reports Asio's coroutine-frame operator delete as mismatched
    # with the frame's operator new (a false positive on coroutine frames); the sanitizers
    # check every real new/delete pair at run time instead.
    target_compile_options(${target} PRIVATE -Wno-mismatched-new-delete)
  endif()
  if(QA_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  elseif(QA_TSAN)
    # -Wno-tsan: GCC 12 warns that TSan does not model std::atomic_thread_fence, which Boost
    # 1.74's Asio headers use; the warning is about the tool, not about our code.
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()
