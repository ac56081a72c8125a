#pragma once
// One measurement in its own process: the parent fork+execs this binary in child mode (optionally
// under callgrind) and reads the child's result line and peak RSS.

#include <cstdint>
#include <string>

#include "case.hpp"
#include "runner.hpp"

namespace pgw::bench {

struct ChildOutcome {
  bool ok = false;
  std::string problem;  // why not ok: the child's own error message, a signal, a timeout
  CaseResult result;
  long max_rss_kib = 0;  // the child's ru_maxrss from wait4()
};

// Runs case `p` against `t` in a child process; under callgrind when `callgrind_out` is not empty.
ChildOutcome launch(const Options& o, const Target& t, const CaseParams& p,
                    const std::string& callgrind_out);
// The instruction count callgrind wrote to `path` (0 when absent).
std::uint64_t callgrind_total(const std::string& path);

}  // namespace pgw::bench
