#pragma once
// Descriptors (SQL_HANDLE_DESC): the ARD/APD an application binds buffers in, the IRD that
// describes a result's columns and the IPD that describes parameters. Each statement owns four
// implicit ones; applications may allocate explicit ones on the connection and use them as a
// statement's ARD/APD.
//
// SQLGetDescField/SQLSetDescField work from one table of fields (descriptor_fields.cpp): each
// field's C type, where it lives, and which descriptor kinds may read and write it.
#include <cstdint>
#include <string>
#include <vector>

#include "convert/family.hpp"
#include "odbc/handle.hpp"
#include "odbc/strings.hpp"

namespace pgw::odbc {

class Connection;
class Statement;

enum class DescKind : std::uint8_t { ARD, APD, IRD, IPD };

struct DescRecord {
  SQLSMALLINT type = 0;          // SQL_DESC_TYPE (verbose: SQL_DATETIME for date/time types)
  SQLSMALLINT concise_type = 0;  // SQL_DESC_CONCISE_TYPE
  SQLSMALLINT datetime_interval_code = 0;
  SQLINTEGER datetime_interval_precision = 0;
  SQLULEN length = 0;
  SQLLEN octet_length = 0;
  SQLSMALLINT precision = 0;
  SQLSMALLINT scale = 0;
  SQLINTEGER num_prec_radix = 0;
  SQLSMALLINT nullable = SQL_NULLABLE_UNKNOWN;
  SQLSMALLINT unnamed = SQL_UNNAMED;
  std::string name;

  // Application descriptors.
  SQLPOINTER data_ptr = nullptr;
  SQLPOINTER indicator_ptr = nullptr;     // SQLLEN*
  SQLPOINTER octet_length_ptr = nullptr;  // SQLLEN*

  // IPD.
  SQLSMALLINT parameter_type = SQL_PARAM_INPUT;

  // Implementation row descriptor (some also IPD).
  SQLINTEGER auto_unique_value = SQL_FALSE;
  SQLINTEGER case_sensitive = SQL_FALSE;
  SQLSMALLINT fixed_prec_scale = SQL_FALSE;
  SQLSMALLINT searchable = SQL_PRED_NONE;
  SQLSMALLINT is_unsigned = SQL_TRUE;
  SQLSMALLINT updatable = SQL_ATTR_READWRITE_UNKNOWN;
  SQLSMALLINT rowver = SQL_FALSE;
  SQLLEN display_size = 0;
  std::string base_column_name, base_table_name, catalog_name, label, literal_prefix,
      literal_suffix, local_type_name, schema_name, table_name, type_name;

  // How the driver reads the column's text (IRD).
  convert::Family family = convert::Family::Text;
  std::uint32_t type_oid = 0;
};

class Descriptor : public Handle {
 public:
  static constexpr SQLSMALLINT kHandleType = SQL_HANDLE_DESC;

  // An implicit descriptor of `owner`.
  Descriptor(Connection& connection, DescKind kind, Statement* owner);
  ~Descriptor() override;

  // SQLAllocHandle(SQL_HANDLE_DESC): an explicit descriptor the connection owns.
  static Descriptor& create_explicit(Connection& connection);
  // SQLFreeHandle(SQL_HANDLE_DESC) of an explicit descriptor: statements using it go back to their
  // implicit ARD/APD. The caller holds no lock on it.
  static void destroy(Descriptor& descriptor);

  DescKind kind() const { return kind_; }
  bool is_application() const { return kind_ == DescKind::ARD || kind_ == DescKind::APD; }
  bool is_explicit() const { return owner_ == nullptr; }
  Connection& connection() const { return connection_; }
  Statement* owner() const { return owner_; }

  // --- header fields ---
  SQLULEN array_size = 1;
  SQLPOINTER array_status_ptr = nullptr;  // SQLUSMALLINT*
  SQLPOINTER bind_offset_ptr = nullptr;   // SQLLEN*
  SQLINTEGER bind_type = SQL_BIND_BY_COLUMN;
  SQLPOINTER rows_processed_ptr = nullptr;  // SQLULEN*

  // --- records (numbered from 1; record 0, the bookmark, is not supported) ---
  SQLSMALLINT count() const { return static_cast<SQLSMALLINT>(records_.size()); }
  void set_count(SQLSMALLINT count);
  DescRecord& record(SQLSMALLINT number);  // grows the count to `number` if needed
  DescRecord* find(SQLSMALLINT number);    // nullptr beyond the count
  const DescRecord* find(SQLSMALLINT number) const;
  std::vector<DescRecord>& records() { return records_; }
  // Drops trailing records that hold no binding (SQLBindCol / SQLFreeStmt(SQL_UNBIND)).
  void trim_unbound();
  // A fresh record for this kind of descriptor.
  DescRecord blank_record() const;

  // Sets SQL_DESC_TYPE or SQL_DESC_CONCISE_TYPE and the fields ODBC resets with it.
  void set_type(DescRecord& r, SQLSMALLINT field, SQLSMALLINT value) const;
  // The consistency check of SQLSetDescField(SQL_DESC_DATA_PTR) / SQLSetDescRec: HY021 if failed.
  void check_consistency(const DescRecord& r) const;

  // --- API logic ---
  SQLRETURN get_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                      SQLINTEGER buffer_length, SQLINTEGER* string_length, Encoding encoding);
  SQLRETURN set_field(SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                      SQLINTEGER buffer_length, Encoding encoding);
  SQLRETURN get_record(SQLSMALLINT record, const StringOut& name, SQLSMALLINT* name_length,
                       SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                       SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable);
  SQLRETURN set_record(SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype, SQLLEN length,
                       SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data,
                       SQLLEN* string_length, SQLLEN* indicator);
  // SQLCopyDesc: everything but SQL_DESC_ALLOC_TYPE, from `source` (already locked by the caller).
  void copy_from(const Descriptor& source);

  // Statements whose ARD or APD this explicit descriptor is.
  void attach(Statement& statement);
  void detach(Statement& statement);

 private:
  // HY007 when this is an IRD whose statement has no result description yet.
  void require_described() const;

  Connection& connection_;
  DescKind kind_;
  Statement* owner_;
  std::vector<DescRecord> records_;
  std::vector<Statement*> users_;
};

// SQLCopyDesc: finds and locks the source (SQL_INVALID_HANDLE if it is not a descriptor), then
// copies it into `target` (locked by the caller).
SQLRETURN copy_descriptor(const void* source, Descriptor& target);

}  // namespace pgw::odbc
