#include "config/connection_config.hpp"

#include <charconv>

namespace pgw::config {

std::string_view to_string(ValueSource source) {
  switch (source) {
    case ValueSource::Default:
      return "default";
    case ValueSource::Pqopt:
      return "pqopt";
    case ValueSource::Dsn:
      return "dsn";
    case ValueSource::ConnectionString:
      return "connection string";
  }
  return "?";
}

ConnectionConfig::ConnectionConfig() {
  for (const OptionDesc& desc : all_options()) {
    slots_[static_cast<std::size_t>(desc.id)].text = std::string(desc.default_value);
  }
}

void ConnectionConfig::set(OptionId id, std::string_view value, ValueSource source,
                           std::string_view given_key) {
  auto normalized = normalize_value(option(id), value, given_key);
  if (!normalized) return;
  Slot& s = slots_[static_cast<std::size_t>(id)];
  s.text = std::move(*normalized);
  s.source = source;
}

void ConnectionConfig::add_ignored(std::string key, std::string value, ValueSource source) {
  ignored_.push_back(IgnoredKey{std::move(key), std::move(value), source});
}

std::int64_t ConnectionConfig::integer(OptionId id) const {
  const std::string& t = text(id);
  std::int64_t n = 0;
  std::from_chars(t.data(), t.data() + t.size(), n);  // validated by set()
  return n;
}

bool ConnectionConfig::boolean(OptionId id) const {
  return text(id) == "1";
}

}  // namespace pgw::config
