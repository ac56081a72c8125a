#include "routing.hpp"

#include <vector>

namespace pgw::standin {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

// One cluster option in the options string: "--cluster=<id>" or "-c cluster=<id>" (any white
// space, or none, after -c), the way CockroachDB's SQL proxy matches it.
struct ClusterOption {
  std::size_t begin = 0, end = 0;  // the whole option
  std::string value;
};

std::vector<ClusterOption> find_cluster_options(std::string_view s) {
  std::vector<ClusterOption> out;
  static constexpr std::string_view kLong = "--cluster=";
  static constexpr std::string_view kKey = "cluster=";
  for (std::size_t i = 0; i < s.size();) {
    std::size_t value_at = std::string_view::npos;
    if (s.substr(i, kLong.size()) == kLong) {
      value_at = i + kLong.size();
    } else if (s.substr(i, 2) == "-c") {
      std::size_t j = i + 2;
      while (j < s.size() && is_space(s[j])) ++j;
      if (s.substr(j, kKey.size()) == kKey) value_at = j + kKey.size();
    }
    if (value_at == std::string_view::npos) {
      ++i;
      continue;
    }
    std::size_t end = value_at;
    while (end < s.size() && !is_space(s[end])) ++end;
    out.push_back({i, end, std::string(s.substr(value_at, end - value_at))});
    i = end;
  }
  return out;
}

}  // namespace

Routing extract_routing(std::string_view options, std::string_view database) {
  Routing r;
  const auto found = find_cluster_options(options);
  const std::size_t matches = found.size();
  const std::string from_options = matches == 1 ? found[0].value : std::string();
  std::string rest(options);
  for (auto it = found.rbegin(); it != found.rend(); ++it)
    rest.erase(it->begin, it->end - it->begin);
  if (matches > 1) {
    r.error = "multiple cluster flags provided";
    return r;
  }
  if (matches == 1 && from_options.empty()) {
    r.error = "invalid cluster flag";
    return r;
  }
  r.options = trim(rest);

  // The database name is read for routing only when the options named no cluster, so a database
  // whose name contains a dot still works with --cluster.
  std::string from_database;
  r.database = std::string(database);
  if (from_options.empty()) {
    if (const auto dot = database.find('.'); dot != std::string_view::npos) {
      from_database = std::string(database.substr(0, dot));
      r.database = std::string(database.substr(dot + 1));
    }
  }
  r.cluster = from_options.empty() ? from_database : from_options;
  return r;
}

}  // namespace pgw::standin
