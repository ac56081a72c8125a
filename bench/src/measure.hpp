#pragma once
// The measured region: a steady clock, and callgrind collection toggled on and off around it
// when the case runs under `valgrind --tool=callgrind --collect-atstart=no`.

#include <chrono>

namespace pgw::bench {

class Measurement {
 public:
  explicit Measurement(bool callgrind) : callgrind_(callgrind) {}
  void start();
  // Returns the seconds since start().
  double stop();

 private:
  bool callgrind_;
  std::chrono::steady_clock::time_point t0_{};
};

}  // namespace pgw::bench
