// SQLGetDescField / SQLSetDescField as one generic function over a table of fields.
#include <array>
#include <cstring>

#include "odbc/descriptor.hpp"

namespace pgw::odbc {
namespace {

enum class FieldType : std::uint8_t { SmallInt, Integer, Len, ULen, Pointer, String };

// Which descriptor kinds may read / write a field (ODBC's SQLSetDescField table).
constexpr std::uint8_t kArd = 1, kApd = 2, kIrd = 4, kIpd = 8;
constexpr std::uint8_t kApp = kArd | kApd, kAll = kApp | kIrd | kIpd;

std::uint8_t bit(DescKind k) {
  return std::uint8_t(1u << unsigned(k));
}

using Address = void* (*)(Descriptor&, DescRecord*);

template <auto Member>
void* header(Descriptor& d, DescRecord*) {
  return &(d.*Member);
}
template <auto Member>
void* field(Descriptor&, DescRecord* r) {
  return &(r->*Member);
}

struct FieldSpec {
  SQLSMALLINT id;
  FieldType type;
  bool is_header;
  std::uint8_t read, write;
  Address address;  // nullptr: computed (ALLOC_TYPE, COUNT)
};

constexpr auto S = FieldType::SmallInt, I = FieldType::Integer, L = FieldType::Len,
               U = FieldType::ULen, P = FieldType::Pointer, T = FieldType::String;

const std::array kFields = {
    // header
    FieldSpec{SQL_DESC_ALLOC_TYPE, S, true, kAll, 0, nullptr},
    FieldSpec{SQL_DESC_ARRAY_SIZE, U, true, kApp, kApp, &header<&Descriptor::array_size>},
    FieldSpec{SQL_DESC_ARRAY_STATUS_PTR, P, true, kAll, kAll,
              &header<&Descriptor::array_status_ptr>},
    FieldSpec{SQL_DESC_BIND_OFFSET_PTR, P, true, kApp, kApp, &header<&Descriptor::bind_offset_ptr>},
    FieldSpec{SQL_DESC_BIND_TYPE, I, true, kApp, kApp, &header<&Descriptor::bind_type>},
    FieldSpec{SQL_DESC_COUNT, S, true, kAll, kApp | kIpd, nullptr},
    FieldSpec{SQL_DESC_ROWS_PROCESSED_PTR, P, true, kIrd | kIpd, kIrd | kIpd,
              &header<&Descriptor::rows_processed_ptr>},
    // records
    FieldSpec{SQL_DESC_AUTO_UNIQUE_VALUE, I, false, kIrd, 0,
              &field<&DescRecord::auto_unique_value>},
    FieldSpec{SQL_DESC_BASE_COLUMN_NAME, T, false, kIrd, 0, &field<&DescRecord::base_column_name>},
    FieldSpec{SQL_DESC_BASE_TABLE_NAME, T, false, kIrd, 0, &field<&DescRecord::base_table_name>},
    FieldSpec{SQL_DESC_CASE_SENSITIVE, I, false, kIrd | kIpd, 0,
              &field<&DescRecord::case_sensitive>},
    FieldSpec{SQL_DESC_CATALOG_NAME, T, false, kIrd, 0, &field<&DescRecord::catalog_name>},
    FieldSpec{SQL_DESC_CONCISE_TYPE, S, false, kAll, kApp | kIpd,
              &field<&DescRecord::concise_type>},
    FieldSpec{SQL_DESC_DATA_PTR, P, false, kApp, kApp, &field<&DescRecord::data_ptr>},
    FieldSpec{SQL_DESC_DATETIME_INTERVAL_CODE, S, false, kAll, kApp | kIpd,
              &field<&DescRecord::datetime_interval_code>},
    FieldSpec{SQL_DESC_DATETIME_INTERVAL_PRECISION, I, false, kAll, kApp | kIpd,
              &field<&DescRecord::datetime_interval_precision>},
    FieldSpec{SQL_DESC_DISPLAY_SIZE, L, false, kIrd, 0, &field<&DescRecord::display_size>},
    FieldSpec{SQL_DESC_FIXED_PREC_SCALE, S, false, kIrd | kIpd, 0,
              &field<&DescRecord::fixed_prec_scale>},
    FieldSpec{SQL_DESC_INDICATOR_PTR, P, false, kApp, kApp, &field<&DescRecord::indicator_ptr>},
    FieldSpec{SQL_DESC_LABEL, T, false, kIrd, 0, &field<&DescRecord::label>},
    FieldSpec{SQL_DESC_LENGTH, U, false, kAll, kApp | kIpd, &field<&DescRecord::length>},
    FieldSpec{SQL_DESC_LITERAL_PREFIX, T, false, kIrd, 0, &field<&DescRecord::literal_prefix>},
    FieldSpec{SQL_DESC_LITERAL_SUFFIX, T, false, kIrd, 0, &field<&DescRecord::literal_suffix>},
    FieldSpec{SQL_DESC_LOCAL_TYPE_NAME, T, false, kIrd | kIpd, 0,
              &field<&DescRecord::local_type_name>},
    FieldSpec{SQL_DESC_NAME, T, false, kIrd | kIpd, kIpd, &field<&DescRecord::name>},
    FieldSpec{SQL_DESC_NULLABLE, S, false, kIrd | kIpd, 0, &field<&DescRecord::nullable>},
    FieldSpec{SQL_DESC_NUM_PREC_RADIX, I, false, kAll, kApp | kIpd,
              &field<&DescRecord::num_prec_radix>},
    FieldSpec{SQL_DESC_OCTET_LENGTH, L, false, kAll, kApp | kIpd,
              &field<&DescRecord::octet_length>},
    FieldSpec{SQL_DESC_OCTET_LENGTH_PTR, P, false, kApp, kApp,
              &field<&DescRecord::octet_length_ptr>},
    FieldSpec{SQL_DESC_PARAMETER_TYPE, S, false, kIpd, kIpd, &field<&DescRecord::parameter_type>},
    FieldSpec{SQL_DESC_PRECISION, S, false, kAll, kApp | kIpd, &field<&DescRecord::precision>},
    FieldSpec{SQL_DESC_ROWVER, S, false, kIrd | kIpd, 0, &field<&DescRecord::rowver>},
    FieldSpec{SQL_DESC_SCALE, S, false, kAll, kApp | kIpd, &field<&DescRecord::scale>},
    FieldSpec{SQL_DESC_SCHEMA_NAME, T, false, kIrd, 0, &field<&DescRecord::schema_name>},
    FieldSpec{SQL_DESC_SEARCHABLE, S, false, kIrd, 0, &field<&DescRecord::searchable>},
    FieldSpec{SQL_DESC_TABLE_NAME, T, false, kIrd, 0, &field<&DescRecord::table_name>},
    FieldSpec{SQL_DESC_TYPE, S, false, kAll, kApp | kIpd, &field<&DescRecord::type>},
    FieldSpec{SQL_DESC_TYPE_NAME, T, false, kIrd | kIpd, 0, &field<&DescRecord::type_name>},
    FieldSpec{SQL_DESC_UNNAMED, S, false, kIrd | kIpd, kIpd, &field<&DescRecord::unnamed>},
    FieldSpec{SQL_DESC_UNSIGNED, S, false, kIrd | kIpd, 0, &field<&DescRecord::is_unsigned>},
    FieldSpec{SQL_DESC_UPDATABLE, S, false, kIrd, 0, &field<&DescRecord::updatable>},
};

const FieldSpec& spec_of(SQLSMALLINT id) {
  for (const FieldSpec& f : kFields)
    if (f.id == id) return f;
  throw DriverError("HY091", "invalid descriptor field identifier " + std::to_string(id));
}

template <class T>
void put(SQLPOINTER out, T v) {
  if (out != nullptr) std::memcpy(out, &v, sizeof v);
}

}  // namespace

SQLRETURN Descriptor::get_field(SQLSMALLINT number, SQLSMALLINT id, SQLPOINTER value,
                                SQLINTEGER buffer_length, SQLINTEGER* string_length,
                                Encoding encoding) {
  const FieldSpec& f = spec_of(id);
  if ((f.read & bit(kind_)) == 0)
    throw DriverError("HY091", "this field is not defined for this kind of descriptor");
  if (id == SQL_DESC_ALLOC_TYPE) {
    put<SQLSMALLINT>(value, is_explicit() ? SQL_DESC_ALLOC_USER : SQL_DESC_ALLOC_AUTO);
    return SQL_SUCCESS;
  }
  if (f.is_header && id != SQL_DESC_COUNT) {
    void* at = f.address(*this, nullptr);
    switch (f.type) {
      case FieldType::Integer:
        put(value, *static_cast<SQLINTEGER*>(at));
        break;
      case FieldType::ULen:
        put(value, *static_cast<SQLULEN*>(at));
        break;
      case FieldType::Pointer:
        put(value, *static_cast<SQLPOINTER*>(at));
        break;
      default:
        break;
    }
    return SQL_SUCCESS;
  }
  require_described();
  if (id == SQL_DESC_COUNT) {
    put<SQLSMALLINT>(value, count());
    return SQL_SUCCESS;
  }
  if (number <= 0)
    throw DriverError("07009", "invalid descriptor record number (bookmarks are off)");
  DescRecord* r = find(number);
  if (r == nullptr) return SQL_NO_DATA;
  void* at = f.address(*this, r);
  switch (f.type) {
    case FieldType::SmallInt:
      put(value, *static_cast<SQLSMALLINT*>(at));
      break;
    case FieldType::Integer:
      put(value, *static_cast<SQLINTEGER*>(at));
      break;
    case FieldType::Len:
      put(value, *static_cast<SQLLEN*>(at));
      break;
    case FieldType::ULen:
      put(value, *static_cast<SQLULEN*>(at));
      break;
    case FieldType::Pointer:
      put(value, *static_cast<SQLPOINTER*>(at));
      break;
    case FieldType::String:
      write_string(StringOut{value, buffer_length, encoding, LengthUnit::Bytes},
                   *static_cast<std::string*>(at), string_length, diag());
      break;
  }
  return SQL_SUCCESS;
}

SQLRETURN Descriptor::set_field(SQLSMALLINT number, SQLSMALLINT id, SQLPOINTER value,
                                SQLINTEGER buffer_length, Encoding encoding) {
  const FieldSpec& f = spec_of(id);
  if ((f.write & bit(kind_)) == 0) {
    if (kind_ == DescKind::IRD) throw DriverError("HY016", "an IRD cannot be modified");
    throw DriverError("HY091", "this field cannot be set on this kind of descriptor");
  }
  const auto integer = static_cast<SQLLEN>(reinterpret_cast<std::intptr_t>(value));
  if (f.is_header) {
    if (id == SQL_DESC_COUNT) {
      set_count(static_cast<SQLSMALLINT>(integer));
      return SQL_SUCCESS;
    }
    if (id == SQL_DESC_ARRAY_SIZE && integer <= 0)
      throw DriverError("HY024", "SQL_DESC_ARRAY_SIZE must be at least 1");
    void* at = f.address(*this, nullptr);
    switch (f.type) {
      case FieldType::Integer:
        *static_cast<SQLINTEGER*>(at) = static_cast<SQLINTEGER>(integer);
        break;
      case FieldType::ULen:
        *static_cast<SQLULEN*>(at) = static_cast<SQLULEN>(integer);
        break;
      case FieldType::Pointer:
        *static_cast<SQLPOINTER*>(at) = value;
        break;
      default:
        break;
    }
    return SQL_SUCCESS;
  }
  if (number <= 0)
    throw DriverError("07009", "invalid descriptor record number (bookmarks are off)");
  DescRecord& r = record(number);
  switch (id) {
    case SQL_DESC_TYPE:
    case SQL_DESC_CONCISE_TYPE:
      set_type(r, id, static_cast<SQLSMALLINT>(integer));
      break;
    case SQL_DESC_DATETIME_INTERVAL_CODE:
      r.datetime_interval_code = static_cast<SQLSMALLINT>(integer);
      if (r.type == SQL_DATETIME || r.type == SQL_INTERVAL) set_type(r, SQL_DESC_TYPE, r.type);
      break;
    case SQL_DESC_UNNAMED:
      if (integer != SQL_UNNAMED)
        throw DriverError("HY091", "SQL_DESC_UNNAMED can only be set to SQL_UNNAMED");
      r.unnamed = SQL_UNNAMED;
      r.name.clear();
      break;
    case SQL_DESC_NAME: {
      if (value == nullptr) throw DriverError("HY009", "the name is a null pointer");
      r.name = encoding == Encoding::Utf16
                   ? utf8_from(static_cast<const SQLWCHAR*>(value),
                               buffer_length == SQL_NTS ? SQL_NTS : buffer_length / 2)
                   : utf8_from(static_cast<const SQLCHAR*>(value), buffer_length);
      r.unnamed = SQL_NAMED;
      break;
    }
    default: {
      void* at = f.address(*this, &r);
      switch (f.type) {
        case FieldType::SmallInt:
          *static_cast<SQLSMALLINT*>(at) = static_cast<SQLSMALLINT>(integer);
          break;
        case FieldType::Integer:
          *static_cast<SQLINTEGER*>(at) = static_cast<SQLINTEGER>(integer);
          break;
        case FieldType::Len:
          *static_cast<SQLLEN*>(at) = integer;
          break;
        case FieldType::ULen:
          *static_cast<SQLULEN*>(at) = static_cast<SQLULEN>(integer);
          break;
        case FieldType::Pointer:
          *static_cast<SQLPOINTER*>(at) = value;
          break;
        case FieldType::String:
          break;
      }
    }
  }
  if (is_application()) {
    if (id == SQL_DESC_DATA_PTR) {
      if (value != nullptr) check_consistency(r);
    } else if (id != SQL_DESC_INDICATOR_PTR && id != SQL_DESC_OCTET_LENGTH_PTR) {
      // ODBC: changing any other field of a record unbinds it.
      r.data_ptr = nullptr;
    }
  }
  return SQL_SUCCESS;
}

}  // namespace pgw::odbc
