#include "odbc/diagnostics.hpp"

#include <array>

namespace pgw::odbc {
namespace {

constexpr std::string_view kPrefix = "[pgwire-odbc]";

// SQLSTATEs whose subclass ODBC defines (SQLGetDiagField, SQL_DIAG_SUBCLASS_ORIGIN), besides
// the whole IM class and the "S" subclasses (01S00, 08S01, 42S02, ...).
constexpr std::array<std::string_view, 13> kOdbcSubclasses = {
    "HY095", "HY097", "HY098", "HY099", "HY100", "HY101", "HY105",
    "HY107", "HY109", "HY110", "HY111", "HYT00", "HYT01"};

std::string server_text(const ServerFields& f) {
  std::string text(f.severity.empty() ? "ERROR" : f.severity);
  text += ": ";
  text += f.message;
  if (!f.detail.empty()) text += "\nDETAIL: " + f.detail;
  if (!f.hint.empty()) text += "\nHINT: " + f.hint;
  if (!f.position.empty()) text += "\nPOSITION: " + f.position;
  return text;
}

}  // namespace

// ODBC: "ISO 9075" for every SQLSTATE class the Open Group / ISO CLI define (HY included), and
// "ODBC 3.0" for the ODBC-specific class IM.
std::string_view class_origin(std::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "IM" ? "ODBC 3.0" : "ISO 9075";
}

std::string_view subclass_origin(std::string_view sqlstate) {
  if (sqlstate.substr(0, 2) == "IM" || (sqlstate.size() == 5 && sqlstate[2] == 'S'))
    return "ODBC 3.0";
  for (auto s : kOdbcSubclasses)
    if (sqlstate == s) return "ODBC 3.0";
  return "ISO 9075";
}

void Diagnostics::clear() {
  records_.clear();
  return_code = SQL_SUCCESS;
  row_count = 0;
  cursor_row_count = 0;
}

void Diagnostics::add(DiagRecord record) {
  if (record.server_name.empty()) record.server_name = server_name;
  records_.push_back(std::move(record));
}

void Diagnostics::add(std::string_view sqlstate, std::string_view message) {
  DiagRecord r;
  r.sqlstate = std::string(sqlstate);
  r.message = std::string(kPrefix) + " " + std::string(message);
  add(std::move(r));
}

void Diagnostics::add(const DriverError& error) {
  DiagRecord r;
  r.sqlstate = error.sqlstate();
  r.native = error.native();
  if (error.from_server()) {
    r.from_server = true;
    r.server = error.server();
    r.message = std::string(kPrefix) + "[server] " + server_text(r.server);
  } else {
    r.message = std::string(kPrefix) + " " + error.what();
  }
  add(std::move(r));
}

bool Diagnostics::has_errors() const {
  for (const auto& r : records_)
    if (r.sqlstate.rfind("01", 0) != 0) return true;
  return false;
}

}  // namespace pgw::odbc
