#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <map>
#include <string>

#include "common/error.hpp"
#include "config/connect_params.hpp"
#include "config/resolve.hpp"

using namespace pgw::config;

namespace {

// A DSN reader over in-memory sections that records what was asked.
struct FakeIni {
  std::map<std::string, IniEntries> sections;
  std::vector<std::string> asked;
  DsnReader reader() {
    return [this](std::string_view dsn) {
      asked.emplace_back(dsn);
      auto it = sections.find(std::string(dsn));
      return it == sections.end() ? IniEntries{} : it->second;
    };
  }
};

std::string resolve_error(std::string_view text, const DsnReader& reader = {}) {
  try {
    resolve(text, reader);
  } catch (const pgw::DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

const DsnReader kNoDsn = [](std::string_view) -> IniEntries {
  ADD_FAILURE() << "no odbc.ini section should be read";
  return {};
};

}  // namespace

TEST(ConfigResolveTest, DefaultsWithoutAnyInput) {
  const ConnectionConfig c = resolve("", kNoDsn);
  EXPECT_EQ(c.text(OptionId::Server), "localhost");
  EXPECT_EQ(c.integer(OptionId::Port), 5432);
  EXPECT_EQ(c.text(OptionId::SslMode), "prefer");
  EXPECT_TRUE(c.boolean(OptionId::SslSni));
  EXPECT_TRUE(c.is_default(OptionId::Server));
  EXPECT_TRUE(c.ignored().empty());
  const TypeOptions t = type_options(c);
  EXPECT_EQ(t.max_varchar_size, 4000);
  EXPECT_EQ(t.max_long_varchar_size, 8190);
  EXPECT_FALSE(t.text_as_long_varchar);
  EXPECT_FALSE(t.unknowns_as_long_varchar);
  EXPECT_FALSE(t.bools_as_char);
  EXPECT_FALSE(t.bytea_as_long_varbinary);
  EXPECT_EQ(t.fetch_rows, 0);
}

TEST(ConfigResolveTest, AliasesAreCaseInsensitiveAndFirstOccurrenceWins) {
  const ConnectionConfig c = resolve(
      "servername=db1;SERVER=db2;host=db3;username=alice;UID=bob;sslmode=REQUIRE;SSLMode=disable",
      kNoDsn);
  EXPECT_EQ(c.text(OptionId::Server), "db1");
  EXPECT_EQ(c.text(OptionId::Uid), "alice");
  EXPECT_EQ(c.text(OptionId::SslMode), "require");
  EXPECT_EQ(c.source(OptionId::Server), ValueSource::ConnectionString);
}

TEST(ConfigResolveTest, EmptyTypedValueFallsBackToDefault) {
  const ConnectionConfig c = resolve("Port=;ConnectTimeout= ;PWD=", kNoDsn);
  EXPECT_EQ(c.integer(OptionId::Port), 5432);
  EXPECT_TRUE(c.is_default(OptionId::Port));
  EXPECT_EQ(c.integer(OptionId::ConnectTimeout), 15);
  EXPECT_EQ(c.text(OptionId::Pwd), "");
  EXPECT_EQ(c.source(OptionId::Pwd), ValueSource::ConnectionString);
}

TEST(ConfigResolveTest, UnknownKeysAreKeptAndIgnored) {
  const ConnectionConfig c = resolve("Foo=1;UseDeclareFetch=1;foo=2;Server=h", kNoDsn);
  ASSERT_EQ(c.ignored().size(), 2u);
  EXPECT_EQ(c.ignored()[0].key, "Foo");
  EXPECT_EQ(c.ignored()[0].value, "1");
  EXPECT_EQ(c.ignored()[1].key, "UseDeclareFetch");
  EXPECT_EQ(c.text(OptionId::Server), "h");
}

TEST(ConfigResolveTest, ConnectionStringOverridesDsnAndDsnOverridesDefaults) {
  FakeIni ini;
  ini.sections["pg"] = {{"Driver", "pgwire"},
                        {"Servername", "dsnhost"},
                        {"Port", "5433"},
                        {"Username", "dsnuser"},
                        {"Password", "dsnpass"},
                        {"Server", "second-spelling-loses"},
                        {"SSLmode", "not-validated-because-overridden"},
                        {"Port", "1"},
                        {"KeepaliveTime", "30"}};
  const ConnectionConfig c = resolve("DSN=pg;UID=alice;sslmode=require", ini.reader());
  EXPECT_EQ(ini.asked, std::vector<std::string>{"pg"});
  EXPECT_EQ(c.text(OptionId::Server), "dsnhost");
  EXPECT_EQ(c.source(OptionId::Server), ValueSource::Dsn);
  EXPECT_EQ(c.integer(OptionId::Port), 5433);
  EXPECT_EQ(c.text(OptionId::Uid), "alice");
  EXPECT_EQ(c.source(OptionId::Uid), ValueSource::ConnectionString);
  EXPECT_EQ(c.text(OptionId::Pwd), "dsnpass");
  EXPECT_EQ(c.text(OptionId::SslMode), "require");
  EXPECT_EQ(c.text(OptionId::Driver), "pgwire");
  ASSERT_EQ(c.ignored().size(), 1u);
  EXPECT_EQ(c.ignored()[0].key, "KeepaliveTime");
  EXPECT_EQ(c.ignored()[0].source, ValueSource::Dsn);
}

TEST(ConfigResolveTest, InvalidDsnValueNamesTheKeyAsWritten) {
  FakeIni ini;
  ini.sections["bad"] = {{"SSLmode", "bogus"}};
  EXPECT_EQ(resolve_error("DSN=bad", ini.reader()),
            "Invalid value 'bogus' for SSLMode (given as 'SSLmode'): allowed values are disable, "
            "allow, prefer, require, verify-ca, verify-full");
}

TEST(ConfigResolveTest, WhicheverOfDsnAndDriverComesFirstGoverns) {
  FakeIni ini;
  ini.sections["pg"] = {{"Server", "fromdsn"}};
  const ConnectionConfig driver_first = resolve("Driver={PGWire};DSN=pg;Server=h", kNoDsn);
  EXPECT_EQ(driver_first.text(OptionId::Dsn), "");
  EXPECT_EQ(driver_first.text(OptionId::Driver), "PGWire");
  EXPECT_EQ(driver_first.text(OptionId::Server), "h");

  const ConnectionConfig dsn_first = resolve("DSN=pg;Driver={PGWire}", ini.reader());
  EXPECT_EQ(dsn_first.text(OptionId::Dsn), "pg");
  EXPECT_EQ(dsn_first.text(OptionId::Driver), "");
  EXPECT_EQ(dsn_first.text(OptionId::Server), "fromdsn");

  // A blank DSN is no DSN.
  const ConnectionConfig blank = resolve("DSN= ;Server=h", kNoDsn);
  EXPECT_EQ(blank.text(OptionId::Dsn), "");
}

TEST(ConfigResolveTest, MultiHostAndPortLists) {
  auto hosts = host_list(resolve("Server=a, b ,c;Port=5432", kNoDsn));
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[1].host, "b");
  EXPECT_EQ(hosts[2].port, 5432);

  hosts = host_list(resolve("Server=a,b,/var/run/postgresql;Port=6000,,6002", kNoDsn));
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[0].port, 6000);
  EXPECT_EQ(hosts[1].port, 5432);
  EXPECT_EQ(hosts[2].host, "/var/run/postgresql");
  EXPECT_EQ(hosts[2].port, 6002);

  hosts = host_list(resolve("Server=a,,::1", kNoDsn));
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[1].host, "localhost");
  EXPECT_EQ(hosts[2].host, "::1");

  EXPECT_EQ(
      resolve_error("Server=a,b;Port=1,2,3"),
      "Port lists 3 ports but Server lists 2 hosts: give one port for all hosts or one per host");
  EXPECT_EQ(resolve_error("Server=a;Port=5432,x"),
            "Invalid value 'x' for Port: expected an integer from 1 to 65535");
}

TEST(ConfigResolveTest, BadValuesNameKeyAndAllowedValues) {
  EXPECT_EQ(resolve_error("Port=abc"),
            "Invalid value 'abc' for Port: expected an integer from 1 to 65535");
  EXPECT_EQ(
      resolve_error("SSLMode=bogus"),
      "Invalid value 'bogus' for SSLMode: allowed values are disable, allow, prefer, require, "
      "verify-ca, verify-full");
  EXPECT_EQ(
      resolve_error("channel_binding=maybe"),
      "Invalid value 'maybe' for ChannelBinding (given as 'channel_binding'): allowed values are "
      "disable, prefer, require");
  EXPECT_EQ(resolve_error("BoolsAsChar=2"),
            "Invalid value '2' for BoolsAsChar: expected 1 or 0 (also true/false, yes/no, on/off)");
  EXPECT_EQ(
      resolve_error("PWD={unterminated"),
      "Connection string syntax error at position 5: unterminated '{' in the value of 'PWD' (a "
      "literal '}' is written '}}')");
}

TEST(ConfigResolveTest, PqoptFillsUnsetOptionsAndIgnoresOtherKeywords) {
  const ConnectionConfig c = resolve(
      "Server=h;pqopt={sslrootcert=/ca.pem sslsni=0 keepalives=1 application_name='my app'}",
      kNoDsn);
  EXPECT_EQ(c.text(OptionId::SslRootCert), "/ca.pem");
  EXPECT_EQ(c.source(OptionId::SslRootCert), ValueSource::Pqopt);
  EXPECT_FALSE(c.boolean(OptionId::SslSni));
  EXPECT_EQ(c.text(OptionId::ApplicationName), "my app");
  ASSERT_EQ(c.ignored().size(), 1u);
  EXPECT_EQ(c.ignored()[0].key, "keepalives");
  EXPECT_EQ(c.ignored()[0].source, ValueSource::Pqopt);
}

TEST(ConfigResolveTest, PqoptAgreeingWithExplicitOptionIsFineConflictIsAnError) {
  EXPECT_EQ(resolve("SSLMode=require;pqopt={sslmode=require}", kNoDsn).text(OptionId::SslMode),
            "require");
  EXPECT_EQ(
      resolve_error("SSLMode=require;pqopt={sslmode=disable}"),
      "pqopt keyword 'sslmode' = 'disable' conflicts with SSLMode = 'require' from the connection "
      "string");
  EXPECT_EQ(resolve_error("PWD=a;pqopt={password=b}"),
            "pqopt keyword 'password' conflicts with PWD from the connection string");
  EXPECT_EQ(
      resolve_error("pqopt={sslmode=bogus}"),
      "Invalid value 'bogus' for SSLMode (given as 'pqopt sslmode'): allowed values are disable, "
      "allow, prefer, require, verify-ca, verify-full");
  EXPECT_EQ(resolve_error("pqopt={sslmode}"), "Invalid pqopt: missing '=' after \"sslmode\"");
}

TEST(ConfigResolveTest, PqoptFromDsnIsOverriddenWholeByConnectionString) {
  FakeIni ini;
  ini.sections["pg"] = {{"pqopt", "sslcert=/dsn.crt"}};
  const ConnectionConfig c = resolve("DSN=pg;D5={sslkey=/conn.key}", ini.reader());
  EXPECT_EQ(c.text(OptionId::SslKey), "/conn.key");
  EXPECT_EQ(c.text(OptionId::SslCert), "");
}

TEST(ConfigResolveTest, ToConnectParamsMapsEveryField) {
  const auto p = to_connect_params(
      resolve("Server=h1,h2;Port=7000;Database=db;UID=u;PWD={p;w};ApplicationName=app;"
              "Options={-c "
              "search_path=x};SSLMode=verify-full;SSLRootCert=/r.pem;SSLCert=/c.pem;SSLKey=/k.pem;"
              "SSLPassword=kp;SSLCrl=/crl.pem;SSLSNI=no;ChannelBinding=require;ConnectTimeout=7",
              kNoDsn));
  ASSERT_EQ(p.hosts.size(), 2u);
  EXPECT_EQ(p.hosts[0].host, "h1");
  EXPECT_EQ(p.hosts[1].port, 7000);
  EXPECT_EQ(p.database, "db");
  EXPECT_EQ(p.user, "u");
  EXPECT_EQ(p.password, "p;w");
  EXPECT_EQ(p.application_name, "app");
  EXPECT_EQ(p.options, "-c search_path=x");
  EXPECT_EQ(p.tls.mode, pgw::net::SslMode::VerifyFull);
  EXPECT_EQ(p.tls.root_cert, "/r.pem");
  EXPECT_EQ(p.tls.cert, "/c.pem");
  EXPECT_EQ(p.tls.key, "/k.pem");
  EXPECT_EQ(p.tls.key_password, "kp");
  EXPECT_EQ(p.tls.crl, "/crl.pem");
  EXPECT_FALSE(p.tls.sni);
  EXPECT_EQ(p.channel_binding, pgw::session::ChannelBinding::Require);
  EXPECT_EQ(p.connect_timeout, std::chrono::milliseconds(7000));
}

TEST(ConfigResolveTest, EmptyUserBecomesOperatingSystemUser) {
  const auto p = to_connect_params(resolve("Server=h", kNoDsn));
  const passwd* pw = getpwuid(geteuid());
  ASSERT_NE(pw, nullptr);
  EXPECT_EQ(p.user, pw->pw_name);
  EXPECT_EQ(p.tls.mode, pgw::net::SslMode::Prefer);
  EXPECT_EQ(p.channel_binding, pgw::session::ChannelBinding::Prefer);
  EXPECT_EQ(p.connect_timeout, std::chrono::milliseconds(15000));
}

TEST(ConfigResolveTest, TypeKnobsFromConnectionString) {
  const TypeOptions t = type_options(resolve(
      "MaxVarcharSize=255;B1=65536;TextAsLongVarchar=1;UnknownsAsLongVarchar=yes;BoolsAsChar=true;"
      "ByteaAsLongVarBinary=1;Fetch=1000",
      kNoDsn));
  EXPECT_EQ(t.max_varchar_size, 255);
  EXPECT_EQ(t.max_long_varchar_size, 65536);
  EXPECT_TRUE(t.text_as_long_varchar);
  EXPECT_TRUE(t.unknowns_as_long_varchar);
  EXPECT_TRUE(t.bools_as_char);
  EXPECT_TRUE(t.bytea_as_long_varbinary);
  EXPECT_EQ(t.fetch_rows, 1000);
  EXPECT_EQ(resolve_error("MaxVarcharSize=0"),
            "Invalid value '0' for MaxVarcharSize: expected an integer from 1 to 2147483647");
}

TEST(ConfigResolveTest, SqlConnectArgumentsOverrideDsnOnlyWhenGiven) {
  FakeIni ini;
  ini.sections["pg"] = {{"UID", "dsnuser"}, {"PWD", "dsnpass"}, {"Server", "h"}};
  const ConnectionConfig given = resolve(sqlconnect_input("pg", "u", "p;w"), ini.reader());
  EXPECT_EQ(given.text(OptionId::Uid), "u");
  EXPECT_EQ(given.text(OptionId::Pwd), "p;w");
  const ConnectionConfig empty = resolve(sqlconnect_input("pg", "", ""), ini.reader());
  EXPECT_EQ(empty.text(OptionId::Uid), "dsnuser");
  EXPECT_EQ(empty.text(OptionId::Pwd), "dsnpass");
  EXPECT_EQ(empty.text(OptionId::Server), "h");
}

TEST(ConfigOutStringTest, OmitsSecretsAndKeepsTheRest) {
  EXPECT_EQ(out_connection_string(ConnectionString::parse(
                "DSN=pg;UID=me;PWD=secret;Password=other;Foo={a;b};SSLPassword=k;Server=h")),
            "DSN=pg;UID=me;Foo={a;b};Server=h");
  EXPECT_EQ(
      out_connection_string(ConnectionString::parse("Driver={PGWire};DSN=pg;Server=h;server=x")),
      "Driver={PGWire};Server=h");
  EXPECT_EQ(out_connection_string(ConnectionString::parse("DSN=pg;Driver={PGWire};UID=u")),
            "DSN=pg;UID=u");
}

TEST(ConfigOutStringTest, StripsPasswordsInsidePqopt) {
  EXPECT_EQ(out_connection_string(ConnectionString::parse(
                "DSN=pg;pqopt={sslrootcert=/ca password=x sslpassword='y z'}")),
            "DSN=pg;pqopt={sslrootcert=/ca}");
  EXPECT_EQ(out_connection_string(ConnectionString::parse("DSN=pg;pqopt={password=x}")), "DSN=pg");
}

TEST(ConfigOutStringTest, RoundTripsThroughTheParser) {
  const std::string out = out_connection_string(
      ConnectionString::parse("DSN=pg;Options={-c a=b;c};ApplicationName={ spaced };PWD=x"));
  EXPECT_EQ(out, "DSN=pg;Options={-c a=b;c};ApplicationName={ spaced }");
  const ConnectionConfig c = resolve(out, [](std::string_view) { return IniEntries{}; });
  EXPECT_EQ(c.text(OptionId::Options), "-c a=b;c");
  EXPECT_EQ(c.text(OptionId::ApplicationName), " spaced ");
  EXPECT_EQ(c.text(OptionId::Pwd), "");
}

TEST(ConfigRedactionTest, ConnectionStringSecretsAreMasked) {
  EXPECT_EQ(redacted(ConnectionString::parse("DSN=pg;PWD={p;w};password=x;SSLPassword=k;MyToken=t;"
                                             "Foo=bar;pqopt={password=s sslmode=require}")),
            "DSN=pg;PWD={***};password=***;SSLPassword=***;MyToken=***;Foo=bar;"
            "pqopt={password=*** sslmode=require}");
  EXPECT_EQ(redacted(ConnectionString::parse("pqopt={password='unterminated}")), "pqopt={***}");
}

TEST(ConfigRedactionTest, ConfigShowsNonDefaultOptionsWithSecretsMasked) {
  FakeIni ini;
  ini.sections["pg"] = {{"SSLPassword", "dsnpass"}, {"Secret_Key", "s"}, {"Color", "blue"}};
  const ConnectionConfig c =
      resolve("DSN=pg;Server=h;Port=5433;pqopt={password=z sslsni=0}", ini.reader());
  const std::string text = redacted(c);
  EXPECT_EQ(
      text,
      "DSN=pg;Server=h;Port=5433;PWD=***;SSLPassword=***;SSLSNI=0;pqopt={password=*** sslsni=0};"
      "ignored:Secret_Key=***;ignored:Color=blue");
  EXPECT_EQ(text.find("dsnpass"), std::string::npos);
  EXPECT_EQ(c.text(OptionId::Pwd), "z");
  EXPECT_EQ(c.source(OptionId::Pwd), ValueSource::Pqopt);
}
