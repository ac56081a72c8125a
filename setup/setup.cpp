// libpgwireodbcS.so: the ODBC installer entry points, without a GUI.
//  - ConfigDSN / ConfigDSNW: add, configure, remove a DSN from an attribute list
//    (SQLConfigDataSource). unixODBC calls ConfigDSN when it exists; ConfigDSNW is for other
//    callers.
//  - ConfigDriver / ConfigDriverW: nothing to do at driver level; accepted.
//  - ODBCINSTGetProperties: unixODBC's property list for DSN editors (ODBCConfig and the like),
//    built from the option registry.
// Only these symbols are exported (exports.map).

// unixODBC's SQLWCHAR is 16-bit; a stray SQL_WCHART_CONVERT (even defined as 0) would make it
// wchar_t and break the W entry points' ABI.
#undef SQL_WCHART_CONVERT

#include <odbcinst.h>
#include <odbcinstext.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "common/unicode.hpp"
#include "config/dsn_setup.hpp"
#include "config/options.hpp"

namespace {

using pgw::config::DsnRequest;
using pgw::config::InstallerError;

static_assert(sizeof(SQLWCHAR) == 2, "unixODBC's SQLWCHAR is 16-bit");

// odbcinstext.h's TRUE/FALSE are hidden behind UNIXODBC_SOURCE (and end in ';').
constexpr BOOL kTrue = 1;
constexpr BOOL kFalse = 0;

// Runs `body`, turning exceptions into installer errors; returns FALSE on failure.
template <class Body>
BOOL guarded(Body&& body) {
  try {
    body();
    return kTrue;
  } catch (const InstallerError& e) {
    SQLPostInstallerError(static_cast<DWORD>(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    SQLPostInstallerError(ODBC_ERROR_OUT_OF_MEM, "Out of memory");
  } catch (const std::exception& e) {
    SQLPostInstallerError(ODBC_ERROR_GENERAL_ERR, e.what());
  } catch (...) {
    SQLPostInstallerError(ODBC_ERROR_GENERAL_ERR, "Unexpected error");
  }
  return kFalse;
}

// Restores the installer's config mode when a system-DSN request had to switch it.
class ConfigModeScope {
 public:
  explicit ConfigModeScope(UWORD mode) {
    active_ = SQLGetConfigMode(&saved_) && SQLSetConfigMode(mode);
  }
  ~ConfigModeScope() {
    if (active_) SQLSetConfigMode(saved_);
  }
  ConfigModeScope(const ConfigModeScope&) = delete;
  ConfigModeScope& operator=(const ConfigModeScope&) = delete;

 private:
  UWORD saved_ = ODBC_BOTH_DSN;
  bool active_ = false;
};

void config_dsn(WORD request, const char* driver, const char* attributes) {
  const pgw::config::IniEntries entries = pgw::config::parse_attribute_list(attributes);
  const std::string driver_name = driver != nullptr ? driver : "";
  // unixODBC maps the *_SYS_DSN requests itself before calling us; other callers may not.
  switch (request) {
    case ODBC_ADD_DSN:
      return pgw::config::configure_dsn(DsnRequest::Add, driver_name, entries);
    case ODBC_CONFIG_DSN:
      return pgw::config::configure_dsn(DsnRequest::Configure, driver_name, entries);
    case ODBC_REMOVE_DSN:
      return pgw::config::configure_dsn(DsnRequest::Remove, driver_name, entries);
    case ODBC_ADD_SYS_DSN: {
      ConfigModeScope system(ODBC_SYSTEM_DSN);
      return pgw::config::configure_dsn(DsnRequest::Add, driver_name, entries);
    }
    case ODBC_CONFIG_SYS_DSN: {
      ConfigModeScope system(ODBC_SYSTEM_DSN);
      return pgw::config::configure_dsn(DsnRequest::Configure, driver_name, entries);
    }
    case ODBC_REMOVE_SYS_DSN: {
      ConfigModeScope system(ODBC_SYSTEM_DSN);
      return pgw::config::configure_dsn(DsnRequest::Remove, driver_name, entries);
    }
    default:
      throw InstallerError(ODBC_ERROR_INVALID_REQUEST_TYPE,
                           "Unsupported ConfigDSN request " + std::to_string(request));
  }
}

std::string from_wide(const SQLWCHAR* text) {
  if (text == nullptr) return {};
  return pgw::common::utf16_to_utf8(text, pgw::common::utf16_length(text));
}

// A double-NUL-terminated list of NUL-terminated UTF-16 strings, as UTF-8 in the same shape.
std::string from_wide_list(const SQLWCHAR* list) {
  std::string out;
  if (list == nullptr) return std::string(2, '\0');
  const SQLWCHAR* p = list;
  while (*p != 0) {
    const std::size_t len = pgw::common::utf16_length(p);
    out += pgw::common::utf16_to_utf8(p, len);
    out += '\0';
    p += len + 1;
  }
  out += '\0';
  return out;
}

void config_driver(WORD request) {
  switch (request) {
    case ODBC_INSTALL_DRIVER:
    case ODBC_REMOVE_DRIVER:
    case ODBC_CONFIG_DRIVER:
      return;  // no driver-level settings: everything is per data source
    default:
      throw InstallerError(ODBC_ERROR_INVALID_REQUEST_TYPE,
                           "Unsupported ConfigDriver request " + std::to_string(request));
  }
}

// Properties are freed by odbcinst with free(): allocate them with malloc. aPromptData's elements
// are not freed and point at string literals here, which stay valid because this library is linked
// -z nodelete (odbcinst dlcloses it right after ODBCINSTGetProperties returns).
const char* const kBoolChoices[] = {"1", "0", nullptr};

HODBCINSTPROPERTY new_property(const pgw::config::OptionDesc& desc) {
  auto* p = static_cast<HODBCINSTPROPERTY>(std::calloc(1, sizeof(ODBCINSTPROPERTY)));
  if (p == nullptr) return nullptr;
  std::strncpy(p->szName, std::string(desc.key).c_str(), INI_MAX_PROPERTY_NAME);
  std::strncpy(p->szValue, std::string(desc.default_value).c_str(), INI_MAX_PROPERTY_VALUE);
  p->pszHelp = strdup(std::string(desc.help).c_str());
  p->nPromptType =
      desc.secret ? ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD : ODBCINST_PROMPTTYPE_TEXTEDIT;
  std::vector<const char*> choices;
  if (desc.type == pgw::config::OptionType::Bool) {
    for (const char* const* c = kBoolChoices; *c != nullptr; ++c) choices.push_back(*c);
  } else if (desc.type == pgw::config::OptionType::Enum) {
    for (const std::string_view v : desc.allowed)
      choices.push_back(v.data());  // literals: NUL-ended
  }
  if (!choices.empty()) {
    auto** data = static_cast<char**>(std::calloc(choices.size() + 1, sizeof(char*)));
    if (data != nullptr) {
      for (std::size_t i = 0; i < choices.size(); ++i) data[i] = const_cast<char*>(choices[i]);
      p->aPromptData = data;
      p->nPromptType = ODBCINST_PROMPTTYPE_LISTBOX;
    }
  }
  return p;
}

}  // namespace

extern "C" {

BOOL INSTAPI ConfigDSN(HWND /*hwndParent*/, WORD fRequest, LPCSTR lpszDriver,
                       LPCSTR lpszAttributes) {
  return guarded([&] { config_dsn(fRequest, lpszDriver, lpszAttributes); });
}

BOOL INSTAPI ConfigDSNW(HWND /*hwndParent*/, WORD fRequest, LPCWSTR lpszDriver,
                        LPCWSTR lpszAttributes) {
  return guarded([&] {
    const std::string driver = from_wide(lpszDriver);
    const std::string attributes = from_wide_list(lpszAttributes);
    config_dsn(fRequest, driver.c_str(), attributes.data());
  });
}

BOOL INSTAPI ConfigDriver(HWND /*hwndParent*/, WORD fRequest, LPCSTR /*lpszDriver*/,
                          LPCSTR /*lpszArgs*/, LPSTR lpszMsg, WORD cbMsgMax, WORD* pcbMsgOut) {
  if (lpszMsg != nullptr && cbMsgMax > 0) lpszMsg[0] = '\0';
  if (pcbMsgOut != nullptr) *pcbMsgOut = 0;
  return guarded([&] { config_driver(fRequest); });
}

BOOL INSTAPI ConfigDriverW(HWND /*hwndParent*/, WORD fRequest, LPCWSTR /*lpszDriver*/,
                           LPCWSTR /*lpszArgs*/, LPWSTR lpszMsg, WORD cbMsgMax, WORD* pcbMsgOut) {
  if (lpszMsg != nullptr && cbMsgMax > 0) lpszMsg[0] = 0;
  if (pcbMsgOut != nullptr) *pcbMsgOut = 0;
  return guarded([&] { config_driver(fRequest); });
}

// Appends one property per registry option after the ones odbcinst creates itself (Name,
// Description, Driver).
int INSTAPI ODBCINSTGetProperties(HODBCINSTPROPERTY hLastProperty) {
  if (hLastProperty == nullptr) return ODBCINST_ERROR;
  while (hLastProperty->pNext != nullptr) hLastProperty = hLastProperty->pNext;
  for (const pgw::config::OptionDesc& desc : pgw::config::all_options()) {
    using pgw::config::OptionId;
    if (desc.id == OptionId::Dsn || desc.id == OptionId::Driver ||
        desc.id == OptionId::Description) {
      continue;
    }
    HODBCINSTPROPERTY p = new_property(desc);
    if (p == nullptr) return ODBCINST_ERROR;
    hLastProperty->pNext = p;
    hLastProperty = p;
  }
  return ODBCINST_SUCCESS;
}

}  // extern "C"
