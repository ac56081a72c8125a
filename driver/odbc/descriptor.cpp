#include "odbc/descriptor.hpp"

#include <algorithm>

#include "convert/c_types.hpp"
#include "convert/to_c.hpp"
#include "odbc/connection.hpp"
#include "odbc/statement.hpp"
#include "vendor/column_shape.hpp"

namespace pgw::odbc {

Descriptor::Descriptor(Connection& connection, DescKind kind, Statement* owner)
    : Handle(SQL_HANDLE_DESC), connection_(connection), kind_(kind), owner_(owner) {}

Descriptor::~Descriptor() {
  // Only an explicit descriptor has users, and statements die before descriptors do; this covers
  // any order anyway.
  for (Statement* s : std::vector<Statement*>(users_)) s->forget_descriptor(*this);
}

Descriptor& Descriptor::create_explicit(Connection& connection) {
  if (!connection.connected()) throw DriverError("08003", "the connection is not open");
  auto d = std::make_unique<Descriptor>(connection, DescKind::ARD, nullptr);
  return static_cast<Descriptor&>(connection.adopt(std::move(d)));
}

void Descriptor::destroy(Descriptor& descriptor) {
  if (!descriptor.is_explicit())
    throw DriverError("HY017", "an implicitly allocated descriptor cannot be freed");
  for (Statement* s : std::vector<Statement*>(descriptor.users_)) s->forget_descriptor(descriptor);
  descriptor.users_.clear();
  descriptor.connection_.release(descriptor);  // the returned owner destroys it here
}

void Descriptor::attach(Statement& statement) {
  if (std::find(users_.begin(), users_.end(), &statement) == users_.end())
    users_.push_back(&statement);
}

void Descriptor::detach(Statement& statement) {
  users_.erase(std::remove(users_.begin(), users_.end(), &statement), users_.end());
}

DescRecord Descriptor::blank_record() const {
  DescRecord r;
  if (is_application()) {
    r.type = SQL_C_DEFAULT;
    r.concise_type = SQL_C_DEFAULT;
  }
  return r;
}

void Descriptor::set_count(SQLSMALLINT count) {
  if (count < 0) throw DriverError("07009", "SQL_DESC_COUNT cannot be negative");
  records_.resize(std::size_t(count), blank_record());
}

DescRecord& Descriptor::record(SQLSMALLINT number) {
  if (number < 1) throw DriverError("07009", "invalid descriptor record number");
  if (number > count()) set_count(number);
  return records_[std::size_t(number - 1)];
}

DescRecord* Descriptor::find(SQLSMALLINT number) {
  return number >= 1 && number <= count() ? &records_[std::size_t(number - 1)] : nullptr;
}

const DescRecord* Descriptor::find(SQLSMALLINT number) const {
  return number >= 1 && number <= count() ? &records_[std::size_t(number - 1)] : nullptr;
}

void Descriptor::trim_unbound() {
  while (!records_.empty() && records_.back().data_ptr == nullptr &&
         records_.back().indicator_ptr == nullptr && records_.back().octet_length_ptr == nullptr)
    records_.pop_back();
}

void Descriptor::set_type(DescRecord& r, SQLSMALLINT field, SQLSMALLINT value) const {
  if (field == SQL_DESC_CONCISE_TYPE || (value != SQL_DATETIME && value != SQL_INTERVAL)) {
    r.concise_type = value;
    vendor::split_concise_type(value, r.type, r.datetime_interval_code);
  } else {
    // SQL_DESC_TYPE = SQL_DATETIME / SQL_INTERVAL: the subcode says which one.
    r.type = value;
    if (value == SQL_DATETIME && r.datetime_interval_code >= SQL_CODE_DATE &&
        r.datetime_interval_code <= SQL_CODE_TIMESTAMP)
      r.concise_type = SQLSMALLINT(SQL_TYPE_DATE - SQL_CODE_DATE + r.datetime_interval_code);
    else if (value == SQL_INTERVAL && r.datetime_interval_code >= SQL_CODE_YEAR &&
             r.datetime_interval_code <= SQL_CODE_MINUTE_TO_SECOND)
      r.concise_type = SQLSMALLINT(100 + r.datetime_interval_code);
  }
  // The fields ODBC resets when the type is set (SQLSetDescField, "SQL_DESC_TYPE").
  switch (r.concise_type) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
      r.length = 1;
      r.precision = 0;
      break;
    case SQL_DECIMAL:
    case SQL_NUMERIC:
      r.scale = 0;
      r.precision = convert::kDefaultNumericPrecision;
      break;
    case SQL_FLOAT:
    case SQL_DOUBLE:
      r.precision = 53;
      break;
    case SQL_REAL:
      r.precision = 24;
      break;
    case SQL_TYPE_DATE:
    case SQL_TYPE_TIME:
      r.precision = 0;
      break;
    case SQL_TYPE_TIMESTAMP:
      r.precision = 6;
      break;
    default:
      break;
  }
}

void Descriptor::check_consistency(const DescRecord& r) const {
  if (!is_application()) return;
  SQLSMALLINT c = r.concise_type;
  if (c != SQL_C_DEFAULT && !convert::known_c_type(c))
    throw DriverError("HY021", "the record's C type is not one this driver supports");
  if (c == SQL_C_NUMERIC && (r.precision < 1 || r.precision > 38 || r.scale > r.precision))
    throw DriverError("HY021", "SQL_C_NUMERIC needs a precision of 1..38 and a scale not above it");
  if (r.type == SQL_DATETIME &&
      (r.datetime_interval_code < SQL_CODE_DATE || r.datetime_interval_code > SQL_CODE_TIMESTAMP))
    throw DriverError("HY021", "SQL_DATETIME needs a valid SQL_DESC_DATETIME_INTERVAL_CODE");
}

void Descriptor::require_described() const {
  if (kind_ == DescKind::IRD && owner_ != nullptr && !owner_->described())
    throw DriverError("HY007", "the statement has not been prepared or executed");
}

SQLRETURN Descriptor::get_record(SQLSMALLINT number, const StringOut& name,
                                 SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* subtype,
                                 SQLLEN* length, SQLSMALLINT* precision, SQLSMALLINT* scale,
                                 SQLSMALLINT* nullable) {
  require_described();
  if (number < 0 || number == 0) throw DriverError("07009", "invalid descriptor record number");
  const DescRecord* r = find(number);
  if (r == nullptr) return SQL_NO_DATA;
  write_string(name, r->name, name_length, diag());
  if (type) *type = r->type;
  if (subtype) *subtype = r->datetime_interval_code;
  if (length) *length = r->octet_length;
  if (precision) *precision = r->precision;
  if (scale) *scale = r->scale;
  if (nullable) *nullable = r->nullable;
  return SQL_SUCCESS;
}

SQLRETURN Descriptor::set_record(SQLSMALLINT number, SQLSMALLINT type, SQLSMALLINT subtype,
                                 SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale,
                                 SQLPOINTER data, SQLLEN* string_length, SQLLEN* indicator) {
  if (kind_ == DescKind::IRD) throw DriverError("HY016", "an IRD cannot be modified");
  if (number < 1) throw DriverError("07009", "invalid descriptor record number");
  DescRecord& r = record(number);
  r.datetime_interval_code = subtype;
  set_type(r, SQL_DESC_TYPE, type);
  r.octet_length = length;
  r.precision = precision;
  r.scale = scale;
  if (is_application()) {
    r.data_ptr = data;
    r.octet_length_ptr = string_length;
    r.indicator_ptr = indicator;
    if (data != nullptr) check_consistency(r);
  }
  return SQL_SUCCESS;
}

void Descriptor::copy_from(const Descriptor& source) {
  if (kind_ == DescKind::IRD) throw DriverError("HY016", "an IRD cannot be modified");
  source.require_described();
  array_size = source.array_size;
  array_status_ptr = source.array_status_ptr;
  bind_offset_ptr = source.bind_offset_ptr;
  bind_type = source.bind_type;
  rows_processed_ptr = source.rows_processed_ptr;
  records_ = source.records_;
}

SQLRETURN copy_descriptor(const void* source, Descriptor& target) {
  Descriptor* from = find<Descriptor>(source);
  if (from == nullptr) return SQL_INVALID_HANDLE;
  std::lock_guard lock(from->mutex());
  target.copy_from(*from);
  return SQL_SUCCESS;
}

}  // namespace pgw::odbc
