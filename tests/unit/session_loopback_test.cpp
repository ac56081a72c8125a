// Session against a scripted loopback server: events, views, notices, deadlines and failures.
#include <gtest/gtest.h>

#include <future>

#include "session/session.hpp"
#include "session_script_server.hpp"

namespace pgw::session {
namespace {

using pgw::testing::ScriptServer;

ConnectParams local(std::uint16_t port) {
  ConnectParams p;
  p.hosts.push_back({"127.0.0.1", port});
  p.user = "u";
  p.database = "d";
  p.tls.mode = net::SslMode::Disable;
  p.connect_timeout = std::chrono::seconds(10);
  return p;
}

std::string sqlstate_of(auto&& fn) {
  try {
    fn();
  } catch (const DriverError& e) {
    return e.sqlstate();
  }
  return "no error";
}

TEST(SessionLoopback, StartupQueryRowsBytewise) {
  ScriptServer server([](ScriptServer& s) {
    s.accept_startup();
    auto q = s.read_message();
    if (q.first != 'Q' || q.second != std::string("SELECT x\0", 9))
      throw std::runtime_error("bad query");
    wire::Buffer b;
    const wire::FieldDescription f[] = {{"x", 0, 0, 25, -1, -1, 0}, {"y", 0, 0, 23, 4, -1, 0}};
    wire::server::row_description(b, f);
    ServerFields n;
    n.severity = "NOTICE";
    n.message = "hi";
    wire::server::error_fields(b, 'N', n);
    wire::server::parameter_status(b, "TimeZone", "UTC");
    const wire::Column r1[] = {{"abc", 3}, {nullptr, -1}};
    const wire::Column r2[] = {{"", 0}, {"7", 1}};
    wire::server::data_row(b, r1);
    wire::server::data_row(b, r2);
    wire::server::command_complete(b, "SELECT 2");
    wire::server::ready_for_query(b, 'T');
    s.send_bytewise(b);
    if (s.read_message().first != 'X') throw std::runtime_error("expected Terminate");
  });
  {
    auto s = Session::connect(local(server.port()));
    EXPECT_EQ(s->parameter("server_version"), "15.0");
    EXPECT_EQ(s->cancel_target().process_id, 42);
    EXPECT_EQ(s->cancel_target().secret_key, 4242);
    EXPECT_EQ(s->cancel_target().tls.mode, net::SslMode::Disable);
    EXPECT_FALSE(s->tls());
    s->query("SELECT x");
    s->send();
    ASSERT_EQ(s->next(), Event::RowDescription);
    ASSERT_EQ(s->fields().size(), 2u);
    EXPECT_EQ(s->fields()[0].name, "x");
    EXPECT_EQ(s->fields()[1].type_oid, 23u);
    ASSERT_EQ(s->next(), Event::DataRow);  // notice and ParameterStatus consumed on the way
    ASSERT_EQ(s->row().size(), 2u);
    EXPECT_EQ(s->row()[0].view(), "abc");
    EXPECT_TRUE(s->row()[1].is_null());
    ASSERT_EQ(s->next(), Event::DataRow);
    EXPECT_EQ(s->row()[0].view(), "");
    EXPECT_FALSE(s->row()[0].is_null());
    EXPECT_EQ(s->row()[1].view(), "7");
    ASSERT_EQ(s->next(), Event::CommandComplete);
    EXPECT_EQ(s->command_tag(), "SELECT 2");
    ASSERT_EQ(s->next(), Event::ReadyForQuery);
    EXPECT_EQ(s->transaction_status(), TxStatus::InTransaction);
    EXPECT_EQ(s->parameter("TimeZone"), "UTC");
    auto notices = s->take_notices();
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0].message, "hi");
    EXPECT_TRUE(s->take_notices().empty());
  }
  EXPECT_EQ(server.finish(), "");
  // The startup message carried the standard parameters.
  EXPECT_EQ(server.startup_params().front(), (std::pair<std::string, std::string>{"user", "u"}));
}

TEST(SessionLoopback, DeadlineKeepsSessionUsable) {
  std::promise<void> go;
  auto go_future = go.get_future();
  ScriptServer server([&go_future](ScriptServer& s) {
    s.accept_startup();
    s.read_message();
    go_future.wait();
    wire::Buffer b;
    // Half a message first, the rest later: a deadline mid-message must not lose bytes.
    wire::server::command_complete(b, "SELECT 0");
    wire::server::ready_for_query(b, 'I');
    s.send(b);
    s.read_message();
  });
  auto s = Session::connect(local(server.port()));
  s->query("SELECT 1");
  s->send();
  EXPECT_EQ(sqlstate_of([&] { s->next(Clock::now() + std::chrono::milliseconds(30)); }), "HYT00");
  EXPECT_FALSE(s->broken());
  go.set_value();
  EXPECT_EQ(s->next(), Event::CommandComplete);
  EXPECT_EQ(s->next(), Event::ReadyForQuery);
  s.reset();
  EXPECT_EQ(server.finish(), "");
}

TEST(SessionLoopback, EofMidDataRowBreaksSession) {
  ScriptServer server([](ScriptServer& s) {
    s.accept_startup();
    s.read_message();
    wire::Buffer b;
    const wire::Column r[] = {{"abcdef", 6}};
    wire::server::data_row(b, r);
    b.resize(b.size() - 3);
    s.send(b);
    s.close_connection();
  });
  auto s = Session::connect(local(server.port()));
  s->query("SELECT 1");
  s->send();
  EXPECT_EQ(sqlstate_of([&] { s->next(); }), "08S01");
  EXPECT_TRUE(s->broken());
  EXPECT_EQ(sqlstate_of([&] { s->next(); }), "08S01");
  EXPECT_EQ(sqlstate_of([&] { s->query("SELECT 1"); }), "08S01");
  EXPECT_EQ(sqlstate_of([&] { s->send(); }), "08S01");
  EXPECT_EQ(server.finish(), "");
}

TEST(SessionLoopback, GarbageAndOversizeBreakSession) {
  for (int variant = 0; variant < 3; ++variant) {
    ScriptServer server([variant](ScriptServer& s) {
      s.accept_startup();
      s.read_message();
      wire::Buffer b;
      if (variant == 0) {
        wire::server::ready_for_query(b, 'Q');  // bad status byte
      } else if (variant == 1) {
        b = {std::byte{'!'}, std::byte{0}, std::byte{0}, std::byte{0},
             std::byte{4}};  // unknown type
      } else {
        b = {std::byte{'D'}, std::byte{0x7f}, std::byte{0xff}, std::byte{0xff},
             std::byte{0xff}};  // 2 GiB
      }
      s.send(b);
      s.read_message();  // hold the connection open until the client gives up
    });
    auto p = local(server.port());
    p.max_message_bytes = 1 << 20;
    auto s = Session::connect(p);
    s->query("SELECT 1");
    s->send();
    EXPECT_EQ(sqlstate_of([&] { s->next(); }), "08S01") << variant;
    EXPECT_TRUE(s->broken());
    s.reset();  // closes without Terminate; the script sees EOF
    server.finish();
  }
}

TEST(SessionLoopback, RunThrowsFirstErrorAfterReadyForQuery) {
  ScriptServer server([](ScriptServer& s) {
    s.accept_startup();
    s.read_message();
    wire::Buffer b;
    ServerFields e;
    e.severity = "ERROR";
    e.sqlstate = "22012";
    e.message = "division by zero";
    wire::server::error_fields(b, 'E', e);
    wire::server::ready_for_query(b, 'I');
    s.send(b);
    s.read_message();
  });
  auto s = Session::connect(local(server.port()));
  try {
    s->run("SELECT 1/0");
    FAIL();
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
    EXPECT_TRUE(e.from_server());
    EXPECT_EQ(e.server().message, "division by zero");
  }
  EXPECT_FALSE(s->broken());
  s.reset();
  EXPECT_EQ(server.finish(), "");
}

TEST(SessionLoopback, SslRefusedPreferFallsBackRequireFails) {
  {
    ScriptServer server([](ScriptServer& s) {
      s.refuse_ssl();
      s.accept_startup();
      s.read_message();
    });
    auto p = local(server.port());
    p.tls.mode = net::SslMode::Prefer;
    auto s = Session::connect(p);
    EXPECT_FALSE(s->tls());
    EXPECT_EQ(s->cancel_target().tls.mode, net::SslMode::Disable);
    s.reset();
    EXPECT_EQ(server.finish(), "");
  }
  {
    ScriptServer server([](ScriptServer& s) {
      s.refuse_ssl();
      try {
        s.read_message();
      } catch (...) {
      }
    });
    auto p = local(server.port());
    p.tls.mode = net::SslMode::Require;
    try {
      Session::connect(p);
      FAIL();
    } catch (const DriverError& e) {
      EXPECT_EQ(e.sqlstate(), "08001");
      EXPECT_NE(std::string(e.what()).find("SSL was required"), std::string::npos);
    }
    server.finish();
  }
}

TEST(SessionLoopback, AuthenticationFailures) {
  struct Case {
    std::function<void(wire::Buffer&)> reply;
    const char* password;
    const char* sqlstate;
  };
  const Case cases[] = {
      {[](wire::Buffer& b) {
         ServerFields e;
         e.severity = "FATAL";
         e.sqlstate = "28P01";
         e.message = "password authentication failed";
         wire::server::error_fields(b, 'E', e);
       },
       "pw", "28P01"},
      {[](wire::Buffer& b) { wire::server::authentication_cleartext(b); }, "", "28000"},
      {[](wire::Buffer& b) { wire::server::authentication_md5(b, {}); }, "", "28000"},
      {[](wire::Buffer& b) { wire::server::authentication_code(b, 7); }, "pw", "08001"},
      {[](wire::Buffer& b) { wire::server::authentication_code(b, 9); }, "pw", "08001"},
      {[](wire::Buffer& b) { wire::server::authentication_code(b, 99); }, "pw", "08001"},
      {[](wire::Buffer& b) {
         const std::string_view m[] = {"SCRAM-SHA-1"};
         wire::server::authentication_sasl(b, m);
       },
       "pw", "08001"},
      // SCRAM skipped straight to AuthenticationOk: must be refused.
      {[](wire::Buffer& b) {
         const std::string_view m[] = {"SCRAM-SHA-256"};
         wire::server::authentication_sasl(b, m);
         wire::server::authentication_ok(b);
       },
       "pw", "08001"},
      // ReadyForQuery without any authentication.
      {[](wire::Buffer& b) { wire::server::ready_for_query(b, 'I'); }, "pw", "08001"},
  };
  for (const auto& c : cases) {
    ScriptServer server([&c](ScriptServer& s) {
      wire::Buffer b;
      s.accept_startup_only();
      c.reply(b);
      s.send(b);
      try {
        for (;;) s.read_message();
      } catch (...) {
      }
    });
    auto p = local(server.port());
    p.password = c.password;
    EXPECT_EQ(sqlstate_of([&] { Session::connect(p); }), c.sqlstate)
        << c.sqlstate << " " << c.password;
    server.finish();
  }
}

}  // namespace
}  // namespace pgw::session
