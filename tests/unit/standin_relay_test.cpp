// The stand-in's relay without sockets: frontend messages in, what goes upstream and what the
// client receives out (tests/standin/relay.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "error_fields.hpp"
#include "relay.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"
#include "wire/frontend.hpp"

namespace pgw::standin {
namespace {

struct Msg {
  char type;
  std::string body;
};

std::vector<Msg> frames(const wire::Buffer& b) {
  std::vector<Msg> out;
  std::span<const std::byte> in(b);
  while (auto f = wire::next_frame(in, 1 << 20)) {
    out.push_back(
        {f->type, std::string(reinterpret_cast<const char*>(f->body.data()), f->body.size())});
    in = in.subspan(f->total_size);
  }
  return out;
}

std::string types(const std::vector<Msg>& m) {
  std::string s;
  for (const auto& x : m) s += x.type;
  return s;
}

class RelayHarness {
 public:
  explicit RelayHarness(Vendor v) : relay_(v) {}

  // Feeds frontend messages encoded into a buffer.
  template <typename... M>
  void client(const M&... msgs) {
    wire::Buffer b;
    (wire::encode(b, msgs), ...);
    for (const auto& m : frames(b))
      relay_.from_client(m.type, std::as_bytes(std::span(m.body.data(), m.body.size())));
  }
  // Feeds backend messages written by `write` into a buffer.
  template <typename F>
  void upstream(F write) {
    wire::Buffer b;
    write(b);
    for (const auto& m : frames(b))
      relay_.from_upstream(m.type, std::as_bytes(std::span(m.body.data(), m.body.size())));
  }
  std::vector<Msg> take_client() {
    auto out = frames(relay_.to_client());
    relay_.to_client().clear();
    return out;
  }
  std::vector<Msg> take_upstream() {
    auto out = frames(relay_.to_upstream());
    relay_.to_upstream().clear();
    return out;
  }
  Relay& relay() { return relay_; }

 private:
  Relay relay_;
};

using namespace wire::server;

TEST(StandinRelay, CockroachSendsTheSetParameterStatusBeforeParseComplete) {
  RelayHarness h(Vendor::CockroachDB);
  h.client(wire::Parse{"", "SET application_name = 'x'", {}}, wire::Bind{"", "", {}, {}, {}},
           wire::Execute{"", 0}, wire::Sync{});
  EXPECT_EQ(types(h.take_upstream()), "PBES");
  // PostgreSQL (14 and later) reports the changed setting just before ReadyForQuery.
  h.upstream([](wire::Buffer& b) {
    parse_complete(b);
    bind_complete(b);
    command_complete(b, "SET");
    parameter_status(b, "application_name", "x");
    ready_for_query(b, 'I');
  });
  const auto got = h.take_client();
  EXPECT_EQ(types(got), "S12CZ");
  EXPECT_EQ(h.relay().pending(), 0u);
}

TEST(StandinRelay, HeldAnswersAreReleasedWhenNoParameterStatusComes) {
  RelayHarness h(Vendor::CockroachDB);
  h.client(wire::Parse{"s", "SET search_path = public", {}}, wire::Bind{"", "s", {}, {}, {}},
           wire::Execute{"", 0}, wire::Sync{});
  h.upstream([](wire::Buffer& b) {
    parse_complete(b);
    bind_complete(b);
  });
  EXPECT_EQ(types(h.take_client()), "") << "held until the Execute answers";
  h.upstream([](wire::Buffer& b) { command_complete(b, "SET"); });
  EXPECT_EQ(types(h.take_client()), "") << "still held: a ParameterStatus may come before Z";
  h.upstream([](wire::Buffer& b) { ready_for_query(b, 'I'); });
  EXPECT_EQ(types(h.take_client()), "12CZ");
}

TEST(StandinRelay, ParseCompleteIsNotHeldWithoutAFollowingExecute) {
  RelayHarness h(Vendor::CockroachDB);
  h.client(wire::Parse{"s", "SET search_path = public", {}}, wire::Sync{});
  h.upstream([](wire::Buffer& b) { parse_complete(b); });
  EXPECT_EQ(types(h.take_client()), "1");
}

TEST(StandinRelay, CockroachBinaryInt4ResultsAreDescribedAndWidened) {
  RelayHarness h(Vendor::CockroachDB);
  const std::int16_t binary[] = {1};
  h.client(wire::Parse{"", "select 1::int4", {}}, wire::Bind{"", "", {}, {}, binary},
           wire::Execute{"", 0}, wire::Sync{});
  // The stand-in asks for the portal's description itself, right after the Bind.
  EXPECT_EQ(types(h.take_upstream()), "PBDES");
  h.upstream([](wire::Buffer& b) {
    parse_complete(b);
    bind_complete(b);
    wire::FieldDescription f;
    f.name = "int4";
    f.type_oid = 23;
    f.type_size = 4;
    f.format = 1;
    row_description(b, std::span(&f, 1));
    const wire::Column c{"\0\0\0\x01", 4};
    data_row(b, std::span(&c, 1));
    command_complete(b, "SELECT 1");
    ready_for_query(b, 'I');
  });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "12DCZ") << "the stand-in's own Describe is not relayed";
  EXPECT_EQ(got[2].body, std::string("\0\x01\0\0\0\x08\0\0\0\0\0\0\0\x01", 14));
}

TEST(StandinRelay, ARebindOfTheSamePortalNameKeepsEachExecutesFormats) {
  RelayHarness h(Vendor::CockroachDB);
  const std::int16_t binary[] = {1};
  h.client(wire::Parse{"", "select 1234::int4", {}}, wire::Bind{"", "", {}, {}, binary},
           wire::Execute{"", 0}, wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0},
           wire::Sync{});
  EXPECT_EQ(types(h.take_upstream()), "PBDEBES");
  h.upstream([](wire::Buffer& b) {
    parse_complete(b);
    bind_complete(b);
    wire::FieldDescription f;
    f.name = "int4";
    f.type_oid = 23;
    f.type_size = 4;
    f.format = 1;
    row_description(b, std::span(&f, 1));
    const wire::Column bin{"\0\0\x04\xD2", 4};
    data_row(b, std::span(&bin, 1));
    command_complete(b, "SELECT 1");
    bind_complete(b);
    const wire::Column text{"1234", 4};  // four bytes too, but text: must stay as it is
    data_row(b, std::span(&text, 1));
    command_complete(b, "SELECT 1");
    ready_for_query(b, 'I');
  });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "12DC2DCZ");
  EXPECT_EQ(got[2].body, std::string("\0\x01\0\0\0\x08\0\0\0\0\0\0\x04\xD2", 14));
  EXPECT_EQ(got[5].body, std::string("\0\x01\0\0\0\x04"
                                     "1234",
                                     10));
}

TEST(StandinRelay, AnErrorSkipsTheAnswersUpToSync) {
  RelayHarness h(Vendor::CockroachDB);
  h.client(wire::Parse{"", "select nope", {}}, wire::Bind{"", "", {}, {}, {}},
           wire::Describe{wire::Target::Portal, ""}, wire::Execute{"", 0}, wire::Sync{});
  h.upstream([](wire::Buffer& b) {
    ServerFields f;
    f.severity = "ERROR";
    f.sqlstate = "42703";
    f.message = "column \"nope\" does not exist";
    error_fields(b, 'E', f);
    ready_for_query(b, 'I');
  });
  EXPECT_EQ(types(h.take_client()), "EZ");
  EXPECT_EQ(h.relay().pending(), 0u);
}

TEST(StandinRelay, CrateAnswersBeginAndCommitItself) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Query{"BEGIN"});
  EXPECT_TRUE(h.take_upstream().empty());
  auto got = h.take_client();
  ASSERT_EQ(types(got), "CZ");
  EXPECT_EQ(got[0].body, std::string("BEGIN\0", 6));
  EXPECT_EQ(got[1].body, "I");
  h.client(wire::Query{"commit;"});
  got = h.take_client();
  ASSERT_EQ(types(got), "CZ");
  EXPECT_EQ(got[0].body, std::string("COMMIT 0\0", 9));
}

TEST(StandinRelay, CrateRollbackIsASyntaxError) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Query{"ROLLBACK"});
  EXPECT_TRUE(h.take_upstream().empty());
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "EZ");
  const auto fields = parse_raw_fields(std::as_bytes(std::span(got[0].body)));
  EXPECT_EQ(field_value(fields, 'C'), "42601");
  EXPECT_EQ(got[1].body, "I");
}

TEST(StandinRelay, CrateExtendedBeginMakesSyncReportInTransaction) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Parse{"", "BEGIN", {}}, wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0},
           wire::Sync{});
  EXPECT_EQ(types(h.take_upstream()), "S") << "only the Sync goes upstream";
  EXPECT_EQ(types(h.take_client()), "12C");
  h.upstream([](wire::Buffer& b) { ready_for_query(b, 'I'); });
  auto got = h.take_client();
  ASSERT_EQ(types(got), "Z");
  EXPECT_EQ(got[0].body, "T");

  h.client(wire::Parse{"", "COMMIT", {}}, wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0},
           wire::Sync{});
  h.upstream([](wire::Buffer& b) { ready_for_query(b, 'I'); });
  got = h.take_client();
  ASSERT_EQ(types(got), "12CZ");
  EXPECT_EQ(got[2].body, std::string("COMMIT 0\0", 9));
  EXPECT_EQ(got[3].body, "I");
}

TEST(StandinRelay, CrateExtendedRollbackFailsTheBatch) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Parse{"", "ROLLBACK", {}}, wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0},
           wire::Sync{});
  EXPECT_EQ(types(h.take_upstream()), "S") << "the rest of the batch is skipped";
  EXPECT_EQ(types(h.take_client()), "E");
  h.upstream([](wire::Buffer& b) { ready_for_query(b, 'I'); });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "Z");
  EXPECT_EQ(got[0].body, "E");
}

TEST(StandinRelay, CrateDropsNoticesAndParameterStatusAndRewritesTags) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Query{"update t set a = 1"});
  EXPECT_EQ(types(h.take_upstream()), "Q");
  h.upstream([](wire::Buffer& b) {
    ServerFields n;
    n.severity = "NOTICE";
    n.sqlstate = "00000";
    n.message = "hello";
    error_fields(b, 'N', n);
    parameter_status(b, "application_name", "x");
    command_complete(b, "UPDATE 3");
    ready_for_query(b, 'T');
  });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "CZ");
  EXPECT_EQ(got[0].body, std::string("UPDATE 3\0", 9));
  EXPECT_EQ(got[1].body, "I") << "always 'I' after a simple query";
}

TEST(StandinRelay, CrateIgnoresUnknownSetParameters) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Query{"SET no_such_setting = 1"});
  h.upstream([](wire::Buffer& b) {
    ServerFields e;
    e.severity = "ERROR";
    e.sqlstate = "42704";
    e.message = "unrecognized configuration parameter \"no_such_setting\"";
    error_fields(b, 'E', e);
    ready_for_query(b, 'I');
  });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "CZ");
  EXPECT_EQ(got[0].body, std::string("SET 0\0", 6));
}

TEST(StandinRelay, CrateFailedExtendedBatchReportsE) {
  RelayHarness h(Vendor::CrateDB);
  h.client(wire::Parse{"", "select 1/0", {}}, wire::Bind{"", "", {}, {}, {}}, wire::Execute{"", 0},
           wire::Sync{});
  h.upstream([](wire::Buffer& b) {
    parse_complete(b);
    bind_complete(b);
    ServerFields e;
    e.severity = "ERROR";
    e.sqlstate = "22012";
    e.message = "division by zero";
    error_fields(b, 'E', e);
    ready_for_query(b, 'I');
  });
  const auto got = h.take_client();
  ASSERT_EQ(types(got), "12EZ");
  EXPECT_EQ(got[3].body, "E");
}

}  // namespace
}  // namespace pgw::standin
