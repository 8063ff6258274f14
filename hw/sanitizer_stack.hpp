#pragma once
// SystemC 2.3.4 tells AddressSanitizer about its coroutine switches, but when
// sc_start returns to the main stack ASan still takes the last coroutine's
// stack for the current one. An exception thrown there (a failed trace write,
// a stalled plan) then makes ASan skip its stack clean-up and report a false
// stack-buffer-overflow (google/sanitizers#189). Announcing the thread's own
// stack again after sc_start keeps the sanitizer build's reports true; in
// other builds this is a no-op.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CNNSCHED_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CNNSCHED_ASAN 1
#endif

#ifdef CNNSCHED_ASAN
#include <pthread.h>

#include <sanitizer/common_interface_defs.h>
#endif

namespace cnnsched {

inline void announce_thread_stack() {
#ifdef CNNSCHED_ASAN
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  void* bottom = nullptr;
  size_t size = 0;
  const int got = pthread_attr_getstack(&attr, &bottom, &size);
  pthread_attr_destroy(&attr);
  if (got != 0) return;
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, bottom, size);
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
}

}  // namespace cnnsched
