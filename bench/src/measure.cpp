#include "measure.hpp"

#if PGW_BENCH_HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#endif

namespace pgw::bench {

void Measurement::start() {
#if PGW_BENCH_HAVE_CALLGRIND
  if (callgrind_) CALLGRIND_TOGGLE_COLLECT;
#endif
  t0_ = std::chrono::steady_clock::now();
}

double Measurement::stop() {
  const auto t1 = std::chrono::steady_clock::now();
#if PGW_BENCH_HAVE_CALLGRIND
  if (callgrind_) CALLGRIND_TOGGLE_COLLECT;
#endif
  return std::chrono::duration<double>(t1 - t0_).count();
}

}  // namespace pgw::bench
