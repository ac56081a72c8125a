#include "odbc/diagnostics.hpp"

#include <array>

namespace pgw::odbc {
namespace {

constexpr std::string_view kPrefix = "[pgwire-odbc]";

// The SQLSTATE classes the SQL standard defines; any other class (IM, HY, and the 01S/07S/08S/21S/
// 42S/HY... subclasses ODBC adds) originates in ODBC.
constexpr std::array<std::string_view, 26> kIsoClasses = {
    "01", "02", "07", "08", "0A", "21", "22", "23", "24", "25", "26", "27", "28",
    "2A", "2B", "2C", "2D", "2E", "33", "34", "35", "37", "3C", "3D", "3F", "40"};

bool iso_class(std::string_view sqlstate) {
  if (sqlstate.size() < 2) return false;
  for (auto c : kIsoClasses)
    if (sqlstate.substr(0, 2) == c) return true;
  return sqlstate.substr(0, 2) == "42" || sqlstate.substr(0, 2) == "44" ||
         sqlstate.substr(0, 2) == "HZ";
}

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

std::string_view class_origin(std::string_view sqlstate) {
  return iso_class(sqlstate) ? "ISO 9075" : "ODBC 3.0";
}

std::string_view subclass_origin(std::string_view sqlstate) {
  // ODBC-defined subclasses of ISO classes (01S00, 08S01, 42S02, ...) carry an 'S' after the class.
  if (sqlstate.size() == 5 && iso_class(sqlstate) && sqlstate[2] != 'S' && sqlstate != "HY000")
    return "ISO 9075";
  if (sqlstate.size() == 5 && sqlstate.substr(2) == "000") return class_origin(sqlstate);
  return "ODBC 3.0";
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
