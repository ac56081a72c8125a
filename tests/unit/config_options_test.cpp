#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/error.hpp"
#include "config/option_table.hpp"
#include "config/options.hpp"

using namespace pgw::config;

namespace {

std::string lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
  return out;
}

std::string error_message(const OptionDesc& desc, std::string_view value,
                          std::string_view key = {}) {
  try {
    normalize_value(desc, value, key);
  } catch (const pgw::DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    return e.what();
  }
  ADD_FAILURE() << "no error for '" << value << "'";
  return {};
}

}  // namespace

TEST(ConfigOptionsTest, EverySpellingIsUniqueAcrossOptions) {
  std::set<std::string> spellings;
  for (const OptionDesc& desc : all_options()) {
    std::set<std::string> own = {lower(desc.key)};
    for (auto alias : desc.aliases) own.insert(lower(alias));
    if (!desc.libpq.empty()) own.insert(lower(desc.libpq));
    for (const std::string& s : own) {
      EXPECT_TRUE(spellings.insert(s).second) << s << " is used by two options";
    }
  }
}

TEST(ConfigOptionsTest, RowsAreIndexedByIdAndDefaultsAreValid) {
  ASSERT_EQ(all_options().size(), kOptionCount);
  for (const OptionDesc& desc : all_options()) {
    EXPECT_EQ(&option(desc.id), &desc);
    EXPECT_FALSE(desc.help.empty()) << desc.key;
    if (!desc.default_value.empty()) {
      EXPECT_EQ(normalize_value(desc, desc.default_value).value_or("?"), desc.default_value)
          << desc.key;
    }
  }
}

TEST(ConfigOptionsTest, LookupIsCaseInsensitiveOverKeysAliasesAndLibpqNames) {
  EXPECT_EQ(find_option("server")->id, OptionId::Server);
  EXPECT_EQ(find_option("HOST")->id, OptionId::Server);
  EXPECT_EQ(find_option("ServerName")->id, OptionId::Server);
  EXPECT_EQ(find_option("  Servername ")->id, OptionId::Server);
  EXPECT_EQ(find_option("dbname")->id, OptionId::Database);
  EXPECT_EQ(find_option("db")->id, OptionId::Database);
  EXPECT_EQ(find_option("username")->id, OptionId::Uid);
  EXPECT_EQ(find_option("user")->id, OptionId::Uid);
  EXPECT_EQ(find_option("password")->id, OptionId::Pwd);
  EXPECT_EQ(find_option("SSLmode")->id, OptionId::SslMode);
  EXPECT_EQ(find_option("ca")->id, OptionId::SslMode);
  EXPECT_EQ(find_option("application_name")->id, OptionId::ApplicationName);
  EXPECT_EQ(find_option("connect_timeout")->id, OptionId::ConnectTimeout);
  EXPECT_EQ(find_option("PQOPT")->id, OptionId::PqOpt);
  EXPECT_EQ(find_option("B0")->id, OptionId::MaxVarcharSize);
  EXPECT_EQ(find_option("a7")->id, OptionId::Fetch);
  EXPECT_EQ(find_option("UseDeclareFetch"), nullptr);
  EXPECT_EQ(find_option("LoginTimeout"), nullptr);
  EXPECT_EQ(find_option(""), nullptr);
}

TEST(ConfigOptionsTest, LibpqLookupIsExact) {
  EXPECT_EQ(find_libpq_option("sslrootcert")->id, OptionId::SslRootCert);
  EXPECT_EQ(find_libpq_option("host")->id, OptionId::Server);
  EXPECT_EQ(find_libpq_option("Host"), nullptr);
  EXPECT_EQ(find_libpq_option("MaxVarcharSize"), nullptr);
  EXPECT_EQ(find_libpq_option("keepalives"), nullptr);
}

TEST(ConfigOptionsTest, NormalizesBooleans) {
  const OptionDesc& d = option(OptionId::SslSni);
  for (auto t : {"1", "true", "YES", " on "}) EXPECT_EQ(normalize_value(d, t), "1") << t;
  for (auto f : {"0", "False", "no", "OFF"}) EXPECT_EQ(normalize_value(d, f), "0") << f;
  EXPECT_EQ(normalize_value(d, ""), std::nullopt);
  EXPECT_EQ(error_message(d, "2"),
            "Invalid value '2' for SSLSNI: expected 1 or 0 (also true/false, yes/no, on/off)");
}

TEST(ConfigOptionsTest, NormalizesIntegersWithinRange) {
  const OptionDesc& d = option(OptionId::ConnectTimeout);
  EXPECT_EQ(normalize_value(d, " 30 "), "30");
  EXPECT_EQ(normalize_value(d, "0"), "0");
  EXPECT_EQ(normalize_value(d, ""), std::nullopt);
  EXPECT_EQ(error_message(d, "-1"),
            "Invalid value '-1' for ConnectTimeout: expected an integer from 0 to 2147483");
  EXPECT_EQ(error_message(d, "10s", "connect_timeout"),
            "Invalid value '10s' for ConnectTimeout (given as 'connect_timeout'): expected an "
            "integer from 0 to 2147483");
  EXPECT_EQ(error_message(d, "99999999999999999999"),
            "Invalid value '99999999999999999999' for ConnectTimeout: expected an integer from 0 "
            "to 2147483");
}

TEST(ConfigOptionsTest, NormalizesEnumsToCanonicalSpelling) {
  const OptionDesc& d = option(OptionId::SslMode);
  EXPECT_EQ(normalize_value(d, "VERIFY-FULL"), "verify-full");
  EXPECT_EQ(normalize_value(d, "Require"), "require");
  EXPECT_EQ(error_message(d, "bogus", "sslmode"),
            "Invalid value 'bogus' for SSLMode (given as 'sslmode'): allowed values are disable, "
            "allow, prefer, require, verify-ca, verify-full");
}

TEST(ConfigOptionsTest, AcceptsPsqlodbcAbbreviatedSslModes) {
  const OptionDesc& d = option(OptionId::SslMode);
  EXPECT_EQ(normalize_value(d, "vf"), "verify-full");
  EXPECT_EQ(normalize_value(d, "VC"), "verify-ca");
  EXPECT_EQ(normalize_value(d, "d"), "disable");
  EXPECT_EQ(normalize_value(d, "r"), "require");
  EXPECT_THROW(normalize_value(d, "v"), pgw::DriverError);
}

TEST(ConfigOptionsTest, NormalizesPortLists) {
  const OptionDesc& d = option(OptionId::Port);
  EXPECT_EQ(normalize_value(d, "5432"), "5432");
  EXPECT_EQ(normalize_value(d, " 5432 , 5433,"), "5432,5433,");
  EXPECT_EQ(normalize_value(d, ",6000"), ",6000");
  EXPECT_EQ(normalize_value(d, "  "), std::nullopt);
  EXPECT_EQ(error_message(d, "5432,abc"),
            "Invalid value 'abc' for Port: expected an integer from 1 to 65535");
  EXPECT_EQ(error_message(d, "70000"),
            "Invalid value '70000' for Port: expected an integer from 1 to 65535");
}

TEST(ConfigOptionsTest, HostListsAreTrimmedStringsKeepOtherValuesVerbatim) {
  EXPECT_EQ(normalize_value(option(OptionId::Server), " a , b "), "a,b");
  EXPECT_EQ(normalize_value(option(OptionId::Pwd), " p w "), " p w ");
  EXPECT_EQ(normalize_value(option(OptionId::Pwd), ""), "");
}

TEST(ConfigOptionsTest, TableListsEveryOptionWithAliasesAndDefaults) {
  const std::string table = option_table_markdown();
  EXPECT_EQ(table.rfind(
                "| Keyword | Aliases | Type | Default | Description |\n|---|---|---|---|---|\n", 0),
            0u);
  std::size_t rows = 0;
  for (char c : table) rows += c == '\n';
  EXPECT_EQ(rows, kOptionCount + 2);
  for (const OptionDesc& desc : all_options()) {
    EXPECT_NE(table.find("| `" + std::string(desc.key) + "` |"), std::string::npos) << desc.key;
  }
  EXPECT_NE(table.find(
                "| `Server` | `Host`, `Servername` | string, comma-separated list | `localhost` |"),
            std::string::npos);
  EXPECT_NE(
      table.find("| `ChannelBinding` | `channel_binding` | one of: disable, prefer, require | "
                 "`prefer` |"),
      std::string::npos);
  EXPECT_EQ(describe_type(option(OptionId::Port)), "integer 1..65535, comma-separated list");
  EXPECT_EQ(describe_type(option(OptionId::Pwd)), "string (secret)");
  EXPECT_EQ(describe_aliases(option(OptionId::ConnectTimeout)), "connect_timeout");
  EXPECT_EQ(describe_aliases(option(OptionId::Port)), "");
}
