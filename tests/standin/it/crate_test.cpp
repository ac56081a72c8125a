// The CrateDB stand-in (fixture standin_crate) as clients see it: the project's session engine
// and raw wire messages. Expected values are the facts in /work/shared/vendors.md.
#include <gtest/gtest.h>

#include "standin_support.hpp"

namespace pgw::standin::test {
namespace {

using session::Event;
using session::Session;
using session::TxStatus;

void startup(RawClient& c) {
  c.startup({{"user", crate("PGW_STANDIN_USER")}, {"database", crate("PGW_STANDIN_DB")}});
  c.read_until_ready();
}

// Runs a one-statement extended batch (Parse/Bind/Execute/Sync) and returns the events and the
// ReadyForQuery status.
std::string extended(Session& s, std::string_view sql, TxStatus& status) {
  s.parse("", sql, {});
  s.bind("", "", {}, {}, {});
  s.execute("", 0);
  s.sync();
  s.send(soon());
  std::string events;
  for (;;) {
    const Event e = s.next(soon());
    switch (e) {
      case Event::ParseComplete:
        events += '1';
        break;
      case Event::BindComplete:
        events += '2';
        break;
      case Event::CommandComplete:
        events += 'C';
        break;
      case Event::Error:
        events += 'E';
        break;
      case Event::DataRow:
        events += 'D';
        break;
      case Event::ReadyForQuery:
        status = s.transaction_status();
        return events;
      default:
        events += '?';
    }
  }
}

TEST(Crate, StartupParametersInCrateOrder) {
  Login l = crate_login();
  l.application_name = "standin-test";  // accepted, but CrateDB never reports it
  auto s = connect(l);
  const std::vector<std::pair<std::string, std::string>> expected{
      {"crate_version", "6.5.0"},  {"server_version", "14.0"},
      {"server_encoding", "UTF8"}, {"client_encoding", "UTF8"},
      {"datestyle", "ISO"},        {"TimeZone", "UTC"},
      {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"},
  };
  EXPECT_EQ(s->parameters(), expected);
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle);
}

TEST(Crate, StartupOnTheWire) {
  RawClient c(crate_login().port);
  c.startup({{"user", "crate"}});  // CrateDB's default user, no database: schema doc
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "RSSSSSSSSKZ");
  EXPECT_EQ(msgs[0].body, std::string(4, '\0'));
  EXPECT_EQ(msgs[1].body, std::string("crate_version\0"
                                      "6.5.0\0",
                                      20));
  EXPECT_EQ(msgs[5].body, std::string("datestyle\0ISO\0", 14));
  EXPECT_EQ(msgs[9].body.size(), 8u) << "two Int32";
  EXPECT_EQ(msgs.back().body, "I");
}

TEST(Crate, SslRequestIsAnsweredN) {
  RawClient c(crate_login().port);
  c.send(wire::SSLRequest{});
  EXPECT_EQ(c.read_byte(), 'N');
  startup(c);
}

// vendors.md "Recorded exchanges": CrateDB, empty query ";".
TEST(Crate, RecordedEmptyQuery) {
  RawClient c(crate_login().port);
  startup(c);
  c.send(wire::Query{";"});
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "IZ");
  EXPECT_EQ(msgs[0].body, "");
  EXPECT_EQ(msgs[1].body, "I");
}

TEST(Crate, TextIsVarcharWithoutTypmod) {
  auto s = connect(crate_login());
  s->query("select 'a'::text as t, 'b'::varchar(5) as v, 1::int4 as i, 2::int8 as l");
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  const auto f = s->fields();
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].type_oid, 1043u);
  EXPECT_EQ(f[0].type_modifier, -1);
  EXPECT_EQ(f[1].type_oid, 1043u);
  EXPECT_EQ(f[1].type_modifier, -1);
  EXPECT_EQ(f[2].type_oid, 23u) << "CrateDB's int stays int4";
  EXPECT_EQ(f[3].type_oid, 20u);
  while (s->next(soon()) != Event::ReadyForQuery) {
  }
}

TEST(Crate, BeginAndCommitAreAcceptedAndIgnored) {
  auto s = connect(crate_login());
  EXPECT_EQ(run_tag(*s, "BEGIN"), "BEGIN");
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle) << "always 'I' after a simple query";
  EXPECT_EQ(run_tag(*s, "create temp table kept (a int)"), "CREATE 1");
  EXPECT_EQ(run_tag(*s, "insert into kept values (1), (2)"), "INSERT 0 2");
  EXPECT_THROW(run_tag(*s, "select 1/0"), DriverError);
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle) << "'I' even after an error";
  // Had BEGIN reached PostgreSQL, the error would have aborted the insert's transaction.
  EXPECT_EQ(query_value(*s, "select count(*) from kept"), "2");
  EXPECT_EQ(run_tag(*s, "COMMIT"), "COMMIT 0");
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle);
}

TEST(Crate, RollbackIsASyntaxError) {
  auto s = connect(crate_login());
  try {
    run_tag(*s, "ROLLBACK");
    ADD_FAILURE() << "ROLLBACK accepted";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "42601");
    EXPECT_EQ(std::string(e.what()).rfind("line 1:1: mismatched input 'ROLLBACK'", 0), 0u)
        << e.what();
  }
  EXPECT_EQ(s->transaction_status(), TxStatus::Idle);
}

TEST(Crate, ReadyForQueryAfterSyncFollowsBeginCommitAndFailures) {
  auto s = connect(crate_login());
  TxStatus st = TxStatus::Idle;
  EXPECT_EQ(extended(*s, "BEGIN", st), "12C");
  EXPECT_EQ(st, TxStatus::InTransaction);
  EXPECT_EQ(extended(*s, "select 1", st), "12DC");
  EXPECT_EQ(st, TxStatus::InTransaction);
  EXPECT_EQ(extended(*s, "select 1 / (random() * 0)::int", st), "12E");  // fails in Execute
  EXPECT_EQ(st, TxStatus::Failed);
  EXPECT_EQ(extended(*s, "select 2", st), "12DC");
  EXPECT_EQ(st, TxStatus::InTransaction) << "the failure was the previous batch's";
  EXPECT_EQ(extended(*s, "COMMIT", st), "12C");
  EXPECT_EQ(st, TxStatus::Idle);
  EXPECT_EQ(extended(*s, "ROLLBACK", st), "E");
  EXPECT_EQ(st, TxStatus::Failed);
}

TEST(Crate, CommandTagsUseTheFirstWordOfTheQuery) {
  auto s = connect(crate_login());
  EXPECT_EQ(run_tag(*s, "create temp table tags (a int)"), "CREATE 1");
  EXPECT_EQ(run_tag(*s, "insert into tags values (1), (2)"), "INSERT 0 2");
  EXPECT_EQ(run_tag(*s, "update tags set a = a + 1"), "UPDATE 2");
  EXPECT_EQ(run_tag(*s, "select * from tags"), "SELECT 2");
  EXPECT_EQ(run_tag(*s, "  with x as (select 1) select * from x"), "WITH 1");
  EXPECT_EQ(run_tag(*s, "delete from tags"), "DELETE 2");
  TxStatus st;
  s->parse("", "insert into tags values (5)", {});
  s->bind("", "", {}, {}, {});
  s->execute("", 0);
  s->sync();
  s->send(soon());
  std::string tag;
  for (Event e; (e = s->next(soon())) != Event::ReadyForQuery;)
    if (e == Event::CommandComplete) tag = std::string(s->command_tag());
  EXPECT_EQ(tag, "INSERT 0 1");
  (void)st;
}

TEST(Crate, ErrorFieldsInCrateOrderWithAStackTrace) {
  RawClient c(crate_login().port);
  startup(c);
  c.send(wire::Query{"select 1/0"});
  const auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "EZ");
  const auto fields = error_fields_in_order(msgs[0].body);
  std::string order;
  for (const auto& [code, value] : fields) order += code;
  EXPECT_EQ(order, "SMCFRLW");
  EXPECT_EQ(fields[0].second, "ERROR");
  EXPECT_EQ(fields[1].second, "division by zero");
  EXPECT_EQ(fields[2].second, "22012");
  const std::string& trace = fields[6].second;
  std::size_t frames = 0;
  for (std::size_t at = 0; at < trace.size(); at = trace.find('\n', at) + 1) {
    EXPECT_EQ(trace.compare(at, 12, "at io.crate."), 0);
    ++frames;
  }
  EXPECT_GE(frames, 2u);
  EXPECT_LE(frames, 20u);
  EXPECT_EQ(msgs[1].body, "I");
}

TEST(Crate, NeverSendsNoticesOrParameterStatusAfterStartup) {
  RawClient c(crate_login().port);
  startup(c);
  c.send(wire::Query{"do $$ begin raise notice 'dropped'; end $$"});
  EXPECT_EQ(types_of(c.read_until_ready()), "CZ");
  c.send(wire::Query{"set application_name = 'dropped'"});
  auto msgs = c.read_until_ready();
  ASSERT_EQ(types_of(msgs), "CZ");
  EXPECT_EQ(msgs[0].body, std::string("SET 0\0", 6));
  c.send(wire::Parse{"", "set application_name = 'dropped too'", {}},
         wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0}, wire::Sync{});
  EXPECT_EQ(types_of(c.read_until_ready()), "12CZ");
}

TEST(Crate, UnknownSetParametersAreIgnored) {
  auto s = connect(crate_login());
  EXPECT_EQ(run_tag(*s, "SET no_such_setting = 1"), "SET 0");
  TxStatus st;
  EXPECT_EQ(extended(*s, "SET no_such_setting_either = 2", st), "12C");
  EXPECT_EQ(st, TxStatus::Idle);
}

// vendors.md "Recorded exchanges": CrateDB, Describe Portal of `select ? in (1, 2, 3)`.
TEST(Crate, RecordedDescribePortalOfInList) {
  auto s = connect(crate_login());
  const session::Value params[] = {{"2", 1}};
  s->parse("", "select $1 in (1, 2, 3)", {});
  s->bind("", "", {}, params, {});
  s->describe_portal("");
  s->execute("", 0);
  s->sync();
  s->send(soon());
  ASSERT_EQ(s->next(soon()), Event::ParseComplete);
  ASSERT_EQ(s->next(soon()), Event::BindComplete);
  ASSERT_EQ(s->next(soon()), Event::RowDescription);
  const auto f = s->fields();
  ASSERT_EQ(f.size(), 1u);
  // The name: CrateDB says "($1 IN (1, 2, 3))", PostgreSQL "?column?" (not reproduced).
  EXPECT_EQ(f[0].type_oid, 16u);
  EXPECT_EQ(f[0].type_size, 1);
  EXPECT_EQ(f[0].type_modifier, -1);
  ASSERT_EQ(s->next(soon()), Event::DataRow);
  EXPECT_EQ(s->row()[0].view(), "t");
  ASSERT_EQ(s->next(soon()), Event::CommandComplete);
  EXPECT_EQ(s->command_tag(), "SELECT 1");
  ASSERT_EQ(s->next(soon()), Event::ReadyForQuery);
}

}  // namespace
}  // namespace pgw::standin::test
