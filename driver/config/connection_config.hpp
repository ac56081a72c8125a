#pragma once
// The resolved, validated option values of one connection: every registry option has a value (its
// default until a source sets it) and remembers which source set it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/options.hpp"

namespace pgw::config {

// Precedence, highest first: ConnectionString > Dsn > Pqopt > Default. Pqopt may only fill options
// the other two left unset (psqlODBC rejects a conflicting pqopt keyword; so do we).
enum class ValueSource : std::uint8_t { Default, Pqopt, Dsn, ConnectionString };

std::string_view to_string(ValueSource source);

// A key that is not in the registry: kept (psqlODBC passes unknown keys over silently) so the ODBC
// layer may log it or warn 01S00, never an error.
struct IgnoredKey {
  std::string key;
  std::string value;
  ValueSource source;
};

class ConnectionConfig {
 public:
  ConnectionConfig();  // every option at its default

  // Validates and stores `value` (see normalize_value()); an empty value of a typed option leaves
  // the option unchanged. Throws DriverError 08001 naming the key.
  void set(OptionId id, std::string_view value, ValueSource source,
           std::string_view given_key = {});
  void add_ignored(std::string key, std::string value, ValueSource source);

  // Canonical text of the value ("" when unset and without default).
  const std::string& text(OptionId id) const { return slot(id).text; }
  // Int options (not lists) and Bool options.
  std::int64_t integer(OptionId id) const;
  bool boolean(OptionId id) const;
  ValueSource source(OptionId id) const { return slot(id).source; }
  bool is_default(OptionId id) const { return source(id) == ValueSource::Default; }
  const std::vector<IgnoredKey>& ignored() const { return ignored_; }

 private:
  struct Slot {
    std::string text;
    ValueSource source = ValueSource::Default;
  };
  const Slot& slot(OptionId id) const { return slots_[static_cast<std::size_t>(id)]; }
  std::array<Slot, kOptionCount> slots_;
  std::vector<IgnoredKey> ignored_;
};

}  // namespace pgw::config
