// Stand-ins started by the test itself, for flags the fixtures do not use: CockroachDB Serverless
// routing, password authentication, an unreachable upstream, and stopping with SIGTERM.
#include <gtest/gtest.h>

#include "standin_support.hpp"

namespace pgw::standin::test {
namespace {

using session::Session;

std::vector<std::string> crdb_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> a{"--vendor",    "cockroachdb", "--listen",
                             "127.0.0.1:0", "--upstream",  upstream_arg()};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

Login login_to(const StandinProcess& p) {
  Login l;
  l.port = p.port();
  l.user = server("PGW_TRUST_USER");
  l.database = server("PGW_DB");
  return l;
}

// The connection attempt's error; fails the test when it connects.
DriverError refusal(const Login& l) {
  try {
    connect(l);
  } catch (const DriverError& e) {
    return e;
  }
  ADD_FAILURE() << "connected";
  return DriverError("", "connected");
}

constexpr const char* kClusterId = "active-roach-42";

TEST(StandinProcess, MissingClusterIsAFatal08004WithAHintNamingTheThreeWays) {
  StandinProcess p(crdb_args({"--require-cluster", "--clusters", kClusterId}));
  const DriverError e = refusal(login_to(p));
  EXPECT_TRUE(e.from_server());
  EXPECT_EQ(e.sqlstate(), "08004");
  EXPECT_STREQ(e.what(), "codeParamsRoutingFailed: missing cluster identifier");
  EXPECT_EQ(e.server().severity, "FATAL");
  const std::string& hint = e.server().hint;
  EXPECT_NE(hint.find("Host name"), std::string::npos) << hint;
  EXPECT_NE(hint.find("--cluster=<cluster identifier>"), std::string::npos) << hint;
  EXPECT_NE(hint.find("<cluster identifier>.<database name>"), std::string::npos) << hint;

  // On the wire: a FATAL ErrorResponse, then the stand-in hangs up.
  RawClient c(p.port());
  c.startup({{"user", server("PGW_TRUST_USER")}, {"database", server("PGW_DB")}});
  const Msg m = c.read();
  ASSERT_EQ(m.type, 'E');
  const auto fields = error_fields_in_order(m.body);
  ASSERT_GE(fields.size(), 3u);
  EXPECT_EQ(fields[0], std::make_pair('S', std::string("FATAL")));
  EXPECT_EQ(fields[1], std::make_pair('C', std::string("08004")));
  EXPECT_TRUE(c.closed_by_server());
}

TEST(StandinProcess, ClusterByOptionsOrDatabaseNameIsAccepted) {
  StandinProcess p(crdb_args({"--require-cluster", "--clusters", kClusterId}));
  Login by_long = login_to(p);
  by_long.options = std::string("--cluster=") + kClusterId;
  EXPECT_EQ(query_value(*connect(by_long), "select current_database()"), server("PGW_DB"));

  Login by_c = login_to(p);
  by_c.options = std::string("-c cluster=") + kClusterId + " -c search_path=public";
  auto s = connect(by_c);
  EXPECT_EQ(query_value(*s, "show search_path"), "public") << "other options still apply";

  Login by_db = login_to(p);
  by_db.database = std::string(kClusterId) + "." + server("PGW_DB");
  EXPECT_EQ(query_value(*connect(by_db), "select current_database()"), server("PGW_DB"));
}

TEST(StandinProcess, UnknownClusterIsRefused) {
  StandinProcess p(crdb_args({"--require-cluster", "--clusters", kClusterId}));
  Login l = login_to(p);
  l.options = "--cluster=lazy-roach-7";
  const DriverError e = refusal(l);
  EXPECT_EQ(e.sqlstate(), "08004");
  EXPECT_STREQ(e.what(), "codeParamsRoutingFailed: cluster lazy-roach-7 not found");
}

TEST(StandinProcess, CleartextPasswordIsRequestedAndChecked) {
  StandinProcess p(crdb_args({"--password", "s3cret"}));
  RawClient c(p.port());
  c.startup({{"user", server("PGW_TRUST_USER")}, {"database", server("PGW_DB")}});
  const Msg m = c.read();
  EXPECT_EQ(m.type, 'R');
  EXPECT_EQ(m.body, std::string("\0\0\0\x03", 4)) << "AuthenticationCleartextPassword";

  Login good = login_to(p);
  good.password = "s3cret";
  EXPECT_EQ(query_value(*connect(good), "select 1"), "1");

  Login bad = login_to(p);
  bad.password = "wrong";
  const DriverError e = refusal(bad);
  EXPECT_EQ(e.sqlstate(), "28P01");
  EXPECT_EQ(std::string(e.what()),
            "password authentication failed for user \"" + server("PGW_TRUST_USER") + "\"");
}

TEST(StandinProcess, TrustUsersSkipThePassword) {
  StandinProcess p(crdb_args({"--password", "s3cret", "--trust-users", server("PGW_TRUST_USER")}));
  EXPECT_EQ(query_value(*connect(login_to(p)), "select 1"), "1");
}

TEST(StandinProcess, UnreachableUpstreamIsAFatalNotADroppedSocket) {
  // A port nothing listens on: bound, then released.
  std::uint16_t free_port = 0;
  {
    StandinProcess probe(crdb_args());
    free_port = probe.port();
  }
  StandinProcess crdb({"--vendor", "cockroachdb", "--listen", "127.0.0.1:0", "--upstream",
                       "127.0.0.1:" + std::to_string(free_port)});
  const DriverError e = refusal(login_to(crdb));
  EXPECT_TRUE(e.from_server());
  EXPECT_EQ(e.sqlstate(), "08004");
  EXPECT_EQ(std::string(e.what()).rfind("codeBackendDown: ", 0), 0u) << e.what();

  StandinProcess crate({"--vendor", "cratedb", "--listen", "127.0.0.1:0", "--upstream",
                        "127.0.0.1:" + std::to_string(free_port)});
  const DriverError e2 = refusal(login_to(crate));
  EXPECT_TRUE(e2.from_server());
  EXPECT_EQ(e2.sqlstate(), "08006");
}

TEST(StandinProcess, SigtermStopsItWithClientsConnected) {
  StandinProcess p(crdb_args());
  auto s = connect(login_to(p));
  EXPECT_EQ(query_value(*s, "select 1"), "1");
  EXPECT_EQ(p.stop(), 0) << "clean exit on SIGTERM";
  try {
    s->run("select 1", soon());
    ADD_FAILURE() << "the connection outlived the stand-in";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08S01") << e.what();
  }
}

TEST(StandinProcess, BadCommandLineIsRefused) {
  EXPECT_THROW(StandinProcess({"--vendor", "oracle", "--listen", "127.0.0.1:0"}),
               std::runtime_error);
}

}  // namespace
}  // namespace pgw::standin::test
