// The CockroachDB stand-in (fixture standin_crdb) as clients see it: the project's session engine
// and raw wire messages. Expected values are the facts in /work/shared/vendors.md.
#include <gtest/gtest.h>

#include <thread>

#include "standin_support.hpp"

namespace pgw::standin::test {
namespace {

using session::Event;
using session::Session;
using session::TxStatus;

constexpr const char* kCrdbVersion =
    "CockroachDB CCL v25.3.4 (x86_64-pc-linux-gnu, built 2025/10/28 18:12:22, go1.23.12)";

TEST(Crdb, StartupParametersInCockroachOrder) {
  Login l = crdb_login();
  l.application_name = "standin-test";
  auto s = connect(l);
  std::vector<std::string> names;
  for (const auto& [n, v] : s->parameters()) names.push_back(n);
  const std::vector<std::string> expected{"server_version",    "server_encoding",
                                          "client_encoding",   "application_name",
                                          "DateStyle",         "IntervalStyle",
                                          "is_superuser",      "TimeZone",
                                          "integer_datetimes", "standard_conforming_strings",
                                          "crdb_version",      "session_authorization"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(s->parameter("server_version"), "13.0.0");
  EXPECT_EQ(s->parameter("server_encoding"), "UTF8");
  EXPECT_EQ(s->parameter("client_encoding"), "UTF8");
  EXPECT_EQ(s->parameter("application_name"), "standin-test");
  EXPECT_EQ(s->parameter("DateStyle"), "ISO, MDY");
  EXPECT_EQ(s->parameter("IntervalStyle"), "postgres");
  EXPECT_EQ(s->parameter("is_superuser"), "off");
  EXPECT_EQ(s->parameter("TimeZone"), "UTC");
  EXPECT_EQ(s->parameter("integer_datetimes"), "on");
  EXPECT_EQ(s->parameter("standard_conforming_strings"), "on");
  EXPECT_EQ(s->parameter("crdb_version"), kCrdbVersion);
  EXPECT_EQ(s->parameter("session_authorization"), crdb("PGW_STANDIN_USER"));
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle);
}

TEST(Crdb, StartupOnTheWire) {
  RawClient c(crdb_login().port);
  c.startup({{"user", crdb("PGW_STANDIN_USER")}, {"database", crdb("PGW_STANDIN_DB")}});
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "RSSSSSSSSSSSSKZ");
  EXPECT_EQ(msgs[0].body, std::string(4, '\0')) << "AuthenticationOk";
  EXPECT_EQ(msgs[1].body, std::string("server_version\0"
                                      "13.0.0\0",
                                      22));
  EXPECT_EQ(msgs[12].body.substr(0, 22), std::string("session_authorization\0", 22));
  // BackendKeyData is one 64-bit value: 8 bytes.
  EXPECT_EQ(msgs[13].body.size(), 8u);
  EXPECT_EQ(msgs.back().body, "I");
}

TEST(Crdb, SslRequestIsAnsweredN) {
  RawClient c(crdb_login().port);
  c.send(wire::SSLRequest{});
  EXPECT_EQ(c.read_byte(), 'N');
  c.startup({{"user", crdb("PGW_STANDIN_USER")}, {"database", crdb("PGW_STANDIN_DB")}});
  EXPECT_EQ(types_of(c.read_until_ready()).back(), 'Z');
}

// vendors.md "Recorded exchanges": CockroachDB, simple query `SELECT 2::int8`.
TEST(Crdb, RecordedSelectInt8) {
  RawClient c(crdb_login().port);
  c.startup({{"user", crdb("PGW_STANDIN_USER")}, {"database", crdb("PGW_STANDIN_DB")}});
  c.read_until_ready();
  c.send(wire::Query{"SELECT 2::int8"});
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "TDCZ");
  const auto f = row_description_of(msgs[0]);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].name, "int8");
  EXPECT_EQ(f[0].table_oid, 0u);
  EXPECT_EQ(f[0].column_number, 0);
  EXPECT_EQ(f[0].type_oid, 20u);
  EXPECT_EQ(f[0].type_size, 8);
  EXPECT_EQ(f[0].type_modifier, -1);
  EXPECT_EQ(f[0].format, 0);
  EXPECT_EQ(msgs[1].body, std::string("\0\x01\0\0\0\x01"
                                      "2",
                                      7));
  EXPECT_EQ(msgs[2].body, std::string("SELECT 1\0", 9));
  EXPECT_EQ(msgs[3].body, "I");
}

TEST(Crdb, Int4ColumnsAreReportedAsInt8) {
  auto s = connect(crdb_login());
  s->query("select 1::int4 as a, 7 as bare, 3::int2 as small");
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  const auto fields = s->fields();
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].type_oid, 20u);
  EXPECT_EQ(fields[0].type_size, 8);
  EXPECT_EQ(fields[1].type_oid, 20u);
  EXPECT_EQ(fields[2].type_oid, 21u) << "int2 stays int2";
  ASSERT_EQ(s->next(soon()), Event::DataRow);
  EXPECT_EQ(s->row()[0].view(), "1");
  EXPECT_EQ(s->row()[1].view(), "7");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

// vendors.md "Recorded exchanges": extended `SELECT b, 1 FROM tab3` where b is CHAR(8).
TEST(Crdb, RecordedExtendedCharAndLiteral) {
  auto s = connect(crdb_login());
  s->run("create temp table tab3 (b char(8))", soon());
  s->run("insert into tab3 values ('hello')", soon());
  s->parse("", "SELECT b, 1 FROM tab3", {});
  s->bind("", "", {}, {}, {});
  s->describe_portal("");
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  const auto f = s->fields();
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].name, "b");
  EXPECT_EQ(f[0].type_oid, 1042u);
  EXPECT_EQ(f[0].type_size, -1);
  EXPECT_EQ(f[0].type_modifier, 12);
  EXPECT_EQ(f[1].name, "?column?");
  EXPECT_EQ(f[1].type_oid, 20u);
  EXPECT_EQ(f[1].type_size, 8);
  ASSERT_EQ(s->next(soon()), Event::DataRow);
  EXPECT_EQ(s->row()[0].view(), "hello   ");
  EXPECT_EQ(s->row()[1].view(), "1");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  EXPECT_EQ(s->command_tag(), "SELECT 1");
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

TEST(Crdb, BinaryInt4ValuesAreWidenedToEightBytes) {
  auto s = connect(crdb_login());
  const std::int16_t binary[] = {1};
  s->parse("", "select 1::int4, -5::int4, null::int4, 'x'::text", {});
  s->bind("", "", {}, {}, binary);
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::DataRow) << "no RowDescription: the client did not ask";
  const auto row = s->row();
  ASSERT_EQ(row.size(), 4u);
  EXPECT_EQ(row[0].view(), std::string("\0\0\0\0\0\0\0\x01", 8));
  EXPECT_EQ(row[1].view(), std::string("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFB", 8));
  EXPECT_TRUE(row[2].is_null());
  EXPECT_EQ(row[3].view(), "x");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

TEST(Crdb, JsonIsReportedAsJsonb) {
  auto s = connect(crdb_login());
  s->query("select '{\"a\": 1}'::json");
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  EXPECT_EQ(s->fields()[0].type_oid, 3802u);
  while (s->next(soon()) != Event::ReadyForQuery) {
  }
  // Binary: jsonb's version byte 1 before the text.
  const std::int16_t binary[] = {1};
  s->parse("", "select '{\"a\": 1}'::json", {});
  s->bind("", "", {}, {}, binary);
  s->describe_portal("");
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  EXPECT_EQ(s->fields()[0].type_oid, 3802u);
  EXPECT_EQ(s->fields()[0].format, 1);
  ASSERT_EQ(s->next(soon()), Event::DataRow);
  EXPECT_EQ(s->row()[0].view(), "\x01{\"a\": 1}");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

TEST(Crdb, ParametersAreDescribedAsInt8AndAcceptBinaryInt8) {
  auto s = connect(crdb_login());
  s->parse("st", "select $1::int4 + 1", {});
  s->describe_statement("st");
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  ASSERT_EQ(s->next(soon()), Event::ParameterDescription);
  ASSERT_EQ(s->param_types().size(), 1u);
  EXPECT_EQ(s->param_types()[0], 20u);
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  EXPECT_EQ(s->fields()[0].type_oid, 20u);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);

  // As told: an 8-byte binary int8.
  const std::string v("\0\0\0\0\0\0\0\x29", 8);  // 41
  const session::Value params[] = {{v.data(), 8}};
  const std::int16_t binary[] = {1};
  s->bind("", "st", binary, params, {});
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::DataRow);
  EXPECT_EQ(s->row()[0].view(), "42");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

// vendors.md "ParameterStatus after SET": in the extended protocol it can arrive before
// ParseComplete.
TEST(Crdb, SetParameterStatusArrivesBeforeParseComplete) {
  RawClient c(crdb_login().port);
  c.startup({{"user", crdb("PGW_STANDIN_USER")}, {"database", crdb("PGW_STANDIN_DB")}});
  c.read_until_ready();
  c.send(wire::Parse{"", "SET application_name = 'reordered'", {}}, wire::Bind{"", "", {}, {}, {}},
         wire::Execute{"", 0}, wire::Sync{});
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "S12CZ");
  EXPECT_EQ(msgs[0].body, std::string("application_name\0reordered\0", 27));
  EXPECT_EQ(msgs[3].body, std::string("SET\0", 4));

  // And the session engine takes it in that order too.
  auto s = connect(crdb_login());
  s->parse("", "SET application_name = 'via-session'", {});
  s->bind("", "", {}, {}, {});
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  EXPECT_EQ(s->parameter("application_name"), "via-session");
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

TEST(Crdb, TransactionsAreSerializableAndStatusIsReliable) {
  auto s = connect(crdb_login());
  EXPECT_EQ(query_value(*s, "show transaction_isolation"), "serializable");
  s->run("BEGIN", soon());
  EXPECT_EQ(s->transaction_status(), TxStatus::InTransaction);
  EXPECT_THROW(s->run("select 1/0", soon()), DriverError);
  EXPECT_EQ(s->transaction_status(), TxStatus::Failed);
  s->run("ROLLBACK", soon());
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle);
}

// vendors.md "retryable SQLSTATE": 40001, message starts "restart transaction".
TEST(Crdb, SerializationFailureSaysRestartTransaction) {
  auto a = connect(crdb_login());
  auto b = connect(crdb_login());
  const std::string table = "standin_retry_" + std::to_string(::getpid());
  a->run("drop table if exists " + table, soon());
  a->run("create table " + table + " (id int primary key, v int)", soon());
  a->run("insert into " + table + " values (1, 0)", soon());
  a->run("BEGIN", soon());
  EXPECT_EQ(query_value(*a, "select v from " + table + " where id = 1"), "0");
  b->run("update " + table + " set v = v + 1 where id = 1", soon());
  try {
    a->run("update " + table + " set v = v + 10 where id = 1", soon());
    ADD_FAILURE() << "no serialization failure";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "40001");
    EXPECT_EQ(std::string(e.what()).rfind("restart transaction", 0), 0u) << e.what();
  }
  a->run("ROLLBACK", soon());
  a->run("drop table " + table, soon());
}

TEST(Crdb, NoticesArePassedThrough) {
  auto s = connect(crdb_login());
  s->run("do $$ begin raise notice 'standin notice'; end $$", soon());
  const auto notices = s->take_notices();
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].message, "standin notice");
}

TEST(Crdb, CancelReachesPostgres) {
  auto s = connect(crdb_login());
  auto watcher = connect(direct_login());
  s->query("select pg_sleep(60) /* standin-cancel */");
  s->send(soon());
  // Cancel only once PostgreSQL is running the query (a cancel before it would be lost).
  bool running = false;
  for (int i = 0; i < 500 && !running; ++i)
    running = query_value(*watcher,
                          "select count(*) from pg_stat_activity where state = 'active' and "
                          "query like 'select pg_sleep(60) /* standin-cancel */%'") == "1";
  ASSERT_TRUE(running);
  Session::cancel(s->cancel_target());
  bool canceled = false;
  for (;;) {
    const Event e = s->next(soon(20));
    if (e == Event::Error) canceled = s->error().sqlstate == "57014";
    if (e == Event::ReadyForQuery) break;
  }
  EXPECT_TRUE(canceled);
}

TEST(Crdb, ClientIsClosedWhenPostgresEndsTheSession) {
  auto s = connect(crdb_login());
  const std::string pid = query_value(*s, "select pg_backend_pid()");
  auto admin = connect(direct_login());
  EXPECT_EQ(query_value(*admin, "select pg_terminate_backend(" + pid + ")"), "t");
  // The FATAL is relayed and the connection closed: the next statement fails, it never hangs.
  try {
    s->run("select 1", soon());
    ADD_FAILURE() << "the session survived its backend";
  } catch (const DriverError& e) {
    EXPECT_TRUE(e.sqlstate() == "57P01" || e.sqlstate() == "08S01") << e.sqlstate() << e.what();
  }
  try {
    s->run("select 1", soon());
    ADD_FAILURE() << "the session survived its backend";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08S01") << e.what();
  }
}

}  // namespace
}  // namespace pgw::standin::test
