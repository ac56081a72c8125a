// PostgreSQL's built-in types as ODBC sees them. Sizes follow the ODBC appendix D definitions
// (column size, transfer octet length, display size); variable-length types leave the size to
// shape_of(), which reads the type modifier.
#include <array>

#include "vendor/pg_oids.hpp"
#include "vendor/postgres/postgres_profile.hpp"

namespace pgw::vendor {
namespace {

using convert::Family;

constexpr SQLSMALLINT kNone = -1;

constexpr TypeInfo character(std::uint32_t type_oid, std::string_view name, SQLSMALLINT sql_type,
                             SQLULEN size = 0, std::string_view create_params = "",
                             SQLSMALLINT searchable = SQL_SEARCHABLE) {
  return TypeInfo{.oid = type_oid,
                  .name = name,
                  .sql_type = sql_type,
                  .column_size = size,
                  .decimal_digits = kNone,
                  .octet_length = SQLLEN(size),
                  .display_size = SQLLEN(size),
                  .literal_prefix = "'",
                  .literal_suffix = "'",
                  .create_params = create_params,
                  .case_sensitive = SQL_TRUE,
                  .searchable = searchable,
                  .family = Family::Text};
}

constexpr TypeInfo exact(std::uint32_t type_oid, std::string_view name, SQLSMALLINT sql_type,
                         SQLULEN size, SQLLEN octets, SQLLEN display, Family family,
                         SQLSMALLINT is_unsigned = SQL_FALSE) {
  return TypeInfo{.oid = type_oid,
                  .name = name,
                  .sql_type = sql_type,
                  .column_size = size,
                  .decimal_digits = 0,
                  .octet_length = octets,
                  .display_size = display,
                  .searchable = SQL_PRED_BASIC,
                  .unsigned_attribute = is_unsigned,
                  .auto_unique = SQL_FALSE,
                  .minimum_scale = 0,
                  .maximum_scale = 0,
                  .num_prec_radix = 10,
                  .family = family};
}

constexpr TypeInfo approximate(std::uint32_t type_oid, std::string_view name, SQLSMALLINT sql_type,
                               SQLULEN mantissa_bits, SQLLEN octets, SQLLEN display) {
  return TypeInfo{.oid = type_oid,
                  .name = name,
                  .sql_type = sql_type,
                  .column_size = mantissa_bits,
                  .decimal_digits = kNone,
                  .octet_length = octets,
                  .display_size = display,
                  .searchable = SQL_PRED_BASIC,
                  .unsigned_attribute = SQL_FALSE,
                  .auto_unique = SQL_FALSE,
                  .num_prec_radix = 2,
                  .family = Family::Float};
}

constexpr TypeInfo datetime(std::uint32_t type_oid, std::string_view name, SQLSMALLINT sql_type,
                            SQLULEN size, SQLSMALLINT digits, SQLLEN octets, Family family,
                            std::string_view create_params = "") {
  return TypeInfo{.oid = type_oid,
                  .name = name,
                  .sql_type = sql_type,
                  .column_size = size,
                  .decimal_digits = digits,
                  .octet_length = octets,
                  .display_size = SQLLEN(size),
                  .literal_prefix = "'",
                  .literal_suffix = "'",
                  .create_params = create_params,
                  .searchable = SQL_PRED_BASIC,
                  .minimum_scale = SQLSMALLINT(digits == kNone ? kNone : 0),
                  .maximum_scale = SQLSMALLINT(digits == kNone ? kNone : 6),
                  .family = family};
}

// Ordered within each SQL type from the closest match to the loosest: SQLGetTypeInfo keeps this
// order after sorting by DATA_TYPE.
constexpr std::array kTypes = {
    character(oid::kBpchar, "bpchar", SQL_WCHAR, 0, "max length"),
    character(oid::kChar, "char", SQL_CHAR, 1),
    character(oid::kBit, "bit", SQL_CHAR, 1, "length", SQL_PRED_BASIC),
    TypeInfo{.oid = oid::kNumeric,
             .name = "numeric",
             .sql_type = SQL_NUMERIC,
             .column_size = 1000,
             .decimal_digits = kNone,
             .octet_length = 1002,
             .display_size = 1002,
             .create_params = "precision,scale",
             .searchable = SQL_PRED_BASIC,
             .unsigned_attribute = SQL_FALSE,
             .auto_unique = SQL_FALSE,
             .minimum_scale = 0,
             .maximum_scale = 1000,
             .num_prec_radix = 10,
             .family = Family::Numeric},
    TypeInfo{.oid = oid::kMoney,
             .name = "money",
             .sql_type = SQL_DECIMAL,
             .column_size = 19,
             .decimal_digits = 2,
             .octet_length = 21,
             .display_size = 28,
             .literal_prefix = "'",
             .literal_suffix = "'",
             .searchable = SQL_PRED_BASIC,
             .unsigned_attribute = SQL_FALSE,
             .fixed_prec_scale = SQL_TRUE,
             .auto_unique = SQL_FALSE,
             .minimum_scale = 2,
             .maximum_scale = 2,
             .num_prec_radix = 10,
             .family = Family::Money},
    exact(oid::kInt4, "int4", SQL_INTEGER, 10, 4, 11, Family::Integer),
    exact(oid::kOid, "oid", SQL_INTEGER, 10, 4, 10, Family::Integer, SQL_TRUE),
    exact(oid::kInt2, "int2", SQL_SMALLINT, 5, 2, 6, Family::Integer),
    approximate(oid::kFloat4, "float4", SQL_REAL, 24, 4, 14),
    approximate(oid::kFloat8, "float8", SQL_DOUBLE, 53, 8, 24),
    character(oid::kVarchar, "varchar", SQL_WVARCHAR, 0, "max length"),
    character(oid::kText, "text", SQL_WVARCHAR),
    character(oid::kName, "name", SQL_WVARCHAR, 63),
    character(oid::kVarbit, "varbit", SQL_VARCHAR, 0, "max length", SQL_PRED_BASIC),
    character(oid::kInterval, "interval", SQL_VARCHAR, 64, "", SQL_PRED_BASIC),
    character(oid::kInet, "inet", SQL_VARCHAR, 50, "", SQL_PRED_BASIC),
    character(oid::kCidr, "cidr", SQL_VARCHAR, 50, "", SQL_PRED_BASIC),
    character(oid::kMacaddr, "macaddr", SQL_VARCHAR, 17, "", SQL_PRED_BASIC),
    character(oid::kJsonb, "jsonb", SQL_WLONGVARCHAR, 0, "", SQL_PRED_BASIC),
    character(oid::kJson, "json", SQL_WLONGVARCHAR, 0, "", SQL_PRED_NONE),
    character(oid::kXml, "xml", SQL_WLONGVARCHAR, 0, "", SQL_PRED_NONE),
    TypeInfo{.oid = oid::kBool,
             .name = "bool",
             .sql_type = SQL_BIT,
             .column_size = 1,
             .decimal_digits = kNone,
             .octet_length = 1,
             .display_size = 1,
             .searchable = SQL_PRED_BASIC,
             .family = Family::Boolean},
    exact(oid::kInt8, "int8", SQL_BIGINT, 19, 8, 20, Family::Integer),
    TypeInfo{.oid = oid::kBytea,
             .name = "bytea",
             .sql_type = SQL_LONGVARBINARY,
             .decimal_digits = kNone,
             .literal_prefix = "'\\x",
             .literal_suffix = "'",
             .family = Family::Binary},
    TypeInfo{.oid = oid::kUuid,
             .name = "uuid",
             .sql_type = SQL_GUID,
             .column_size = 36,
             .decimal_digits = kNone,
             .octet_length = 16,
             .display_size = 36,
             .literal_prefix = "'",
             .literal_suffix = "'",
             .searchable = SQL_PRED_BASIC,
             .family = Family::Uuid},
    datetime(oid::kDate, "date", SQL_TYPE_DATE, 10, kNone, 6, Family::Date),
    datetime(oid::kTime, "time", SQL_TYPE_TIME, 15, 6, 6, Family::Time, "precision"),
    datetime(oid::kTimetz, "timetz", SQL_TYPE_TIME, 15, 6, 6, Family::TimeTz, "precision"),
    datetime(oid::kTimestamp, "timestamp", SQL_TYPE_TIMESTAMP, 26, 6, 16, Family::Timestamp,
             "precision"),
    datetime(oid::kTimestamptz, "timestamptz", SQL_TYPE_TIMESTAMP, 26, 6, 16, Family::TimestampTz,
             "precision"),
};

constexpr TypeInfo array(std::uint32_t type_oid, std::string_view name) {
  return character(type_oid, name, SQL_WVARCHAR, 0, "", SQL_PRED_NONE);
}

constexpr std::array kArrayTypes = {
    array(1000, "_bool"),    array(1001, "_bytea"),       array(1002, "_char"),
    array(1003, "_name"),    array(1005, "_int2"),        array(1007, "_int4"),
    array(1009, "_text"),    array(1014, "_bpchar"),      array(1015, "_varchar"),
    array(1016, "_int8"),    array(1021, "_float4"),      array(1022, "_float8"),
    array(1028, "_oid"),     array(1115, "_timestamp"),   array(1182, "_date"),
    array(1183, "_time"),    array(1185, "_timestamptz"), array(1187, "_interval"),
    array(1231, "_numeric"), array(2951, "_uuid"),        array(199, "_json"),
    array(3807, "_jsonb"),
};

constexpr TypeInfo kUnknownType = character(oid::kUnknown, "unknown", SQL_WVARCHAR);

}  // namespace

const TypeInfo& postgres_unknown_type() {
  return kUnknownType;
}

std::span<const TypeInfo> postgres_types() {
  return kTypes;
}
std::span<const TypeInfo> postgres_array_types() {
  return kArrayTypes;
}

}  // namespace pgw::vendor
