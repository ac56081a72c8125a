// Vendor detection from the startup ParameterStatus set (see shared/vendors.md): no extra round
// trip.
#include <cctype>
#include <optional>

#include "vendor/postgres/postgres_profile.hpp"

namespace pgw::vendor {
namespace {

// The first "v<major>.<minor>.<patch>" that starts a word (vendors.md: regex
// \bv(\d+)\.(\d+)\.(\d+)), as "major.minor.patch".
std::optional<std::string> release_version(std::string_view text) {
  auto digits_at = [&](std::size_t& i) {
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i > start;
  };
  for (std::size_t v = text.find('v'); v != std::string_view::npos; v = text.find('v', v + 1)) {
    if (v > 0 && (std::isalnum(static_cast<unsigned char>(text[v - 1])) || text[v - 1] == '_'))
      continue;
    std::size_t i = v + 1;
    if (!digits_at(i) || i >= text.size() || text[i] != '.') continue;
    ++i;
    if (!digits_at(i) || i >= text.size() || text[i] != '.') continue;
    ++i;
    if (!digits_at(i)) continue;
    return std::string(text.substr(v + 1, i - v - 1));
  }
  return std::nullopt;
}

// CockroachDB and CrateDB use PostgreSQL's type table until their own profiles exist; what differs
// already is how they name and version themselves.
class CockroachProfile final : public PostgresProfile {
 public:
  std::string_view name() const override { return "CockroachDB"; }
  std::string dbms_version(const session::Session& s) const override {
    std::string text(s.parameter("crdb_version"));
    if (auto digits = release_version(text)) {
      std::string out = odbc_version_string(*digits);
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
