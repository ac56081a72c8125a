#include "config/odbc_ini.hpp"

#include <odbcinst.h>

#include <cstring>
#include <mutex>

#include "config/options.hpp"

namespace pgw::config {
namespace {

constexpr const char* kOdbcIni = "odbc.ini";
// unixODBC's INI_MAX_PROPERTY_NAME/VALUE: longer names and values are cut by unixODBC itself.
constexpr int kMaxIniLine = 1000;

// odbcinst keeps process-wide state (config mode, read cache) without much locking of its own;
// connections resolving DSNs on several threads go through here one at a time.
std::mutex& odbcinst_mutex() {
  static std::mutex m;
  return m;
}

// SQLGetPrivateProfileString with a NULL entry (or section) returns a list of NUL-terminated names.
// It silently drops names that do not fit, so grow the buffer until a whole extra name would fit.
std::vector<std::string> read_name_list(const char* section) {
  std::vector<char> buffer(4096);
  int n = 0;
  while (true) {
    n = SQLGetPrivateProfileString(section, nullptr, "", buffer.data(),
                                   static_cast<int>(buffer.size()), kOdbcIni);
    if (n < 0) return {};
    if (static_cast<std::size_t>(n) + kMaxIniLine + 2 < buffer.size() ||
        buffer.size() >= (1u << 22)) {
      break;
    }
    buffer.assign(buffer.size() * 4, '\0');
  }
  std::vector<std::string> names;
  const char* p = buffer.data();
  const char* end = buffer.data() + n;
  while (p < end && *p != '\0') {
    const std::size_t len = ::strnlen(p, static_cast<std::size_t>(end - p));
    names.emplace_back(p, len);
    p += len + 1;
  }
  return names;
}

}  // namespace

IniEntries read_dsn_entries(std::string_view dsn) {
  const std::lock_guard lock(odbcinst_mutex());
  const std::string section(dsn);
  IniEntries entries;
  for (std::string& key : read_name_list(section.c_str())) {
    std::vector<char> value(kMaxIniLine + 2);
    const int n = SQLGetPrivateProfileString(section.c_str(), key.c_str(), "", value.data(),
                                             static_cast<int>(value.size()), kOdbcIni);
    entries.emplace_back(std::move(key), n > 0 ? std::string(value.data()) : std::string());
  }
  return entries;
}

std::vector<std::string> list_ini_sections() {
  return read_name_list(nullptr);
}

bool dsn_exists(std::string_view dsn) {
  for (const std::string& section : list_ini_sections()) {
    if (iequals(section, dsn)) return true;
  }
  return false;
}

bool write_dsn_entry(std::string_view dsn, std::string_view key,
                     std::optional<std::string_view> value) {
  const std::string section(dsn), entry(key);
  const std::string text = value ? std::string(*value) : std::string();
  const std::lock_guard lock(odbcinst_mutex());
  return SQLWritePrivateProfileString(section.c_str(), entry.c_str(),
                                      value ? text.c_str() : nullptr, kOdbcIni) != 0;
}

}  // namespace pgw::config
