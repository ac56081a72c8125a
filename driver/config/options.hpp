#pragma once
// The one option registry. Connection-string parsing, odbc.ini reading, the setup library, the
// README keyword table and the log redaction all read this table; adding an option means adding one
// row (options.cpp) and one OptionId, nothing else.
//
// Keys are matched case-insensitively against the canonical key, the aliases and the libpq keyword.
// Aliases are psqlODBC's own keys (dlg_specific.h INI_* names and ABBR_* abbreviations) where the
// meaning is the same, and libpq's keywords (also accepted inside psqlODBC's pqopt).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pgw::config {

enum class OptionType : std::uint8_t { String, Int, Bool, Enum };

enum class OptionId : std::uint8_t {
  Dsn,
  Driver,
  Description,
  Server,
  Port,
  Database,
  Uid,
  Pwd,
  SslMode,
  SslRootCert,
  SslCert,
  SslKey,
  SslPassword,
  SslCrl,
  SslSni,
  ChannelBinding,
  ApplicationName,
  Options,
  PqOpt,
  ConnectTimeout,
  ConnSettings,
  MaxVarcharSize,
  MaxLongVarcharSize,
  TextAsLongVarchar,
  UnknownsAsLongVarchar,
  BoolsAsChar,
  ByteaAsLongVarBinary,
  Fetch,
};
inline constexpr std::size_t kOptionCount = static_cast<std::size_t>(OptionId::Fetch) + 1;

// Another spelling of an enum value (psqlODBC's abbreviated sslmode values).
struct ValueAlias {
  std::string_view alias;
  std::string_view value;
};

struct OptionDesc {
  OptionId id;
  std::string_view key;                       // canonical spelling, written to odbc.ini
  std::span<const std::string_view> aliases;  // other accepted spellings (psqlODBC names)
  std::string_view libpq;                     // libpq keyword with the same meaning, "" if none
  OptionType type;
  std::span<const std::string_view> allowed;  // Enum: allowed values, canonical spelling
  std::string_view default_value;             // as text; "" = unset
  std::int64_t min = 0, max = 0;              // Int: inclusive range
  bool list = false;    // comma-separated list of values of `type` (Server, Port)
  bool secret = false;  // never logged, never returned in OutConnectionString
  std::string_view help;
  std::span<const ValueAlias> value_aliases = {};  // Enum: accepted abbreviations
};

std::span<const OptionDesc> all_options();
const OptionDesc& option(OptionId id);
// Canonical key, alias or libpq keyword, case-insensitively; nullptr for an unknown key.
const OptionDesc* find_option(std::string_view key);
// Only libpq keywords (exact, as libpq spells them); for pqopt.
const OptionDesc* find_libpq_option(std::string_view keyword);

// Checks `value` against the option's type and returns its canonical text (enum spelling as listed,
// bools as "1"/"0", integers in plain decimal, list elements trimmed). An empty typed value (Int,
// Bool, Enum) returns nullopt: "not given", so a default or lower-precedence source applies.
// Throws DriverError 08001 naming the key (as given by the user, if it differs) and what is
// allowed.
std::optional<std::string> normalize_value(const OptionDesc& desc, std::string_view value,
                                           std::string_view given_key = {});

// Case-insensitive ASCII comparison, as ODBC keywords are matched.
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);

}  // namespace pgw::config
