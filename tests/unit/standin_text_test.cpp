// The stand-in's SQL text helpers and CockroachDB routing (tests/standin).
#include <gtest/gtest.h>

#include "routing.hpp"
#include "sql_text.hpp"

namespace pgw::standin {
namespace {

TEST(StandinSqlText, FirstWordIsUpperCasedAndEndsAtSpaceSemicolonOrParen) {
  EXPECT_EQ(first_word_upper("  select 1"), "SELECT");
  EXPECT_EQ(first_word_upper("\n\tInsert into t values (1)"), "INSERT");
  EXPECT_EQ(first_word_upper("commit;"), "COMMIT");
  EXPECT_EQ(first_word_upper("values(1)"), "VALUES");
  EXPECT_EQ(first_word_upper(""), "");
  EXPECT_EQ(first_word_upper(" ;"), "");
}

TEST(StandinSqlText, TransactionVerbsOnlyForASingleStatement) {
  EXPECT_EQ(tx_verb("BEGIN"), TxVerb::Begin);
  EXPECT_EQ(tx_verb("begin;"), TxVerb::Begin);
  EXPECT_EQ(tx_verb("start transaction isolation level serializable"), TxVerb::Begin);
  EXPECT_EQ(tx_verb("  COMMIT ; "), TxVerb::Commit);
  EXPECT_EQ(tx_verb("end"), TxVerb::Commit);
  EXPECT_EQ(tx_verb("rollback"), TxVerb::Rollback);
  EXPECT_EQ(tx_verb("ROLLBACK TO SAVEPOINT s"), TxVerb::Rollback);
  EXPECT_EQ(tx_verb("begin; select 1"), TxVerb::None);
  EXPECT_EQ(tx_verb("select 'begin'"), TxVerb::None);
  EXPECT_EQ(tx_verb(""), TxVerb::None);
}

TEST(StandinSqlText, CrateCommandTags) {
  EXPECT_EQ(crate_command_tag("SELECT", "SELECT 3"), "SELECT 3");
  EXPECT_EQ(crate_command_tag("INSERT", "INSERT 0 2"), "INSERT 0 2");
  EXPECT_EQ(crate_command_tag("BEGIN", ""), "BEGIN");
  EXPECT_EQ(crate_command_tag("COMMIT", ""), "COMMIT 0");
  EXPECT_EQ(crate_command_tag("UPDATE", "UPDATE 5"), "UPDATE 5");
  EXPECT_EQ(crate_command_tag("DELETE", "DELETE 0"), "DELETE 0");
  EXPECT_EQ(crate_command_tag("CREATE", "CREATE TABLE"), "CREATE 1");
  EXPECT_EQ(crate_command_tag("DROP", "DROP TABLE"), "DROP 1");
  EXPECT_EQ(crate_command_tag("SET", "SET"), "SET 0");
  // The first word of the whole query string wins over PostgreSQL's tag.
  EXPECT_EQ(crate_command_tag("WITH", "SELECT 2"), "WITH 2");
}

TEST(StandinRouting, ClusterFromLongOption) {
  const Routing r = extract_routing("--cluster=active-roach-42", "defaultdb");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.cluster, "active-roach-42");
  EXPECT_EQ(r.options, "");
  EXPECT_EQ(r.database, "defaultdb");
}

TEST(StandinRouting, ClusterFromDashCAmongOtherOptions) {
  const Routing r = extract_routing("-c search_path=x -c cluster=abc-1", "db");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.cluster, "abc-1");
  EXPECT_EQ(r.options, "-c search_path=x");
  const Routing joined = extract_routing("-ccluster=abc-2", "db");
  EXPECT_EQ(joined.cluster, "abc-2");
  EXPECT_EQ(joined.options, "");
}

TEST(StandinRouting, ClusterFromDatabasePrefix) {
  const Routing r = extract_routing("", "active-roach-42.pgwtest");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.cluster, "active-roach-42");
  EXPECT_EQ(r.database, "pgwtest");
}

TEST(StandinRouting, DatabaseIsNotSplitWhenTheOptionsNameTheCluster) {
  const Routing r = extract_routing("--cluster=c-1", "my.db");
  EXPECT_EQ(r.cluster, "c-1");
  EXPECT_EQ(r.database, "my.db");
}

TEST(StandinRouting, NoClusterAndBadFlags) {
  const Routing none = extract_routing("-c search_path=x", "pgwtest");
  EXPECT_EQ(none.error, "");
  EXPECT_EQ(none.cluster, "");
  EXPECT_EQ(none.options, "-c search_path=x");
  EXPECT_EQ(extract_routing("--cluster=a --cluster=b", "db").error,
            "multiple cluster flags provided");
  EXPECT_EQ(extract_routing("--cluster=", "db").error, "invalid cluster flag");
}

}  // namespace
}  // namespace pgw::standin
