#include "options.hpp"

#include <stdexcept>
#include <string_view>

namespace pgw::standin {

namespace {

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    const std::string_view item = s.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// "host:port" or "[v6]:port".
void split_host_port(const std::string& flag, std::string_view s, std::string& host,
                     std::uint16_t& port) {
  const auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == s.size())
    throw std::invalid_argument(flag + " needs <host>:<port>");
  std::string_view h = s.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  unsigned long p = 0;
  try {
    std::size_t used = 0;
    p = std::stoul(std::string(s.substr(colon + 1)), &used);
    if (used != s.size() - colon - 1) throw std::invalid_argument("");
  } catch (const std::exception&) {
    throw std::invalid_argument(flag + ": bad port in '" + std::string(s) + "'");
  }
  if (p > 65535) throw std::invalid_argument(flag + ": port out of range");
  host = std::string(h);
  port = static_cast<std::uint16_t>(p);
}

}  // namespace

const char* usage() {
  return "usage: pgw_standin --vendor cockroachdb|cratedb --listen <host>:<port|0>\n"
         "                   --upstream <host>:<port> [--upstream-user <user>]\n"
         "                   [--upstream-database <db>] [--port-file <path>]\n"
         "                   [--password <pw> [--trust-users <u1,u2>]]\n"
         "                   [--require-cluster] [--clusters <id1,id2>]\n"
         "                   [--crdb-version <text>] [--crate-version <text>] [--verbose]\n";
}

Options parse_options(int argc, const char* const* argv) {
  Options o;
  bool have_vendor = false, have_listen = false, have_upstream = false;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--vendor") {
      const std::string v = value();
      const auto vendor = parse_vendor(v);
      if (!vendor) throw std::invalid_argument("unknown vendor '" + v + "'");
      o.vendor = *vendor;
      have_vendor = true;
    } else if (flag == "--listen") {
      split_host_port(flag, value(), o.listen_host, o.listen_port);
      have_listen = true;
    } else if (flag == "--upstream") {
      split_host_port(flag, value(), o.upstream_host, o.upstream_port);
      have_upstream = true;
    } else if (flag == "--upstream-user") {
      o.upstream_user = value();
    } else if (flag == "--upstream-database") {
      o.upstream_database = value();
    } else if (flag == "--password") {
      o.password = value();
    } else if (flag == "--trust-users") {
      o.trust_users = split_list(value());
    } else if (flag == "--require-cluster") {
      o.require_cluster = true;
    } else if (flag == "--clusters") {
      o.clusters = split_list(value());
    } else if (flag == "--crdb-version") {
      o.crdb_version = value();
    } else if (flag == "--crate-version") {
      o.crate_version = value();
    } else if (flag == "--port-file") {
      o.port_file = value();
    } else if (flag == "--verbose") {
      o.verbose = true;
    } else {
      throw std::invalid_argument("unknown option '" + flag + "'");
    }
  }
  if (!have_vendor) throw std::invalid_argument("--vendor is required");
  if (!have_listen) throw std::invalid_argument("--listen is required");
  if (!have_upstream) throw std::invalid_argument("--upstream is required");
  return o;
}

}  // namespace pgw::standin
