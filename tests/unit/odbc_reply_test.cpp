// RecordedReply: events kept in memory replay exactly, with one event of look-ahead.
#include <gtest/gtest.h>

#include "odbc/reply.hpp"

namespace pgw::odbc {
namespace {

using session::Event;

TEST(RecordedReply, ReplaysEventsWithTheirContents) {
  RecordedReply r;
  session::Field f;
  f.name = "a";
  f.type_oid = 23;
  r.add_fields({f});
  r.add_row({std::optional<std::string>("1"), std::nullopt, std::optional<std::string>("")});
  r.add_row({std::optional<std::string>(std::string("x\0y", 3))});
  r.add_command_complete("SELECT 2");
  ServerFields e;
  e.sqlstate = "22012";
  r.add_error(e);
  r.add(Event::ReadyForQuery);

  ASSERT_EQ(r.next(), Event::RowDescription);
  ASSERT_EQ(r.fields().size(), 1u);
  EXPECT_EQ(r.fields()[0].name, "a");
  ASSERT_EQ(r.next(), Event::DataRow);
  ASSERT_EQ(r.row().size(), 3u);
  EXPECT_EQ(r.row()[0].view(), "1");
  EXPECT_TRUE(r.row()[1].is_null());
  EXPECT_FALSE(r.row()[2].is_null());
  EXPECT_EQ(r.row()[2].view(), "");
  ASSERT_EQ(r.next(), Event::DataRow);
  EXPECT_EQ(r.row()[0].view(), std::string_view("x\0y", 3));
  r.put_back();
  ASSERT_EQ(r.next(), Event::DataRow);  // the same row again
  EXPECT_EQ(r.row()[0].view(), std::string_view("x\0y", 3));
  ASSERT_EQ(r.next(), Event::CommandComplete);
  EXPECT_EQ(r.command_tag(), "SELECT 2");
  ASSERT_EQ(r.next(), Event::Error);
  EXPECT_EQ(r.error().sqlstate, "22012");
  EXPECT_EQ(r.next(), Event::ReadyForQuery);
  EXPECT_EQ(r.next(), Event::ReadyForQuery);  // past the end: the request is over
  EXPECT_FALSE(r.from_wire());
}

TEST(RecordedReply, RecordsAnotherReplyUpToReadyForQuery) {
  RecordedReply source;
  source.add_fields({});
  source.add_row({std::optional<std::string>("v")});
  source.add_command_complete("SELECT 1");
  source.add(Event::ReadyForQuery);
  source.add_command_complete("not part of the request");
  RecordedReply copy;
  copy.record_rest(source);
  EXPECT_EQ(copy.next(), Event::RowDescription);
  EXPECT_EQ(copy.next(), Event::DataRow);
  EXPECT_EQ(copy.row()[0].view(), "v");
  EXPECT_EQ(copy.next(), Event::CommandComplete);
  EXPECT_EQ(copy.next(), Event::ReadyForQuery);
  EXPECT_EQ(source.next(), Event::CommandComplete);  // the source stops after ReadyForQuery
}

}  // namespace
}  // namespace pgw::odbc
