// Describing results: the IRD from a RowDescription, SQLNumResultCols, SQLDescribeCol,
// SQLColAttribute, and SQLGetTypeInfo (a result the driver builds from the vendor's type table).
#include <algorithm>

#include "odbc/statement.hpp"
#include "vendor/column_shape.hpp"
#include "vendor/pg_oids.hpp"

namespace pgw::odbc {

void Statement::describe_columns(const std::vector<session::Field>& fields) {
  const vendor::SizeOptions options = size_options();
  std::vector<DescRecord>& records = ird_->records();
  records.clear();
  records.reserve(fields.size());
  for (const session::Field& f : fields) {
    const vendor::TypeInfo* found = profile_->find_type(f.type_oid);
    const vendor::TypeInfo& t = found != nullptr ? *found : profile_->fallback_type();
    const vendor::ColumnShape shape = vendor::shape_of(t, f.type_modifier, options);
    DescRecord r = ird_->blank_record();
    r.concise_type = shape.concise_type;
    r.type = shape.verbose_type;
    r.datetime_interval_code = shape.datetime_code;
    r.length = shape.column_size;
    r.octet_length = shape.octet_length;
    r.precision = shape.precision;
    r.scale = shape.scale;
    r.num_prec_radix = shape.num_prec_radix;
    r.display_size = shape.display_size;
    r.nullable = SQL_NULLABLE_UNKNOWN;
    r.name = f.name;
    r.label = f.name;
    r.unnamed = f.name.empty() ? SQL_UNNAMED : SQL_NAMED;
    r.type_name = std::string(t.name);
    r.local_type_name = std::string(t.name);
    r.literal_prefix = std::string(t.literal_prefix);
    r.literal_suffix = std::string(t.literal_suffix);
    r.case_sensitive = t.case_sensitive;
    r.searchable = t.searchable;
    // SQL_DESC_UNSIGNED is SQL_TRUE for unsigned and for non-numeric types.
    r.is_unsigned = t.unsigned_attribute == SQL_FALSE ? SQL_FALSE : SQL_TRUE;
    r.fixed_prec_scale = t.fixed_prec_scale;
    r.auto_unique_value = SQL_FALSE;
    r.updatable = SQL_ATTR_READWRITE_UNKNOWN;
    r.family = t.family;
    r.type_oid = f.type_oid;
    records.push_back(std::move(r));
  }
  described_ = true;
}

void Statement::clear_columns() {
  ird_->records().clear();
  described_ = false;
}

SQLRETURN Statement::num_result_cols(SQLSMALLINT* count) {
  ensure_described();
  if (!described_ && !executed_)
    throw DriverError("HY010", "the statement has not been prepared or executed");
  if (count) *count = ird_->count();
  return SQL_SUCCESS;
}

namespace {

SQLSMALLINT decimal_digits(const DescRecord& r) {
  switch (r.concise_type) {
    case SQL_DECIMAL:
    case SQL_NUMERIC:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
    case SQL_TINYINT:
    case SQL_BIT:
      return r.scale;
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
      return r.precision;
    default:
      return 0;
  }
}

}  // namespace

SQLRETURN Statement::describe_col(SQLUSMALLINT column, const StringOut& name,
                                  SQLSMALLINT* name_length, SQLSMALLINT* sql_type, SQLULEN* size,
                                  SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  ensure_described();
  if (!described_) throw DriverError("HY010", "the statement has not been prepared or executed");
  if (column == 0)
    throw DriverError("07009", "column 0 is the bookmark column, and bookmarks are off");
  const DescRecord* r = ird_->find(static_cast<SQLSMALLINT>(column));
  if (r == nullptr) throw DriverError("07009", "there is no column " + std::to_string(column));
  write_string(name, r->name, name_length, diag());
  if (sql_type) *sql_type = r->concise_type;
  if (size) *size = r->length;
  if (digits) *digits = decimal_digits(*r);
  if (nullable) *nullable = r->nullable;
  return SQL_SUCCESS;
}

SQLRETURN Statement::col_attribute(SQLUSMALLINT column, SQLUSMALLINT field, const StringOut& text,
                                   SQLSMALLINT* length, SQLLEN* number) {
  ensure_described();
  if (!described_) throw DriverError("HY010", "the statement has not been prepared or executed");
  if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
    if (number) *number = ird_->count();
    return SQL_SUCCESS;
  }
  if (column == 0)
    throw DriverError("07009", "column 0 is the bookmark column, and bookmarks are off");
  const DescRecord* r = ird_->find(static_cast<SQLSMALLINT>(column));
  if (r == nullptr) throw DriverError("07009", "there is no column " + std::to_string(column));

  auto string = [&](const std::string& value) {
    write_string(text, value, length, diag());
    return SQL_SUCCESS;
  };
  auto integer = [&](SQLLEN value) {
    if (number) *number = value;
    return SQL_SUCCESS;
  };
  switch (field) {
    case SQL_DESC_NAME:
    case SQL_COLUMN_NAME:
      return string(r->name);
    case SQL_DESC_LABEL:
      return string(r->label);
    case SQL_DESC_BASE_COLUMN_NAME:
      return string(r->base_column_name);
    case SQL_DESC_BASE_TABLE_NAME:
      return string(r->base_table_name);
    case SQL_DESC_TABLE_NAME:
      return string(r->table_name);
    case SQL_DESC_SCHEMA_NAME:
      return string(r->schema_name);
    case SQL_DESC_CATALOG_NAME:
      return string(r->catalog_name);
    case SQL_DESC_TYPE_NAME:
      return string(r->type_name);
    case SQL_DESC_LOCAL_TYPE_NAME:
      return string(r->local_type_name);
    case SQL_DESC_LITERAL_PREFIX:
      return string(r->literal_prefix);
    case SQL_DESC_LITERAL_SUFFIX:
      return string(r->literal_suffix);
    case SQL_DESC_CONCISE_TYPE:
      return integer(r->concise_type);
    case SQL_DESC_TYPE:
      return integer(r->type);
    case SQL_DESC_LENGTH:
      return integer(SQLLEN(r->length));
    case SQL_DESC_OCTET_LENGTH:
      return integer(r->octet_length);
    case SQL_DESC_PRECISION:
      return integer(r->precision);
    case SQL_DESC_SCALE:
      return integer(r->scale);
    case SQL_DESC_DISPLAY_SIZE:
      return integer(r->display_size);
    case SQL_DESC_NULLABLE:
    case SQL_COLUMN_NULLABLE:
      return integer(r->nullable);
    case SQL_DESC_UNSIGNED:
      return integer(r->is_unsigned);
    case SQL_DESC_FIXED_PREC_SCALE:
      return integer(r->fixed_prec_scale);
    case SQL_DESC_AUTO_UNIQUE_VALUE:
      return integer(r->auto_unique_value);
    case SQL_DESC_CASE_SENSITIVE:
      return integer(r->case_sensitive);
    case SQL_DESC_SEARCHABLE:
      return integer(r->searchable);
    case SQL_DESC_UPDATABLE:
      return integer(r->updatable);
    case SQL_DESC_UNNAMED:
      return integer(r->unnamed);
    case SQL_DESC_NUM_PREC_RADIX:
      return integer(r->num_prec_radix);
    case SQL_DESC_DATETIME_INTERVAL_CODE:
      return integer(r->datetime_interval_code);
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
      return integer(r->datetime_interval_precision);
    case SQL_DESC_ROWVER:
      return integer(r->rowver);
    // ODBC 2 meanings: LENGTH is the transfer octet length, PRECISION the column size.
    case SQL_COLUMN_LENGTH:
      return integer(r->octet_length);
    case SQL_COLUMN_PRECISION:
      return integer(SQLLEN(std::min<SQLULEN>(r->length, 0x7fffffff)));
    case SQL_COLUMN_SCALE:
      return integer(decimal_digits(*r));
    default:
      throw DriverError("HY091", "invalid descriptor field identifier " + std::to_string(field));
  }
}

// ---------------------------------------------------------------------------------------------
// SQLGetTypeInfo

namespace {

session::Field column(const char* name, std::uint32_t type_oid) {
  session::Field f;
  f.name = name;
  f.type_oid = type_oid;
  f.type_size = type_oid == vendor::oid::kInt2 ? 2 : type_oid == vendor::oid::kInt4 ? 4 : -1;
  return f;
}

std::optional<std::string> number(SQLLEN v) {
  return std::to_string(v);
}
std::optional<std::string> number_or_null(SQLLEN v, SQLLEN null_marker) {
  return v == null_marker ? std::nullopt : number(v);
}
std::optional<std::string> text_or_null(std::string_view v) {
  return v.empty() ? std::nullopt : std::optional<std::string>(std::string(v));
}

SQLSMALLINT odbc3_type(SQLSMALLINT t) {
  switch (t) {
    case SQL_DATE:
      return SQL_TYPE_DATE;
    case SQL_TIME:
      return SQL_TYPE_TIME;
    case SQL_TIMESTAMP:
      return SQL_TYPE_TIMESTAMP;
    default:
      return t;
  }
}

}  // namespace

SQLRETURN Statement::get_type_info(SQLSMALLINT data_type) {
  require_no_cursor();
  discard_pending();
  unprepare();
  data_type = odbc3_type(data_type);
  using vendor::oid::kInt2;
  using vendor::oid::kInt4;
  using vendor::oid::kVarchar;
  auto reply = std::make_unique<RecordedReply>();
  reply->add_fields({column("TYPE_NAME", kVarchar), column("DATA_TYPE", kInt2),
                     column("COLUMN_SIZE", kInt4), column("LITERAL_PREFIX", kVarchar),
                     column("LITERAL_SUFFIX", kVarchar), column("CREATE_PARAMS", kVarchar),
                     column("NULLABLE", kInt2), column("CASE_SENSITIVE", kInt2),
                     column("SEARCHABLE", kInt2), column("UNSIGNED_ATTRIBUTE", kInt2),
                     column("FIXED_PREC_SCALE", kInt2), column("AUTO_UNIQUE_VALUE", kInt2),
                     column("LOCAL_TYPE_NAME", kVarchar), column("MINIMUM_SCALE", kInt2),
                     column("MAXIMUM_SCALE", kInt2), column("SQL_DATA_TYPE", kInt2),
                     column("SQL_DATETIME_SUB", kInt2), column("NUM_PREC_RADIX", kInt4),
                     column("INTERVAL_PRECISION", kInt2)});

  // Each type under its SQL type; a Unicode character type also under its narrow counterpart, so
  // that applications asking for SQL_VARCHAR find varchar.
  struct Row {
    SQLSMALLINT sql_type;
    std::size_t order;
    const vendor::TypeInfo* type;
  };
  const vendor::SizeOptions options = size_options();
  std::vector<Row> rows;
  const auto types = profile_->types();
  for (std::size_t i = 0; i < types.size(); ++i) {
    const SQLSMALLINT t = vendor::effective_sql_type(types[i], options);
    rows.push_back({t, i, &types[i]});
    const SQLSMALLINT narrow = vendor::narrow_char_type(t);
    if (narrow != t) rows.push_back({narrow, i, &types[i]});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.sql_type != b.sql_type ? a.sql_type < b.sql_type : a.order < b.order;
  });
  std::size_t count = 0;
  for (const Row& row : rows) {
    if (data_type != SQL_ALL_TYPES && row.sql_type != data_type) continue;
    const vendor::TypeInfo& t = *row.type;
    const vendor::ColumnShape shape = vendor::shape_of(t, -1, options);
    SQLSMALLINT verbose = 0, code = 0;
    vendor::split_concise_type(row.sql_type, verbose, code);
    reply->add_row({std::string(t.name), number(row.sql_type), number(SQLLEN(shape.column_size)),
                    text_or_null(t.literal_prefix), text_or_null(t.literal_suffix),
                    text_or_null(t.create_params), number(SQL_NULLABLE), number(t.case_sensitive),
                    number(t.searchable), number_or_null(t.unsigned_attribute, -1),
                    number(t.fixed_prec_scale), number_or_null(t.auto_unique, -1),
                    std::string(t.name), number_or_null(t.minimum_scale, -1),
                    number_or_null(t.maximum_scale, -1), number(verbose),
                    code == 0 ? std::nullopt : number(code), number_or_null(t.num_prec_radix, 0),
                    std::nullopt});
    ++count;
  }
  reply->add_command_complete("SELECT " + std::to_string(count));
  reply->add(session::Event::ReadyForQuery);
  reply_ = std::move(reply);
  single_statement_ = true;
  read_only_request_ = true;
  executed_ = true;
  advance_result();
  return SQL_SUCCESS;
}

}  // namespace pgw::odbc
