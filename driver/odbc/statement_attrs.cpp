// SQLSetStmtAttr / SQLGetStmtAttr. Several attributes are views of descriptor header fields
// (ODBC defines them that way); the rest live on the statement.
#include "odbc/attribute_value.hpp"
#include "odbc/statement.hpp"

namespace pgw::odbc {

namespace {

// An attribute value the driver replaced with the one it supports: 01S02, not an error.
void changed(Diagnostics& diag, const char* what) {
  diag.add("01S02", std::string("option value changed: ") + what);
}

}  // namespace

void Statement::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length,
                              Encoding encoding) {
  const SQLULEN v = integer_attribute(value);
  switch (attribute) {
    case SQL_ATTR_APP_ROW_DESC:
    case SQL_ATTR_APP_PARAM_DESC: {
      Descriptor*& slot = attribute == SQL_ATTR_APP_ROW_DESC ? ard_ : apd_;
      Descriptor* implicit =
          attribute == SQL_ATTR_APP_ROW_DESC ? implicit_ard_.get() : implicit_apd_.get();
      Descriptor* next = implicit;
      if (value != nullptr && value != implicit) {
        next = find<Descriptor>(value);
        if (next == nullptr) throw DriverError("HY024", "not a descriptor handle");
        if (!next->is_explicit())
          throw DriverError("HY017", "an implicitly allocated descriptor cannot be used this way");
        if (&next->connection() != &connection_)
          throw DriverError("HY024", "the descriptor belongs to another connection");
      }
      if (slot != implicit) slot->detach(*this);
      slot = next;
      if (next != implicit) next->attach(*this);
      return;
    }
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
      throw DriverError("HY017", "implementation descriptors cannot be replaced");
    case SQL_ATTR_ASYNC_ENABLE:
      if (v != SQL_ASYNC_ENABLE_OFF)
        throw DriverError("HYC00", "asynchronous execution is not supported");
      return;
    case SQL_ATTR_CONCURRENCY:
      if (v != SQL_CONCUR_READ_ONLY)
        changed(diag(), "only read-only cursors (SQL_CONCUR_READ_ONLY)");
      return;
    case SQL_ATTR_CURSOR_TYPE:
      if (v != SQL_CURSOR_FORWARD_ONLY)
        changed(diag(), "only forward-only cursors (SQL_CURSOR_FORWARD_ONLY)");
      return;
    case SQL_ATTR_CURSOR_SCROLLABLE:
      if (v != SQL_NONSCROLLABLE)
        throw DriverError("HYC00", "scrollable cursors are not supported");
      return;
    case SQL_ATTR_CURSOR_SENSITIVITY:
      if (v == SQL_SENSITIVE) throw DriverError("HYC00", "sensitive cursors are not supported");
      if (v != SQL_UNSPECIFIED && v != SQL_INSENSITIVE)
        throw DriverError("HY024", "invalid cursor sensitivity");
      cursor_sensitivity_ = v;
      return;
    case SQL_ATTR_ENABLE_AUTO_IPD:
      if (v != SQL_FALSE)
        throw DriverError("HYC00", "automatic population of the IPD is not supported");
      return;
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
      fetch_bookmark_ptr_ = value;
      return;
    case SQL_ATTR_KEYSET_SIZE:
      if (v != 0)
        changed(diag(), "keyset-driven cursors are not supported (SQL_ATTR_KEYSET_SIZE 0)");
      return;
    case SQL_ATTR_MAX_LENGTH:
      max_length_ = v;
      return;
    case SQL_ATTR_MAX_ROWS:
      max_rows_ = v;
      return;
    case SQL_ATTR_METADATA_ID:
      metadata_id_ = v ? SQL_TRUE : SQL_FALSE;
      return;
    case SQL_ATTR_NOSCAN:
      if (v != SQL_NOSCAN_ON && v != SQL_NOSCAN_OFF)
        throw DriverError("HY024", "invalid SQL_ATTR_NOSCAN value");
      noscan_ = v;
      return;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
      apd_->bind_offset_ptr = value;
      return;
    case SQL_ATTR_PARAM_BIND_TYPE:
      apd_->bind_type = static_cast<SQLINTEGER>(v);
      return;
    case SQL_ATTR_PARAM_OPERATION_PTR:
      apd_->array_status_ptr = value;
      return;
    case SQL_ATTR_PARAM_STATUS_PTR:
      ipd_->array_status_ptr = value;
      return;
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
      ipd_->rows_processed_ptr = value;
      return;
    case SQL_ATTR_PARAMSET_SIZE:
      if (v == 0) throw DriverError("HY024", "SQL_ATTR_PARAMSET_SIZE must be at least 1");
      if (v != 1) throw DriverError("HYC00", "arrays of parameters are not supported yet");
      apd_->array_size = v;
      return;
    case SQL_ATTR_QUERY_TIMEOUT:
      query_timeout_ = v;
      return;
    case SQL_ATTR_RETRIEVE_DATA:
      if (v != SQL_RD_ON && v != SQL_RD_OFF)
        throw DriverError("HY024", "invalid SQL_ATTR_RETRIEVE_DATA value");
      retrieve_data_ = v;
      return;
    case SQL_ATTR_ROW_ARRAY_SIZE:
    case SQL_ROWSET_SIZE:
      if (v == 0) throw DriverError("HY024", "the rowset size must be at least 1");
      ard_->array_size = v;
      return;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
      ard_->bind_offset_ptr = value;
      return;
    case SQL_ATTR_ROW_BIND_TYPE:
      ard_->bind_type = static_cast<SQLINTEGER>(v);
      return;
    case SQL_ATTR_ROW_OPERATION_PTR:
      ard_->array_status_ptr = value;
      return;
    case SQL_ATTR_ROW_STATUS_PTR:
      ird_->array_status_ptr = value;
      return;
    case SQL_ATTR_ROWS_FETCHED_PTR:
      ird_->rows_processed_ptr = value;
      return;
    case SQL_ATTR_ROW_NUMBER:
      throw DriverError("HY024", "SQL_ATTR_ROW_NUMBER is read-only");
    case SQL_ATTR_SIMULATE_CURSOR:
      simulate_cursor_ = v;
      return;
    case SQL_ATTR_USE_BOOKMARKS:
      if (v != SQL_UB_OFF) throw DriverError("HYC00", "bookmarks are not supported");
      return;
    default:
      (void)length;
      (void)encoding;
      throw DriverError("HY092", "invalid statement attribute " + std::to_string(attribute));
  }
}

void Statement::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER,
                              SQLINTEGER* length, Encoding) {
  auto ulen = [&](SQLULEN v) { write_integer<SQLULEN>(value, length, v); };
  auto pointer = [&](SQLPOINTER p) { write_integer<SQLPOINTER>(value, length, p); };
  switch (attribute) {
    case SQL_ATTR_APP_ROW_DESC:
      return pointer(ard_);
    case SQL_ATTR_APP_PARAM_DESC:
      return pointer(apd_);
    case SQL_ATTR_IMP_ROW_DESC:
      return pointer(ird_.get());
    case SQL_ATTR_IMP_PARAM_DESC:
      return pointer(ipd_.get());
    case SQL_ATTR_ASYNC_ENABLE:
      return ulen(SQL_ASYNC_ENABLE_OFF);
    case SQL_ATTR_CONCURRENCY:
      return ulen(SQL_CONCUR_READ_ONLY);
    case SQL_ATTR_CURSOR_TYPE:
      return ulen(SQL_CURSOR_FORWARD_ONLY);
    case SQL_ATTR_CURSOR_SCROLLABLE:
      return ulen(SQL_NONSCROLLABLE);
    case SQL_ATTR_CURSOR_SENSITIVITY:
      return ulen(cursor_sensitivity_);
    case SQL_ATTR_ENABLE_AUTO_IPD:
      return ulen(SQL_FALSE);
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
      return pointer(fetch_bookmark_ptr_);
    case SQL_ATTR_KEYSET_SIZE:
      return ulen(0);
    case SQL_ATTR_MAX_LENGTH:
      return ulen(max_length_);
    case SQL_ATTR_MAX_ROWS:
      return ulen(max_rows_);
    case SQL_ATTR_METADATA_ID:
      return ulen(metadata_id_);
    case SQL_ATTR_NOSCAN:
      return ulen(noscan_);
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
      return pointer(apd_->bind_offset_ptr);
    case SQL_ATTR_PARAM_BIND_TYPE:
      return ulen(SQLULEN(apd_->bind_type));
    case SQL_ATTR_PARAM_OPERATION_PTR:
      return pointer(apd_->array_status_ptr);
    case SQL_ATTR_PARAM_STATUS_PTR:
      return pointer(ipd_->array_status_ptr);
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
      return pointer(ipd_->rows_processed_ptr);
    case SQL_ATTR_PARAMSET_SIZE:
      return ulen(apd_->array_size);
    case SQL_ATTR_QUERY_TIMEOUT:
      return ulen(query_timeout_);
    case SQL_ATTR_RETRIEVE_DATA:
      return ulen(retrieve_data_);
    case SQL_ATTR_ROW_ARRAY_SIZE:
    case SQL_ROWSET_SIZE:
      return ulen(ard_->array_size);
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
      return pointer(ard_->bind_offset_ptr);
    case SQL_ATTR_ROW_BIND_TYPE:
      return ulen(SQLULEN(ard_->bind_type));
    case SQL_ATTR_ROW_OPERATION_PTR:
      return pointer(ard_->array_status_ptr);
    case SQL_ATTR_ROW_STATUS_PTR:
      return pointer(ird_->array_status_ptr);
    case SQL_ATTR_ROWS_FETCHED_PTR:
      return pointer(ird_->rows_processed_ptr);
    case SQL_ATTR_ROW_NUMBER:
      if (!have_row_) throw DriverError("24000", "the cursor is not positioned on a row");
      return ulen(rows_read_);
    case SQL_ATTR_SIMULATE_CURSOR:
      return ulen(simulate_cursor_);
    case SQL_ATTR_USE_BOOKMARKS:
      return ulen(SQL_UB_OFF);
    default:
      throw DriverError("HY092", "invalid statement attribute " + std::to_string(attribute));
  }
}

}  // namespace pgw::odbc
