#pragma once
// Command line of pgw_standin.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vendor.hpp"

namespace pgw::standin {

inline constexpr const char* kDefaultCrdbVersion =
    "CockroachDB CCL v25.3.4 (x86_64-pc-linux-gnu, built 2025/10/28 18:12:22, go1.23.12)";
inline constexpr const char* kDefaultCrateVersion = "6.5.0";

struct Options {
  Vendor vendor = Vendor::CockroachDB;
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 0;
  std::string upstream_host;
  std::uint16_t upstream_port = 0;
  std::string upstream_user;            // "" = the client's user
  std::string upstream_database;        // "" = the client's database
  std::optional<std::string> password;  // set: cleartext password auth for non-trust users
  std::vector<std::string> trust_users;
  bool require_cluster = false;
  std::vector<std::string> clusters;  // known routing ids; empty = any
  std::string crdb_version = kDefaultCrdbVersion;
  std::string crate_version = kDefaultCrateVersion;
  std::string port_file;
  bool verbose = false;
};

// Throws std::invalid_argument with a message naming the problem.
Options parse_options(int argc, const char* const* argv);
const char* usage();

}  // namespace pgw::standin
