#include "odbc/isolation.hpp"

#include <array>
#include <utility>

namespace pgw::odbc {
namespace {

struct Level {
  SQLUINTEGER level;
  std::string_view name;  // as SHOW prints it
  std::string_view sql;   // as SET takes it
};

constexpr std::array<Level, 4> kLevels = {{
    {SQL_TXN_READ_UNCOMMITTED, "read uncommitted", "READ UNCOMMITTED"},
    {SQL_TXN_READ_COMMITTED, "read committed", "READ COMMITTED"},
    {SQL_TXN_REPEATABLE_READ, "repeatable read", "REPEATABLE READ"},
    {SQL_TXN_SERIALIZABLE, "serializable", "SERIALIZABLE"},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<SQLUINTEGER> isolation_from_name(std::string_view name) {
  for (const auto& l : kLevels)
    if (equal_ignoring_case(name, l.name)) return l.level;
  return std::nullopt;
}

std::string_view isolation_sql(SQLUINTEGER level) {
  for (const auto& l : kLevels)
    if (l.level == level) return l.sql;
  return {};
}

}  // namespace pgw::odbc
