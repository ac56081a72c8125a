#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"
#include "config/connection_string.hpp"
#include "config/libpq_conninfo.hpp"

using namespace pgw::config;

namespace {

struct Kv {
  std::string key, value;
  bool braced;
  bool operator==(const Kv&) const = default;
};

std::vector<Kv> pairs(std::string_view text) {
  std::vector<Kv> out;
  const ConnectionString cs = ConnectionString::parse(text);
  for (const Attribute& a : cs.attributes()) {
    out.push_back({a.key, a.value, a.braced});
  }
  return out;
}

std::string parse_error(std::string_view text) {
  try {
    ConnectionString::parse(text);
  } catch (const pgw::DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text;
  return {};
}

}  // namespace

TEST(ConnectionStringTest, ParsesPlainPairs) {
  EXPECT_EQ(
      pairs("DSN=pg;UID=me;PWD=secret"),
      (std::vector<Kv>{{"DSN", "pg", false}, {"UID", "me", false}, {"PWD", "secret", false}}));
}

TEST(ConnectionStringTest, TrimsWhitespaceAroundKeysAndUnbracedValues) {
  EXPECT_EQ(pairs("  Server = db.example.com ;\tPort=\t5432\t"),
            (std::vector<Kv>{{"Server", "db.example.com", false}, {"Port", "5432", false}}));
  EXPECT_EQ(pairs("Trusted Connection = yes"),
            (std::vector<Kv>{{"Trusted Connection", "yes", false}}));
}

TEST(ConnectionStringTest, EmptyInputAndEmptySegments) {
  EXPECT_TRUE(pairs("").empty());
  EXPECT_TRUE(pairs(" ; ;; ").empty());
  EXPECT_EQ(pairs(";;A=1;;B=2;"), (std::vector<Kv>{{"A", "1", false}, {"B", "2", false}}));
}

TEST(ConnectionStringTest, EmptyValues) {
  EXPECT_EQ(pairs("PWD=;UID="), (std::vector<Kv>{{"PWD", "", false}, {"UID", "", false}}));
  EXPECT_EQ(pairs("PWD={}"), (std::vector<Kv>{{"PWD", "", true}}));
}

TEST(ConnectionStringTest, BracedValuesKeepSeparatorsAndSpaces) {
  EXPECT_EQ(pairs("PWD={a;b=c{d}; UID=x"),
            (std::vector<Kv>{{"PWD", "a;b=c{d", true}, {"UID", "x", false}}));
  EXPECT_EQ(pairs("PWD={  spaced  }"), (std::vector<Kv>{{"PWD", "  spaced  ", true}}));
  EXPECT_EQ(pairs("Driver = {PostgreSQL Unicode} ;X=1"),
            (std::vector<Kv>{{"Driver", "PostgreSQL Unicode", true}, {"X", "1", false}}));
}

TEST(ConnectionStringTest, DoubledClosingBraceIsALiteralBrace) {
  EXPECT_EQ(pairs("PWD={a}}b}"), (std::vector<Kv>{{"PWD", "a}b", true}}));
  EXPECT_EQ(pairs("PWD={}}}"), (std::vector<Kv>{{"PWD", "}", true}}));
  EXPECT_EQ(pairs("PWD={x}}}}};A=1"), (std::vector<Kv>{{"PWD", "x}}", true}, {"A", "1", false}}));
}

TEST(ConnectionStringTest, UnbracedValueMayContainBracesAndEquals) {
  EXPECT_EQ(pairs("Options=-c search_path=app"),
            (std::vector<Kv>{{"Options", "-c search_path=app", false}}));
  EXPECT_EQ(pairs("PWD=a}b{"), (std::vector<Kv>{{"PWD", "a}b{", false}}));
}

TEST(ConnectionStringTest, KeepsDuplicatesInOrder) {
  const auto cs = ConnectionString::parse("UID=a;uid=b");
  ASSERT_EQ(cs.attributes().size(), 2u);
  EXPECT_EQ(cs.find("UID")->value, "a");
}

TEST(ConnectionStringTest, ErrorsNameThePosition) {
  EXPECT_EQ(parse_error("DSN=x;PWD={abc;UID=y"),
            "Connection string syntax error at position 11: unterminated '{' in the value of 'PWD' "
            "(a literal '}' is written '}}')");
  EXPECT_EQ(parse_error("DSN=x;Server"),
            "Connection string syntax error at position 7: expected '=' after keyword 'Server'");
  EXPECT_EQ(parse_error("Server;DSN=x"),
            "Connection string syntax error at position 1: expected '=' after keyword 'Server'");
  EXPECT_EQ(parse_error("A=1; =2"),
            "Connection string syntax error at position 6: missing keyword before '='");
  EXPECT_EQ(parse_error("PWD={a}b;X=1"),
            "Connection string syntax error at position 8: unexpected 'b' after the closing '}' of "
            "'PWD' (expected ';')");
  EXPECT_EQ(parse_error("PWD={a}}"),
            "Connection string syntax error at position 5: unterminated '{' in the value of 'PWD' "
            "(a literal '}' is written '}}')");
}

TEST(ConnectionStringTest, FormatsWithBracesOnlyWhenNeeded) {
  EXPECT_EQ(format_attribute("UID", "me"), "UID=me");
  EXPECT_EQ(format_attribute("UID", ""), "UID=");
  EXPECT_EQ(format_attribute("PWD", "a;b"), "PWD={a;b}");
  EXPECT_EQ(format_attribute("PWD", "a}b"), "PWD={a}}b}");
  EXPECT_EQ(format_attribute("PWD", "{x"), "PWD={{x}");
  EXPECT_EQ(format_attribute("PWD", "a=b"), "PWD={a=b}");
  EXPECT_EQ(format_attribute("PWD", " lead"), "PWD={ lead}");
  EXPECT_EQ(format_attribute("PWD", "trail\t"), "PWD={trail\t}");
  EXPECT_EQ(format_attribute("Driver", "PG", true), "Driver={PG}");
}

TEST(ConnectionStringTest, SerializationRoundTrips) {
  const std::vector<std::string> values = {"plain", "",    "a;b", "}",    "}}{",
                                           " x ",   "k=v", "{}",  "a}b;c"};
  ConnectionString original;
  for (std::size_t i = 0; i < values.size(); ++i) original.add("K" + std::to_string(i), values[i]);
  const ConnectionString reparsed = ConnectionString::parse(original.to_string());
  ASSERT_EQ(reparsed.attributes().size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(reparsed.attributes()[i].key, "K" + std::to_string(i));
    EXPECT_EQ(reparsed.attributes()[i].value, values[i]) << i;
  }
  EXPECT_EQ(ConnectionString::parse("Driver={PG};PWD={a}}b};UID=u").to_string(),
            "Driver={PG};PWD={a}}b};UID=u");
}

TEST(LibpqConninfoTest, ParsesKeywordValueLists) {
  EXPECT_EQ(parse_libpq_conninfo("sslrootcert=/ca.pem  sslsni = 0"),
            (LibpqSettings{{"sslrootcert", "/ca.pem"}, {"sslsni", "0"}}));
  EXPECT_EQ(parse_libpq_conninfo(R"(application_name='my app' options='-c x=\'y\'' password=a\ b)"),
            (LibpqSettings{
                {"application_name", "my app"}, {"options", "-c x='y'"}, {"password", "a b"}}));
  EXPECT_EQ(parse_libpq_conninfo("  "), LibpqSettings{});
  EXPECT_EQ(parse_libpq_conninfo("x=''"), (LibpqSettings{{"x", ""}}));
}

TEST(LibpqConninfoTest, RejectsMalformedLists) {
  EXPECT_THROW(parse_libpq_conninfo("sslmode"), pgw::DriverError);
  EXPECT_THROW(parse_libpq_conninfo("sslmode require"), pgw::DriverError);
  EXPECT_THROW(parse_libpq_conninfo("x='open"), pgw::DriverError);
  EXPECT_THROW(parse_libpq_conninfo("=1"), pgw::DriverError);
}

TEST(LibpqConninfoTest, FormatRoundTrips) {
  const LibpqSettings settings = {
      {"a", "plain"}, {"b", ""}, {"c", "x y"}, {"d", "it's"}, {"e", "b\\s"}};
  EXPECT_EQ(format_libpq_conninfo(settings), R"(a=plain b='' c='x y' d='it\'s' e='b\\s')");
  EXPECT_EQ(parse_libpq_conninfo(format_libpq_conninfo(settings)), settings);
}
