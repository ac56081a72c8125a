#include "odbc/diag_request.hpp"

#include "odbc/attribute_value.hpp"

namespace pgw::odbc {
namespace {

SQLRETURN text_field(const StringOut& out, std::string_view text, SQLSMALLINT* length) {
  if (out.capacity < 0) return SQL_ERROR;
  const StringOutResult r = write_string(out, text);
  if (length != nullptr) *length = static_cast<SQLSMALLINT>(std::min<SQLLEN>(r.full_length, 32767));
  return r.truncated ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

}  // namespace

SQLRETURN get_diag_rec(Handle& handle, SQLSMALLINT record, void* state, Encoding encoding,
                       SQLINTEGER* native, const StringOut& message, SQLSMALLINT* text_length) {
  if (record <= 0 || message.capacity < 0) return SQL_ERROR;
  const auto& records = handle.diag().records();
  if (static_cast<std::size_t>(record) > records.size()) return SQL_NO_DATA;
  const DiagRecord& r = records[static_cast<std::size_t>(record) - 1];
  if (state != nullptr) write_string(StringOut{state, 6, encoding, LengthUnit::Chars}, r.sqlstate);
  if (native != nullptr) *native = r.native;
  return text_field(message, r.message, text_length);
}

SQLRETURN get_diag_field(Handle& handle, SQLSMALLINT record, SQLSMALLINT identifier,
                         SQLPOINTER value, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                         Encoding encoding) {
  const Diagnostics& d = handle.diag();
  const bool statement = handle.handle_type() == SQL_HANDLE_STMT;
  const StringOut out{value, buffer_length, encoding, LengthUnit::Bytes};

  // Header fields: the record number is ignored.
  switch (identifier) {
    case SQL_DIAG_NUMBER:
      write_integer<SQLINTEGER>(value, length, d.records().size());
      return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
      write_integer<SQLRETURN>(value, length, d.return_code);
      return SQL_SUCCESS;
    case SQL_DIAG_ROW_COUNT:
      if (!statement) return SQL_ERROR;
      write_integer<SQLLEN>(value, length, d.row_count);
      return SQL_SUCCESS;
    case SQL_DIAG_CURSOR_ROW_COUNT:
      if (!statement) return SQL_ERROR;
      write_integer<SQLLEN>(value, length, d.cursor_row_count);
      return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
      if (!statement) return SQL_ERROR;
      write_integer<SQLINTEGER>(value, length, d.dynamic_function_code);
      return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION:
      if (!statement) return SQL_ERROR;
      return text_field(out, d.dynamic_function, length);
    default:
      break;
  }

  // Record fields.
  switch (identifier) {
    case SQL_DIAG_SQLSTATE:
    case SQL_DIAG_NATIVE:
    case SQL_DIAG_MESSAGE_TEXT:
    case SQL_DIAG_CLASS_ORIGIN:
    case SQL_DIAG_SUBCLASS_ORIGIN:
    case SQL_DIAG_CONNECTION_NAME:
    case SQL_DIAG_SERVER_NAME:
    case SQL_DIAG_ROW_NUMBER:
    case SQL_DIAG_COLUMN_NUMBER:
      break;
    default:
      return SQL_ERROR;  // not a diagnostic field ODBC defines
  }
  if (record <= 0) return SQL_ERROR;
  if (static_cast<std::size_t>(record) > d.records().size()) return SQL_NO_DATA;
  const DiagRecord& r = d.records()[static_cast<std::size_t>(record) - 1];
  switch (identifier) {
    case SQL_DIAG_SQLSTATE:
      return text_field(out, r.sqlstate, length);
    case SQL_DIAG_NATIVE:
      write_integer<SQLINTEGER>(value, length, r.native);
      return SQL_SUCCESS;
    case SQL_DIAG_MESSAGE_TEXT:
      return text_field(out, r.message, length);
    case SQL_DIAG_CLASS_ORIGIN:
      return text_field(out, class_origin(r.sqlstate), length);
    case SQL_DIAG_SUBCLASS_ORIGIN:
      return text_field(out, subclass_origin(r.sqlstate), length);
    case SQL_DIAG_CONNECTION_NAME:
    case SQL_DIAG_SERVER_NAME:
      return text_field(out, r.server_name, length);
    case SQL_DIAG_ROW_NUMBER:
      write_integer<SQLLEN>(value, length, r.row_number);
      return SQL_SUCCESS;
    case SQL_DIAG_COLUMN_NUMBER:
      write_integer<SQLINTEGER>(value, length, r.column_number);
      return SQL_SUCCESS;
    default:
      return SQL_ERROR;
  }
}

}  // namespace pgw::odbc
