#include <gtest/gtest.h>

#include "sql/placeholders.hpp"

namespace pgw::sql {
namespace {

TEST(SqlPlaceholders, NumbersMarkersInOrder) {
  Rewritten r = rewrite_placeholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
  EXPECT_EQ(r.text, "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
  EXPECT_EQ(r.parameters, 3);
  ASSERT_EQ(r.statements.size(), 1u);
  EXPECT_EQ(r.statements[0].keyword, "SELECT");
  EXPECT_EQ(r.statements[0].parameters, 3);
}

TEST(SqlPlaceholders, NoMarkersLeavesTextAlone) {
  std::string sql = "select 'a?b', \"c?\" from x -- what?\n/* why? /* nested? */ still? */ where y";
  Rewritten r = rewrite_placeholders(sql);
  EXPECT_EQ(r.text, sql);
  EXPECT_EQ(r.parameters, 0);
}

TEST(SqlPlaceholders, SkipsLiteralsIdentifiersAndComments) {
  Rewritten r = rewrite_placeholders(
      "SELECT '?''?', E'\\'?', \"a\"\"?\", $$?$$, $tag$ ? $x$ ? $tag$, ? -- ?\n, ? /* ? /* ? */ ? "
      "*/, ?");
  EXPECT_EQ(r.parameters, 3);
  EXPECT_EQ(r.text,
            "SELECT '?''?', E'\\'?', \"a\"\"?\", $$?$$, $tag$ ? $x$ ? $tag$, $1 -- ?\n, $2 /* ? /* "
            "? */ ? */, $3");
}

TEST(SqlPlaceholders, BackslashEscapesOnlyInEStringsUnlessNonStandard) {
  // standard_conforming_strings=on: 'a\' is a complete literal, so the marker counts.
  Rewritten on = rewrite_placeholders("SELECT 'a\\', ?");
  EXPECT_EQ(on.parameters, 1);
  // off: the backslash escapes the quote, and the literal runs on over the marker.
  Rewritten off = rewrite_placeholders("SELECT 'a\\', ?'", false);
  EXPECT_EQ(off.parameters, 0);
}

TEST(SqlPlaceholders, DollarInIdentifierIsNotAQuote) {
  Rewritten r = rewrite_placeholders("SELECT a$b$ FROM t WHERE c = ? AND d$ = ?");
  EXPECT_EQ(r.parameters, 2);
  EXPECT_EQ(r.text, "SELECT a$b$ FROM t WHERE c = $1 AND d$ = $2");
}

TEST(SqlPlaceholders, SeparatesMarkerFromAdjacentIdentifiers) {
  Rewritten r = rewrite_placeholders("SELECT x FROM t WHERE y=?AND z=?");
  EXPECT_EQ(r.text, "SELECT x FROM t WHERE y=$1 AND z=$2");
  Rewritten r2 = rewrite_placeholders("SELECT a?");
  EXPECT_EQ(r2.text, "SELECT a $1");
}

TEST(SqlPlaceholders, EscapeClausesPassThrough) {
  Rewritten r = rewrite_placeholders("{call f(?, {d '2024-01-01'})}");
  EXPECT_EQ(r.text, "{call f($1, {d '2024-01-01'})}");
  EXPECT_EQ(r.parameters, 1);
}

TEST(SqlPlaceholders, SplitsStatementsAndNumbersEachFromOne) {
  Rewritten r = rewrite_placeholders("INSERT INTO t VALUES (?); ; SELECT ';', ? ,? ;  -- done\n");
  EXPECT_EQ(r.text, "INSERT INTO t VALUES ($1); ; SELECT ';', $2 ,$3 ;  -- done\n");
  ASSERT_EQ(r.statements.size(), 2u);
  EXPECT_EQ(r.statements[0].text, "INSERT INTO t VALUES ($1)");
  EXPECT_EQ(r.statements[0].keyword, "INSERT");
  EXPECT_EQ(r.statements[0].first_parameter, 0);
  EXPECT_EQ(r.statements[1].text, " SELECT ';', $1 ,$2 ");
  EXPECT_EQ(r.statements[1].first_parameter, 1);
  EXPECT_EQ(r.statements[1].parameters, 2);
  EXPECT_EQ(r.statements[1].keyword, "SELECT");
}

TEST(SqlPlaceholders, UnterminatedConstructsDoNotOverrun) {
  for (const char* sql :
       {"SELECT '", "SELECT \"", "SELECT /* /*", "SELECT $a$ ?", "SELECT E'\\", "?", "$", "--"}) {
    Rewritten r = rewrite_placeholders(sql);
    EXPECT_LE(r.parameters, 1) << sql;
  }
  EXPECT_EQ(rewrite_placeholders("").statements.size(), 0u);
  EXPECT_EQ(rewrite_placeholders("  ;; /* c */ ").statements.size(), 0u);
}

TEST(SqlPlaceholders, ReadOnlyClassification) {
  auto first = [](const char* sql) { return rewrite_placeholders(sql).statements.at(0); };
  EXPECT_TRUE(is_read_only(first("SELECT * FROM t")));
  EXPECT_TRUE(is_read_only(first("(select 1)")));
  EXPECT_TRUE(is_read_only(first("VALUES (1)")));
  EXPECT_TRUE(is_read_only(first("WITH x AS (SELECT 1) SELECT * FROM x")));
  EXPECT_FALSE(is_read_only(first("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x")));
  EXPECT_FALSE(is_read_only(first("SELECT 1 INTO newtable")));
  EXPECT_FALSE(is_read_only(first("INSERT INTO t SELECT 1 RETURNING *")));
  EXPECT_FALSE(is_read_only(first("EXPLAIN ANALYZE DELETE FROM t")));
  EXPECT_TRUE(is_read_only(first("explain select 1")));
}

}  // namespace
}  // namespace pgw::sql
