#pragma once
// What differs between PostgreSQL-wire servers lives behind this interface: detection, the type
// table (OID -> SQL type and its sizes), catalog queries and feature flags. Code outside vendor/
// asks the profile; it never tests which vendor it is talking to.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "convert/family.hpp"
#include "odbc/odbc_headers.hpp"
#include "session/session.hpp"

namespace pgw::vendor {

// One row of a vendor's type table (drives SQLGetTypeInfo, SQLDescribeCol, SQLColAttribute, the
// IRD).
struct TypeInfo {
  std::uint32_t oid = 0;
  std::string_view name = {};      // TYPE_NAME as the server spells it (int4, varchar, ...)
  SQLSMALLINT sql_type = 0;        // concise SQL type (SQL_INTEGER, SQL_WVARCHAR, ...)
  SQLULEN column_size = 0;         // for fixed-size types; variable types compute from typmod
  SQLSMALLINT decimal_digits = 0;  // fixed scale (e.g. 6 for timestamp), or -1 = from typmod / n/a
  SQLLEN octet_length = 0;         // transfer octet length for fixed-size types
  SQLLEN display_size = 0;
  std::string_view literal_prefix = {};
  std::string_view literal_suffix = {};
  std::string_view create_params = {};
  SQLSMALLINT case_sensitive = SQL_FALSE;
  SQLSMALLINT searchable = SQL_SEARCHABLE;
  SQLSMALLINT unsigned_attribute = -1;  // -1: not applicable (NULL in SQLGetTypeInfo)
  SQLSMALLINT fixed_prec_scale = SQL_FALSE;
  SQLSMALLINT auto_unique = -1;
  SQLSMALLINT minimum_scale = -1;
  SQLSMALLINT maximum_scale = -1;
  SQLINTEGER num_prec_radix = 0;                   // 0: NULL
  bool binary_transfer = false;                    // request this column in binary format
  convert::Family family = convert::Family::Text;  // how its text form is read
};

// Size knobs that shape how variable-length types are described (from the connection options).
struct SizeOptions {
  // Unbounded character data is SQL_(W)VARCHAR of this size; declared longer, SQL_(W)LONGVARCHAR.
  SQLULEN max_varchar_size = 4000;
  SQLULEN max_long_varchar_size = 8190;
  bool text_as_long_varchar = false;
  bool unknowns_as_long_varchar = false;
  bool bools_as_char = false;
  bool bytea_as_long_varbinary = false;
};

class Profile {
 public:
  virtual ~Profile() = default;
  virtual std::string_view name()
      const = 0;  // SQL_DBMS_NAME: "PostgreSQL", "CockroachDB", "CrateDB"
  // SQL_DBMS_VER as ODBC wants it: "MM.mm.rrrr" plus the server's own text.
  virtual std::string dbms_version(const session::Session& s) const = 0;
  // The row for a type OID, or nullptr for an OID the table doesn't know (then treated as text).
  virtual const TypeInfo* find_type(std::uint32_t oid) const = 0;
  virtual std::span<const TypeInfo> types() const = 0;
  // The row used for OIDs find_type() doesn't know (shown as character data).
  virtual const TypeInfo& fallback_type() const = 0;
  // The OID a parameter is declared with for an ODBC SQL type; 0 lets the server infer it.
  virtual std::uint32_t parameter_oid(SQLSMALLINT sql_type) const = 0;
};

// Picks the profile from the startup ParameterStatus set (see ../shared/vendors.md).
const Profile& detect(const session::Session& s);

}  // namespace pgw::vendor
