// Manual-commit mode through statements: commit, rollback, failed transactions, and closing a
// cursor early without harming the transaction.
#include "statement_helpers.hpp"

namespace pgwtest {
namespace {

class StatementTransactions : public ::testing::Test {
 protected:
  void SetUp() override {
    Stmt s(setup.dbc);
    ASSERT_TRUE(SQL_SUCCEEDED(s.exec("DROP TABLE IF EXISTS tx_items"))) << s.diag();
    ASSERT_TRUE(SQL_SUCCEEDED(s.exec("CREATE TABLE tx_items (id int PRIMARY KEY)"))) << s.diag();
  }
  void TearDown() override {
    Stmt s(setup.dbc);
    s.exec("DROP TABLE IF EXISTS tx_items");
  }
  void manual(const Dbc& dbc) {
    ASSERT_TRUE(SQL_SUCCEEDED(
        SQLSetConnectAttr(dbc.get(), SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0)))
        << dbc.diag();
  }
  std::string count(const Dbc& dbc) { return scalar(dbc, "SELECT count(*) FROM tx_items"); }

  Connected setup;
};

TEST_F(StatementTransactions, CommitMakesRowsVisible) {
  Connected c;
  manual(c.dbc);
  Stmt s(c.dbc);
  PGW_EXEC(s, "INSERT INTO tx_items VALUES (1), (2)");
  EXPECT_EQ(count(c.dbc), "2");
  EXPECT_EQ(count(setup.dbc), "0");  // not committed yet
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(count(setup.dbc), "2");
}

TEST_F(StatementTransactions, RollbackDiscardsRows) {
  Connected c;
  manual(c.dbc);
  Stmt s(c.dbc);
  PGW_EXEC(s, "INSERT INTO tx_items VALUES (1)");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_ROLLBACK), SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(count(c.dbc), "0");
  // A prepared statement survives the end of the transaction.
  SQLINTEGER id = 5;
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)"INSERT INTO tx_items VALUES (?)", SQL_NTS),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id,
                                 0, nullptr),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  id = 6;
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(count(setup.dbc), "2");
}

TEST_F(StatementTransactions, AnErrorFailsTheTransactionUntilRollback) {
  Connected c;
  manual(c.dbc);
  Stmt s(c.dbc);
  PGW_EXEC(s, "INSERT INTO tx_items VALUES (1)");
  PGW_EXPECT_STATE(s.exec("INSERT INTO tx_items VALUES (1)"), SQL_HANDLE_STMT, s.get(), SQL_ERROR,
                   "23505");
  PGW_EXPECT_STATE(s.exec("SELECT 1"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "25P02");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_ROLLBACK), SQL_HANDLE_DBC, c.dbc.get());
  PGW_EXEC(s, "SELECT 1");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"1"}}));
}

TEST_F(StatementTransactions, ClosingACursorEarlyDoesNotAbortTheTransaction) {
  Connected c;
  manual(c.dbc);
  Stmt s(c.dbc);
  PGW_EXEC(s, "INSERT INTO tx_items VALUES (42)");
  PGW_EXEC(s, "SELECT g FROM generate_series(1, 300000) g");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(scalar(setup.dbc, "SELECT id FROM tx_items"), "42");
}

TEST_F(StatementTransactions, OpenCursorKeepsItsRowsAcrossCommit) {
  Connected c;
  manual(c.dbc);
  Stmt reader(c.dbc), writer(c.dbc);
  PGW_EXEC(writer, "INSERT INTO tx_items SELECT generate_series(1, 3000)");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
  PGW_EXEC(reader, "SELECT id FROM tx_items ORDER BY id");
  PGW_ASSERT_OK(SQLFetch(reader.get()), SQL_HANDLE_STMT, reader.get());
  PGW_EXEC(writer, "DELETE FROM tx_items");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
  long rows = 1;
  while (SQLFetch(reader.get()) == SQL_SUCCESS) ++rows;
  EXPECT_EQ(rows, 3000);
  EXPECT_EQ(count(setup.dbc), "0");
}

}  // namespace
}  // namespace pgwtest
