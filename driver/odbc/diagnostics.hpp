#pragma once
// Diagnostic records of one handle (any number of them), plus the header fields of SQLGetDiagField.
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

struct DiagRecord {
  std::string sqlstate;  // five characters
  SQLINTEGER native = 0;
  std::string message;  // full text as shown to applications (already prefixed)
  SQLLEN row_number = SQL_NO_ROW_NUMBER;
  SQLINTEGER column_number = SQL_NO_COLUMN_NUMBER;
  std::string server_name;  // SQL_DIAG_SERVER_NAME / SQL_DIAG_CONNECTION_NAME
  ServerFields server;      // populated for errors reported by the server
  bool from_server = false;
};

class Diagnostics {
 public:
  void clear();
  void add(DiagRecord record);
  void add(std::string_view sqlstate, std::string_view message);  // a driver-side record
  void add(const DriverError& error);  // from any layer; server errors keep all their fields
  bool empty() const { return records_.empty(); }
  const std::vector<DiagRecord>& records() const { return records_; }
  bool has_errors() const;  // any record whose class is not 01 (warning)

  // Header fields.
  SQLRETURN return_code = SQL_SUCCESS;
  SQLLEN row_count = 0;          // SQL_DIAG_ROW_COUNT
  SQLLEN cursor_row_count = 0;   // SQL_DIAG_CURSOR_ROW_COUNT
  std::string dynamic_function;  // SQL_DIAG_DYNAMIC_FUNCTION
  SQLINTEGER dynamic_function_code = SQL_DIAG_UNKNOWN_STATEMENT;
  std::string server_name;  // copied into records added through add()

 private:
  std::vector<DiagRecord> records_;
};

// SQL_DIAG_CLASS_ORIGIN / SQL_DIAG_SUBCLASS_ORIGIN as ODBC defines them: "ODBC 3.0" for the IM
// class and for the subclasses ODBC added (01S00, 08S01, HYT00, ...), "ISO 9075" for the rest.
std::string_view class_origin(std::string_view sqlstate);
std::string_view subclass_origin(std::string_view sqlstate);

}  // namespace pgw::odbc
