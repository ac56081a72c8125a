#include "config/resolve.hpp"

#include <array>

#include "common/error.hpp"
#include "config/connect_params.hpp"
#include "config/libpq_conninfo.hpp"

namespace pgw::config {
namespace {

constexpr std::string_view kMask = "***";

enum class Origin { None, Dsn, Driver };

const OptionDesc* registry_entry(const Attribute& attr) {
  return find_option(attr.key);
}

// Of DSN and DRIVER, the one that appears first governs (a blank DSN does not count).
Origin origin_of(const ConnectionString& input) {
  for (const Attribute& attr : input.attributes()) {
    const OptionDesc* desc = registry_entry(attr);
    if (desc == nullptr) continue;
    if (desc->id == OptionId::Dsn && !trim(attr.value).empty()) return Origin::Dsn;
    if (desc->id == OptionId::Driver) return Origin::Driver;
  }
  return Origin::None;
}

bool loses_to_origin(OptionId id, Origin origin) {
  return (id == OptionId::Dsn && origin == Origin::Driver) ||
         (id == OptionId::Driver && origin == Origin::Dsn);
}

bool contains_ikey(const std::vector<std::string>& keys, std::string_view key) {
  for (const std::string& k : keys) {
    if (iequals(k, key)) return true;
  }
  return false;
}

// Unknown keys are not in the registry, so their secrecy is guessed from the name (logs only).
bool looks_secret(std::string_view key) {
  std::string lower;
  for (const char c : key) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const std::string_view word : {"pwd", "pass", "secret", "token"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

bool is_secret_libpq(std::string_view keyword) {
  const OptionDesc* desc = find_libpq_option(keyword);
  return desc != nullptr ? desc->secret : looks_secret(keyword);
}

// pqopt with its secret keywords masked (mask = true) or removed; nullopt if it does not parse.
std::optional<std::string> scrub_pqopt(std::string_view value, bool mask) {
  try {
    LibpqSettings kept;
    for (auto& [keyword, v] : parse_libpq_conninfo(value)) {
      if (!is_secret_libpq(keyword)) {
        kept.emplace_back(std::move(keyword), std::move(v));
      } else if (mask) {
        kept.emplace_back(std::move(keyword), std::string(kMask));
      }
    }
    return format_libpq_conninfo(kept);
  } catch (const DriverError&) {
    return std::nullopt;
  }
}

void apply_connection_string(const ConnectionString& input, Origin origin,
                             ConnectionConfig& config) {
  std::array<bool, kOptionCount> seen{};
  std::vector<std::string> unknown;
  for (const Attribute& attr : input.attributes()) {
    const OptionDesc* desc = registry_entry(attr);
    if (desc == nullptr) {
      if (!contains_ikey(unknown, attr.key)) {
        unknown.push_back(attr.key);
        config.add_ignored(attr.key, attr.value, ValueSource::ConnectionString);
      }
      continue;
    }
    if (desc->id == OptionId::Dsn && trim(attr.value).empty()) continue;  // not a DSN
    auto& was_seen = seen[static_cast<std::size_t>(desc->id)];
    if (was_seen) continue;
    was_seen = true;
    if (loses_to_origin(desc->id, origin)) continue;
    config.set(desc->id, attr.value, ValueSource::ConnectionString, attr.key);
  }
}

void apply_dsn(const IniEntries& entries, ConnectionConfig& config) {
  std::array<bool, kOptionCount> seen{};
  for (const auto& [key, value] : entries) {
    const OptionDesc* desc = find_option(key);
    if (desc == nullptr) {
      config.add_ignored(key, value, ValueSource::Dsn);
      continue;
    }
    auto& was_seen = seen[static_cast<std::size_t>(desc->id)];
    if (was_seen || desc->id == OptionId::Dsn) continue;
    was_seen = true;
    if (!config.is_default(desc->id)) continue;  // the connection string wins
    config.set(desc->id, value, ValueSource::Dsn, key);
  }
}

void apply_pqopt(ConnectionConfig& config) {
  const std::string pqopt = config.text(OptionId::PqOpt);
  if (trim(pqopt).empty()) return;
  for (const auto& [keyword, value] : parse_libpq_conninfo(pqopt)) {
    const OptionDesc* desc = find_libpq_option(keyword);
    if (desc == nullptr) {
      config.add_ignored(keyword, value, ValueSource::Pqopt);
      continue;
    }
    const std::string given = "pqopt " + keyword;
    const ValueSource source = config.source(desc->id);
    if (source == ValueSource::Default || source == ValueSource::Pqopt) {
      config.set(desc->id, value, ValueSource::Pqopt,
                 given);  // later pqopt keywords win, as in libpq
      continue;
    }
    const auto normalized = normalize_value(*desc, value, given);
    if (!normalized || *normalized == config.text(desc->id)) continue;
    std::string msg = "pqopt keyword '" + keyword + "'";
    if (!desc->secret) msg += " = '" + value + "'";
    msg += " conflicts with " + std::string(desc->key);
    if (!desc->secret) msg += " = '" + config.text(desc->id) + "'";
    msg += " from the " + std::string(to_string(source));
    throw DriverError("08001", msg);
  }
}

}  // namespace

ConnectionConfig resolve(const ConnectionString& input, const DsnReader& read_dsn) {
  ConnectionConfig config;
  const Origin origin = origin_of(input);
  apply_connection_string(input, origin, config);
  if (origin == Origin::Dsn && read_dsn) {
    apply_dsn(read_dsn(trim(config.text(OptionId::Dsn))), config);
  }
  apply_pqopt(config);
  host_list(config);  // rejects Server/Port lists of different lengths now, not at connect time
  return config;
}

ConnectionConfig resolve(std::string_view connection_string, const DsnReader& read_dsn) {
  return resolve(ConnectionString::parse(connection_string), read_dsn);
}

ConnectionString sqlconnect_input(std::string_view dsn, std::string_view uid,
                                  std::string_view pwd) {
  ConnectionString input;
  input.add("DSN", std::string(dsn));
  if (!uid.empty()) input.add("UID", std::string(uid));
  if (!pwd.empty()) input.add("PWD", std::string(pwd));
  return input;
}

std::string out_connection_string(const ConnectionString& input) {
  const Origin origin = origin_of(input);
  std::array<bool, kOptionCount> seen{};
  std::vector<std::string> unknown;
  ConnectionString out;
  for (const Attribute& attr : input.attributes()) {
    const OptionDesc* desc = registry_entry(attr);
    if (desc == nullptr) {
      if (contains_ikey(unknown, attr.key)) continue;
      unknown.push_back(attr.key);
      out.add(attr.key, attr.value, attr.braced);
      continue;
    }
    if (desc->id == OptionId::Dsn && trim(attr.value).empty()) continue;
    auto& was_seen = seen[static_cast<std::size_t>(desc->id)];
    if (was_seen) continue;
    was_seen = true;
    if (loses_to_origin(desc->id, origin) || desc->secret) continue;
    if (desc->id == OptionId::PqOpt) {
      const auto scrubbed = scrub_pqopt(attr.value, /*mask=*/false);
      if (scrubbed && !scrubbed->empty()) out.add(attr.key, *scrubbed, attr.braced);
      continue;
    }
    out.add(attr.key, attr.value, attr.braced);
  }
  return out.to_string();
}

std::string redacted(const ConnectionString& input) {
  ConnectionString out;
  for (const Attribute& attr : input.attributes()) {
    const OptionDesc* desc = registry_entry(attr);
    std::string value = attr.value;
    if (desc != nullptr && desc->id == OptionId::PqOpt) {
      value = scrub_pqopt(attr.value, /*mask=*/true).value_or(std::string(kMask));
    } else if (desc != nullptr ? desc->secret : looks_secret(attr.key)) {
      value = kMask;
    }
    out.add(attr.key, std::move(value), attr.braced);
  }
  return out.to_string();
}

std::string redacted(const ConnectionConfig& config) {
  std::string out;
  const auto append = [&out](std::string_view key, std::string_view value) {
    if (!out.empty()) out += ';';
    out += format_attribute(key, value);
  };
  for (const OptionDesc& desc : all_options()) {
    if (config.is_default(desc.id)) continue;
    if (desc.secret) {
      append(desc.key, kMask);
    } else if (desc.id == OptionId::PqOpt) {
      append(desc.key,
             scrub_pqopt(config.text(desc.id), /*mask=*/true).value_or(std::string(kMask)));
    } else {
      append(desc.key, config.text(desc.id));
    }
  }
  for (const IgnoredKey& ignored : config.ignored()) {
    append("ignored:" + ignored.key,
           looks_secret(ignored.key) ? kMask : std::string_view(ignored.value));
  }
  return out;
}

}  // namespace pgw::config
