// Vendor detection from the startup ParameterStatus set (see shared/vendors.md): no extra round
// trip.
#include <regex>

#include "vendor/postgres/postgres_profile.hpp"

namespace pgw::vendor {
namespace {

// CockroachDB and CrateDB use PostgreSQL's type table until their own profiles exist; what differs
// already is how they name and version themselves.
class CockroachProfile final : public PostgresProfile {
 public:
  std::string_view name() const override { return "CockroachDB"; }
  std::string dbms_version(const session::Session& s) const override {
    std::string_view full = s.parameter("crdb_version");
    std::string text(full);
    std::smatch m;
    static const std::regex version(R"(\bv(\d+)\.(\d+)\.(\d+))");
    if (std::regex_search(text, m, version)) {
      std::string digits = m[1].str() + "." + m[2].str() + "." + m[3].str();
      std::string out = odbc_version_string(digits);
      return out.substr(0, out.find(' ')) + " " + text;
    }
    return odbc_version_string(text);
  }
};

class CrateProfile final : public PostgresProfile {
 public:
  std::string_view name() const override { return "CrateDB"; }
  std::string dbms_version(const session::Session& s) const override {
    return odbc_version_string(s.parameter("crate_version"));
  }
};

}  // namespace

const Profile& detect(const session::Session& s) {
  static const PostgresProfile postgres;
  static const CockroachProfile cockroach;
  static const CrateProfile crate;
  if (!s.parameter("crdb_version").empty()) return cockroach;
  if (!s.parameter("crate_version").empty()) return crate;
  return postgres;
}

}  // namespace pgw::vendor
