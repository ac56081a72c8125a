#include "config/options.hpp"

#include <array>
#include <charconv>
#include <limits>

#include "common/error.hpp"

namespace pgw::config {
namespace {

using sv = std::string_view;
constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

// Aliases. psqlODBC names come from its dlg_specific.h (INI_* keys and ABBR_* abbreviations used in
// the connection strings it generates); only those whose meaning is ours are listed.
constexpr sv kServerAliases[] = {"Host", "Servername"};  // libpq host; psqlODBC INI_SERVER
constexpr sv kDatabaseAliases[] = {"DB", "Dbname"};      // libpq dbname
constexpr sv kUidAliases[] = {"User", "Username"};       // libpq user; psqlODBC INI_USERNAME
constexpr sv kPwdAliases[] = {"Password"};               // libpq password; psqlODBC INI_PASSWORD
constexpr sv kSslModeAliases[] = {"CA"};  // psqlODBC ABBR_SSLMODE (INI_SSLMODE "SSLmode")
// psqlODBC writes abbreviated sslmode values (abbrev_sslmode) and reads them back; a dropped
// "vf" would silently weaken verification, so they are understood.
constexpr ValueAlias kSslModeValueAliases[] = {{"d", "disable"},    {"a", "allow"},
                                               {"p", "prefer"},     {"r", "require"},
                                               {"vc", "verify-ca"}, {"vf", "verify-full"}};
constexpr sv kPqOptAliases[] = {"D5"};           // psqlODBC ABBR_PQOPT
constexpr sv kConnSettingsAliases[] = {"A6"};    // psqlODBC ABBR_CONNSETTINGS
constexpr sv kMaxVarcharAliases[] = {"B0"};      // psqlODBC ABBR_MAXVARCHARSIZE
constexpr sv kMaxLongVarcharAliases[] = {"B1"};  // psqlODBC ABBR_MAXLONGVARCHARSIZE
constexpr sv kTextAsLongAliases[] = {"B7"};      // psqlODBC ABBR_TEXTASLONGVARCHAR
constexpr sv kUnknownsAsLongAliases[] = {"B8"};  // psqlODBC ABBR_UNKNOWNSASLONGVARCHAR
constexpr sv kBoolsAsCharAliases[] = {"B9"};     // psqlODBC ABBR_BOOLSASCHAR
constexpr sv kByteaAsLongAliases[] = {"C7"};     // psqlODBC ABBR_BYTEAASLONGVARBINARY
constexpr sv kFetchAliases[] = {"A7"};           // psqlODBC ABBR_FETCH

constexpr sv kSslModes[] = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
constexpr sv kChannelBindings[] = {"disable", "prefer", "require"};

constexpr std::span<const sv> none{};

// Defaults that differ from psqlODBC, and why:
//  - SSLMode prefer (psqlODBC: disable): libpq's default; encrypts whenever the server offers TLS.
//  - MaxVarcharSize 4000 (psqlODBC: 255): character columns up to this size are reported as
//    SQL_(W)VARCHAR; longer ones as SQL_(W)LONGVARCHAR, which Excel/MS Query, SSIS (DT_NTEXT) and
//    SQL Server linked servers treat as a LOB that cannot be grouped, sorted or filtered. 4000 is
//    the largest width SSIS (DT_WSTR) and SQL Server (nvarchar) still take as a plain string; 255
//    would turn every varchar(256+) into a LOB and cut text at 255 in apps that size buffers by
//    column size.
//  - TextAsLongVarchar 0 (psqlODBC: 1): text is the everyday string type (and CrateDB sends every
//    string as unbounded varchar), so it is reported like unbounded varchar: SQL_(W)VARCHAR of
//    MaxVarcharSize, usable in WHERE/GROUP BY by BI tools.
//  - BoolsAsChar 0 (psqlODBC: 1): boolean is SQL_BIT, which every BI tool understands.
//  - ConnectTimeout 15 (libpq: none): a connect must never hang on an unreachable host.
constexpr std::array<OptionDesc, kOptionCount> kOptions{{
    {OptionId::Dsn, "DSN", none, "", OptionType::String, none, "", 0, 0, false, false,
     "Data source name: the odbc.ini section to read further options from. Connection-string "
     "values override the DSN's."},
    {OptionId::Driver, "Driver", none, "", OptionType::String, none, "", 0, 0, false, false,
     "Driver name from odbcinst.ini or path of the driver library (driver manager). With DRIVER "
     "before DSN no odbc.ini section is read."},
    {OptionId::Description, "Description", none, "", OptionType::String, none, "", 0, 0, false,
     false, "Free text describing the data source."},
    {OptionId::Server, "Server", kServerAliases, "host", OptionType::String, none, "localhost", 0,
     0, true, false,
     "Host name, IP address, or Unix-socket directory (absolute path). A comma-separated list is "
     "tried in order until one accepts (libpq multi-host)."},
    {OptionId::Port, "Port", none, "port", OptionType::Int, none, "5432", 1, 65535, true, false,
     "TCP port. One value for all hosts, or a comma-separated list with one port per Server entry; "
     "an empty entry means 5432."},
    {OptionId::Database, "Database", kDatabaseAliases, "dbname", OptionType::String, none, "", 0, 0,
     false, false, "Database name. Default: the server uses the user name."},
    {OptionId::Uid, "UID", kUidAliases, "user", OptionType::String, none, "", 0, 0, false, false,
     "User name. Default: the operating-system user running the application."},
    {OptionId::Pwd, "PWD", kPwdAliases, "password", OptionType::String, none, "", 0, 0, false, true,
     "Password. Never logged and never returned in the completed connection string."},
    {OptionId::SslMode, "SSLMode", kSslModeAliases, "sslmode", OptionType::Enum, kSslModes,
     "prefer", 0, 0, false, false,
     "TLS use and server verification, as in libpq: disable, allow, prefer (TLS if the server "
     "offers it), require, verify-ca (certificate chain), verify-full (chain and host name). "
     "psqlODBC's short forms d, a, p, r, vc, vf are accepted.",
     kSslModeValueAliases},
    {OptionId::SslRootCert, "SSLRootCert", none, "sslrootcert", OptionType::String, none, "", 0, 0,
     false, false,
     "PEM file of CA certificates used to verify the server; \"system\" uses the operating "
     "system's trust store. Default: ~/.postgresql/root.crt if it exists."},
    {OptionId::SslCert, "SSLCert", none, "sslcert", OptionType::String, none, "", 0, 0, false,
     false, "Client certificate (PEM file) for certificate authentication."},
    {OptionId::SslKey, "SSLKey", none, "sslkey", OptionType::String, none, "", 0, 0, false, false,
     "Private key (PEM file) of the client certificate."},
    {OptionId::SslPassword, "SSLPassword", none, "sslpassword", OptionType::String, none, "", 0, 0,
     false, true, "Passphrase of an encrypted SSLKey. Never logged."},
    {OptionId::SslCrl, "SSLCrl", none, "sslcrl", OptionType::String, none, "", 0, 0, false, false,
     "Certificate revocation list (PEM file) checked when verifying the server."},
    {OptionId::SslSni, "SSLSNI", none, "sslsni", OptionType::Bool, none, "1", 0, 0, false, false,
     "Send the host name as TLS Server Name Indication (never for IP addresses); needed by "
     "SNI-routing proxies."},
    {OptionId::ChannelBinding, "ChannelBinding", none, "channel_binding", OptionType::Enum,
     kChannelBindings, "prefer", 0, 0, false, false,
     "SCRAM channel binding (tls-server-end-point): disable, prefer (use if possible), require "
     "(refuse to authenticate without it)."},
    {OptionId::ApplicationName, "ApplicationName", none, "application_name", OptionType::String,
     none, "", 0, 0, false, false, "application_name reported to the server (pg_stat_activity)."},
    {OptionId::Options, "Options", none, "options", OptionType::String, none, "", 0, 0, false,
     false,
     "Startup options sent to the server, e.g. \"-c search_path=app\" or "
     "\"--cluster=<routing-id>\" (CockroachDB Serverless)."},
    {OptionId::PqOpt, "pqopt", kPqOptAliases, "", OptionType::String, none, "", 0, 0, false, false,
     "psqlODBC-compatible list of libpq keyword=value settings, e.g. {sslrootcert=/ca.pem "
     "sslsni=0}. Keywords with an equivalent option here set it (conflicting values are an "
     "error); other keywords are ignored."},
    {OptionId::ConnectTimeout, "ConnectTimeout", none, "connect_timeout", OptionType::Int, none,
     "15", 0, 2147483, false, false,
     "Seconds allowed to connect to each host, TLS and authentication included; 0 = no limit. A "
     "nonzero SQL_ATTR_LOGIN_TIMEOUT takes precedence."},
    {OptionId::ConnSettings, "ConnSettings", kConnSettingsAliases, "", OptionType::String, none, "",
     0, 0, false, false, "SQL run once after connecting, e.g. {SET search_path TO app}."},
    {OptionId::MaxVarcharSize, "MaxVarcharSize", kMaxVarcharAliases, "", OptionType::Int, none,
     "4000", 1, kInt32Max, false, false,
     "Largest char/varchar length reported as SQL_(W)CHAR/VARCHAR (longer ones are "
     "SQL_(W)LONGVARCHAR), and the size reported for text and varchar without a length."},
    {OptionId::MaxLongVarcharSize, "MaxLongVarcharSize", kMaxLongVarcharAliases, "",
     OptionType::Int, none, "8190", 1, kInt32Max, false, false,
     "Size reported for SQL_(W)LONGVARCHAR columns whose length is unknown (text with "
     "TextAsLongVarchar=1, unknown types with UnknownsAsLongVarchar=1)."},
    {OptionId::TextAsLongVarchar, "TextAsLongVarchar", kTextAsLongAliases, "", OptionType::Bool,
     none, "0", 0, 0, false, false,
     "Report text (and varchar without a length) as SQL_(W)LONGVARCHAR instead of "
     "SQL_(W)VARCHAR."},
    {OptionId::UnknownsAsLongVarchar, "UnknownsAsLongVarchar", kUnknownsAsLongAliases, "",
     OptionType::Bool, none, "0", 0, 0, false, false,
     "Report types without an ODBC equivalent (arrays, json, ranges, ...) as SQL_(W)LONGVARCHAR "
     "instead of SQL_(W)VARCHAR."},
    {OptionId::BoolsAsChar, "BoolsAsChar", kBoolsAsCharAliases, "", OptionType::Bool, none, "0", 0,
     0, false, false, "Report boolean as SQL_CHAR instead of SQL_BIT."},
    {OptionId::ByteaAsLongVarBinary, "ByteaAsLongVarBinary", kByteaAsLongAliases, "",
     OptionType::Bool, none, "0", 0, 0, false, false,
     "Report bytea as SQL_LONGVARBINARY instead of SQL_VARBINARY."},
    {OptionId::Fetch, "Fetch", kFetchAliases, "", OptionType::Int, none, "0", 0, kInt32Max, false,
     false,
     "Rows requested per round trip when reading a result; 0 streams the whole result in one "
     "request (memory stays bounded either way)."},
}};

constexpr bool table_is_indexed_by_id() {
  for (std::size_t i = 0; i < kOptions.size(); ++i) {
    if (static_cast<std::size_t>(kOptions[i].id) != i) return false;
  }
  return true;
}
static_assert(table_is_indexed_by_id(), "kOptions rows must be in OptionId order");

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string describe_key(const OptionDesc& desc, std::string_view given_key) {
  std::string out(desc.key);
  if (!given_key.empty() && given_key != desc.key) {
    out += " (given as '";
    out += given_key;
    out += "')";
  }
  return out;
}

[[noreturn]] void invalid(const OptionDesc& desc, std::string_view value,
                          std::string_view given_key, const std::string& expected) {
  std::string msg = "Invalid value";
  if (!desc.secret) {
    msg += " '";
    msg += value;
    msg += "'";
  }
  msg += " for " + describe_key(desc, given_key) + ": " + expected;
  throw DriverError("08001", msg);
}

std::string join(std::span<const sv> values) {
  std::string out;
  for (const sv v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

std::optional<std::string> normalize_one(const OptionDesc& desc, std::string_view raw,
                                         std::string_view given_key) {
  const std::string_view value = desc.type == OptionType::String ? raw : trim(raw);
  switch (desc.type) {
    case OptionType::String:
      return std::string(desc.list ? trim(value) : value);
    case OptionType::Int: {
      if (value.empty()) return std::nullopt;
      std::int64_t n = 0;
      const char* end = value.data() + value.size();
      const auto [ptr, ec] = std::from_chars(value.data(), end, n);
      if (ec != std::errc() || ptr != end || n < desc.min || n > desc.max) {
        invalid(desc, raw, given_key,
                "expected an integer from " + std::to_string(desc.min) + " to " +
                    std::to_string(desc.max));
      }
      return std::to_string(n);
    }
    case OptionType::Bool: {
      if (value.empty()) return std::nullopt;
      for (const sv t : {sv("1"), sv("true"), sv("yes"), sv("on")}) {
        if (iequals(value, t)) return std::string("1");
      }
      for (const sv f : {sv("0"), sv("false"), sv("no"), sv("off")}) {
        if (iequals(value, f)) return std::string("0");
      }
      invalid(desc, raw, given_key, "expected 1 or 0 (also true/false, yes/no, on/off)");
    }
    case OptionType::Enum: {
      if (value.empty()) return std::nullopt;
      for (const sv allowed : desc.allowed) {
        if (iequals(value, allowed)) return std::string(allowed);
      }
      for (const ValueAlias& alias : desc.value_aliases) {
        if (iequals(value, alias.alias)) return std::string(alias.value);
      }
      invalid(desc, raw, given_key, "allowed values are " + join(desc.allowed));
    }
  }
  return std::nullopt;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::span<const OptionDesc> all_options() {
  return kOptions;
}

const OptionDesc& option(OptionId id) {
  return kOptions[static_cast<std::size_t>(id)];
}

const OptionDesc* find_option(std::string_view key) {
  key = trim(key);
  for (const OptionDesc& desc : kOptions) {
    if (iequals(key, desc.key) || (!desc.libpq.empty() && iequals(key, desc.libpq))) return &desc;
    for (const sv alias : desc.aliases) {
      if (iequals(key, alias)) return &desc;
    }
  }
  return nullptr;
}

const OptionDesc* find_libpq_option(std::string_view keyword) {
  for (const OptionDesc& desc : kOptions) {
    if (!desc.libpq.empty() && keyword == desc.libpq) return &desc;
  }
  return nullptr;
}

std::optional<std::string> normalize_value(const OptionDesc& desc, std::string_view value,
                                           std::string_view given_key) {
  if (!desc.list) return normalize_one(desc, value, given_key);
  // Lists keep empty elements (they mean "the default" for that position); a wholly empty list is
  // "not given" for typed options.
  if (desc.type != OptionType::String && trim(value).empty()) return std::nullopt;
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    const std::string_view element = value.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!trim(element).empty()) {
      const auto normalized = normalize_one(desc, element, given_key);
      if (normalized) out += *normalized;
    }
    if (comma == std::string_view::npos) break;
    out += ',';
    start = comma + 1;
  }
  return out;
}

}  // namespace pgw::config
