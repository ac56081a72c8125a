#pragma once
// The PostgreSQL profile. CockroachDB and CrateDB derive from it until their own tables exist.
#include "vendor/profile.hpp"

namespace pgw::vendor {

// The built-in types applications see in SQLGetTypeInfo, and the array types described as text.
std::span<const TypeInfo> postgres_types();
std::span<const TypeInfo> postgres_array_types();
const TypeInfo& postgres_unknown_type();  // also the row for OIDs no table knows

class PostgresProfile : public Profile {
 public:
  std::string_view name() const override { return "PostgreSQL"; }
  std::string dbms_version(const session::Session& s) const override;
  const TypeInfo* find_type(std::uint32_t oid) const override;
  std::span<const TypeInfo> types() const override { return postgres_types(); }
  const TypeInfo& fallback_type() const override;
  std::uint32_t parameter_oid(SQLSMALLINT sql_type) const override;
};

// "MM.mm.rrrr" from the first run of up to three dot-separated numbers in `text` (a two-part
// version such as PostgreSQL 15.18 is major.patch), followed by a space and `text`.
std::string odbc_version_string(std::string_view text);

}  // namespace pgw::vendor
