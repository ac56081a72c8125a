#include "vendor/postgres/postgres_profile.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

#include "vendor/pg_oids.hpp"

namespace pgw::vendor {
namespace {

const std::unordered_map<std::uint32_t, const TypeInfo*>& index() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::uint32_t, const TypeInfo*>();
    for (const TypeInfo& t : postgres_types()) m->emplace(t.oid, &t);
    for (const TypeInfo& t : postgres_array_types()) m->emplace(t.oid, &t);
    m->emplace(postgres_unknown_type().oid, &postgres_unknown_type());
    return m;
  }();
  return *map;
}

}  // namespace

std::string odbc_version_string(std::string_view text) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t i = 0;
  while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  while (i < text.size() && count < 3 && std::isdigit(static_cast<unsigned char>(text[i]))) {
    int n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      n = std::min(n * 10 + (text[i++] - '0'), 9999);
    parts[count++] = n;
    if (i + 1 < text.size() && text[i] == '.' &&
        std::isdigit(static_cast<unsigned char>(text[i + 1])))
      ++i;
    else
      break;
  }
  if (count == 2 && parts[0] >= 10) {  // PostgreSQL 10+: major.minor where minor is the patch level
    parts[2] = parts[1];
    parts[1] = 0;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", std::min(parts[0], 99),
                std::min(parts[1], 99), parts[2]);
  std::string out(buffer);
  if (!text.empty()) out.append(" ").append(text);
  return out;
}

std::string PostgresProfile::dbms_version(const session::Session& s) const {
  return odbc_version_string(s.parameter("server_version"));
}

const TypeInfo* PostgresProfile::find_type(std::uint32_t type_oid) const {
  auto it = index().find(type_oid);
  return it == index().end() ? nullptr : it->second;
}

const TypeInfo& PostgresProfile::fallback_type() const {
  return postgres_unknown_type();
}

std::uint32_t PostgresProfile::parameter_oid(SQLSMALLINT sql_type) const {
  switch (sql_type) {
    case SQL_BIT:
      return oid::kBool;
    case SQL_TINYINT:
    case SQL_SMALLINT:
      return oid::kInt2;
    case SQL_INTEGER:
      return oid::kInt4;
    case SQL_BIGINT:
      return oid::kInt8;
    case SQL_REAL:
      return oid::kFloat4;
    case SQL_FLOAT:
    case SQL_DOUBLE:
      return oid::kFloat8;
    case SQL_NUMERIC:
    case SQL_DECIMAL:
      return oid::kNumeric;
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return oid::kDate;
    case SQL_TYPE_TIME:
    case SQL_TIME:
      return oid::kTime;
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return oid::kTimestamp;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
      return oid::kBytea;
    case SQL_GUID:
      return oid::kUuid;
    default:
      // Character data (and anything else) is left to the server: a text literal can become any
      // type the statement needs, where a declared varchar would not compare with an integer.
      return 0;
  }
}

}  // namespace pgw::vendor
