#pragma once
// The work of the setup library's ConfigDSN, without the C ABI, so unit tests reach it.
#include <stdexcept>
#include <string>
#include <string_view>

#include "config/odbc_ini.hpp"

namespace pgw::config {

// A failure reported to the installer through SQLPostInstallerError (ODBC_ERROR_* code).
class InstallerError : public std::runtime_error {
 public:
  InstallerError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const noexcept { return code_; }

 private:
  int code_;
};

enum class DsnRequest { Add, Configure, Remove };

// An installer attribute list: "key=value\0key=value\0\0". Entries without '=' are refused
// (ODBC_ERROR_INVALID_KEYWORD_VALUE); whitespace around keys and values is dropped.
IniEntries parse_attribute_list(const char* list);

// Adds, updates or removes the DSN named by the DSN attribute in odbc.ini (the file the current
// config mode selects: SQLConfigDataSource sets user or system mode before calling ConfigDSN).
//  - Every key must be a registry option and every value valid: a DSN written here always resolves.
//    Nothing is written when any attribute is refused.
//  - Keys are written in their canonical spelling; other spellings of the same option already in
//  the
//    section (Servername, Host, ...) are removed, so the value written is the value read.
//  - Add replaces an existing DSN of that name; Configure requires it to exist and leaves keys not
//    mentioned untouched (an empty value of a typed option removes the key: back to the default).
//  - The Driver attribute is ignored: the driver is `driver` (Add) or the DSN's current one.
// Throws InstallerError.
void configure_dsn(DsnRequest request, std::string_view driver, const IniEntries& attributes);

}  // namespace pgw::config
