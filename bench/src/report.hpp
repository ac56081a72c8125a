#pragma once
// The benchmark's output: medians per (target, case), ratios, goals, as Markdown and JSON.

#include <string>
#include <vector>

#include "runner.hpp"

namespace pgw::bench {

std::string markdown_report(const Options& o, const std::vector<Run>& runs);
std::string json_report(const Options& o, const std::vector<Run>& runs);
// True when every run produced exactly the expected rows and values.
bool all_valid(const std::vector<Run>& runs);

}  // namespace pgw::bench
