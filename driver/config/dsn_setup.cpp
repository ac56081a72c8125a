#include "config/dsn_setup.hpp"

#include <odbcinst.h>

#include <array>
#include <cstring>
#include <optional>

#include "common/error.hpp"
#include "config/options.hpp"

namespace pgw::config {
namespace {

struct PlannedWrite {
  const OptionDesc* desc;
  std::optional<std::string> value;  // nullopt: remove the key (typed option given empty)
};

std::string dsn_name(const IniEntries& attributes) {
  for (const auto& [key, value] : attributes) {
    const OptionDesc* desc = find_option(key);
    if (desc != nullptr && desc->id == OptionId::Dsn) return std::string(trim(value));
  }
  return {};
}

// Validates everything before anything is written.
std::vector<PlannedWrite> plan(const IniEntries& attributes) {
  std::vector<PlannedWrite> writes;
  std::array<bool, kOptionCount> seen{};
  for (const auto& [key, value] : attributes) {
    const OptionDesc* desc = find_option(key);
    if (desc == nullptr) {
      throw InstallerError(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                           "Unknown keyword '" + key + "' (see the driver's keyword list)");
    }
    if (desc->id == OptionId::Dsn || desc->id == OptionId::Driver) continue;
    auto& was_seen = seen[static_cast<std::size_t>(desc->id)];
    if (was_seen) continue;  // first occurrence wins, as in connection strings
    was_seen = true;
    try {
      writes.push_back({desc, normalize_value(*desc, value, key)});
    } catch (const DriverError& e) {
      throw InstallerError(ODBC_ERROR_INVALID_KEYWORD_VALUE, e.what());
    }
  }
  return writes;
}

void write_or_fail(const std::string& dsn, std::string_view key,
                   std::optional<std::string_view> value) {
  if (!write_dsn_entry(dsn, key, value)) {
    throw InstallerError(ODBC_ERROR_REQUEST_FAILED,
                         "Could not write '" + std::string(key) + "' of data source '" + dsn + "'");
  }
}

void apply(const std::string& dsn, const std::vector<PlannedWrite>& writes) {
  IniEntries existing = read_dsn_entries(dsn);
  for (const PlannedWrite& w : writes) {
    for (const auto& [key, value] : existing) {
      const OptionDesc* desc = find_option(key);
      if (desc == w.desc && key != w.desc->key) write_or_fail(dsn, key, std::nullopt);
    }
    if (w.value) {
      write_or_fail(dsn, w.desc->key, *w.value);
    } else {
      bool present = false;
      for (const auto& entry : existing) present = present || entry.first == w.desc->key;
      if (present) write_or_fail(dsn, w.desc->key, std::nullopt);
    }
  }
}

}  // namespace

IniEntries parse_attribute_list(const char* list) {
  IniEntries out;
  if (list == nullptr) return out;
  for (const char* p = list; *p != '\0'; p += std::strlen(p) + 1) {
    const std::string_view entry(p);
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos || trim(entry.substr(0, eq)).empty()) {
      throw InstallerError(
          ODBC_ERROR_INVALID_KEYWORD_VALUE,
          "Attribute '" + std::string(entry) + "' is not of the form keyword=value");
    }
    out.emplace_back(std::string(trim(entry.substr(0, eq))),
                     std::string(trim(entry.substr(eq + 1))));
  }
  return out;
}

void configure_dsn(DsnRequest request, std::string_view driver, const IniEntries& attributes) {
  const std::string dsn = dsn_name(attributes);
  if (dsn.empty()) throw InstallerError(ODBC_ERROR_INVALID_KEYWORD_VALUE, "Missing DSN attribute");
  if (!SQLValidDSN(dsn.c_str())) {
    throw InstallerError(ODBC_ERROR_INVALID_DSN, "Invalid data source name '" + dsn + "'");
  }

  switch (request) {
    case DsnRequest::Remove:
      if (!SQLRemoveDSNFromIni(dsn.c_str())) {
        throw InstallerError(ODBC_ERROR_REQUEST_FAILED,
                             "Could not remove data source '" + dsn + "'");
      }
      return;
    case DsnRequest::Add: {
      if (trim(driver).empty())
        throw InstallerError(ODBC_ERROR_INVALID_NAME, "Missing driver name");
      const std::vector<PlannedWrite> writes = plan(attributes);
      const std::string driver_name(trim(driver));
      if (!SQLWriteDSNToIni(dsn.c_str(), driver_name.c_str())) {
        throw InstallerError(ODBC_ERROR_REQUEST_FAILED,
                             "Could not create data source '" + dsn + "'");
      }
      apply(dsn, writes);
      return;
    }
    case DsnRequest::Configure: {
      const std::vector<PlannedWrite> writes = plan(attributes);
      if (!dsn_exists(dsn)) {
        throw InstallerError(ODBC_ERROR_REQUEST_FAILED, "Data source '" + dsn + "' does not exist");
      }
      apply(dsn, writes);
      return;
    }
  }
}

}  // namespace pgw::config
