// Session pieces that need no server: CommandComplete tags and the startup parameter list.
#include <gtest/gtest.h>

#include "session/session.hpp"
#include "session/session_impl.hpp"

namespace pgw::session {
namespace {

TEST(SessionTag, RowsFromTag) {
  EXPECT_EQ(Session::rows_from_tag("INSERT 0 5"), 5);
  EXPECT_EQ(Session::rows_from_tag("SELECT 3"), 3);
  EXPECT_EQ(Session::rows_from_tag("UPDATE 0"), 0);
  EXPECT_EQ(Session::rows_from_tag("DELETE 12345678901"), 12345678901);
  EXPECT_EQ(Session::rows_from_tag("COPY 2"), 2);
  EXPECT_EQ(Session::rows_from_tag("COMMIT 0"), 0);  // CrateDB style
  EXPECT_EQ(Session::rows_from_tag("CREATE TABLE"), -1);
  EXPECT_EQ(Session::rows_from_tag("BEGIN"), -1);
  EXPECT_EQ(Session::rows_from_tag(""), -1);
  EXPECT_EQ(Session::rows_from_tag("SELECT "), -1);
  EXPECT_EQ(Session::rows_from_tag("SELECT -1"), -1);
  EXPECT_EQ(Session::rows_from_tag("SELECT 1x"), -1);
  EXPECT_EQ(Session::rows_from_tag("SELECT 99999999999999999999"), -1);
}

TEST(SessionStartup, StandardParametersInOrder) {
  ConnectParams p;
  p.user = "alice";
  p.database = "db";
  p.application_name = "app";
  p.options = "--cluster=abc";
  const std::vector<std::pair<std::string, std::string>> want{
      {"user", "alice"},           {"database", "db"},
      {"application_name", "app"}, {"options", "--cluster=abc"},
      {"client_encoding", "UTF8"}, {"DateStyle", "ISO"},
      {"extra_float_digits", "3"}};
  EXPECT_EQ(startup_parameters(p), want);
}

TEST(SessionStartup, OptionalParametersOmittedAndExtrasAppendedOrOverriding) {
  ConnectParams p;
  p.user = "u";
  p.extra_startup = {{"search_path", "s1"}, {"datestyle", "ISO, DMY"}};
  const std::vector<std::pair<std::string, std::string>> want{{"user", "u"},
                                                              {"client_encoding", "UTF8"},
                                                              {"DateStyle", "ISO, DMY"},
                                                              {"extra_float_digits", "3"},
                                                              {"search_path", "s1"}};
  EXPECT_EQ(startup_parameters(p), want);
}

TEST(SessionStartup, EmptyUserBecomesOperatingSystemUser) {
  ConnectParams p;
  const auto params = startup_parameters(p);
  ASSERT_FALSE(params.empty());
  EXPECT_EQ(params[0].first, "user");
  EXPECT_FALSE(params[0].second.empty());
}

TEST(SessionConnect, NoHostsIs08001) {
  ConnectParams p;
  try {
    Session::connect(p);
    FAIL();
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
  }
}

}  // namespace
}  // namespace pgw::session
