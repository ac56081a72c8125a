// Fetching: row arrays bound column-wise and row-wise, bind offsets, row status, SQLGetData in
// pieces, and closing a cursor in the middle of a large result.
#include <cstring>
#include <vector>

#include "statement_helpers.hpp"

namespace pgwtest {
namespace {

class Fetch : public ::testing::Test {
 protected:
  Connected c;
  Stmt s{c.dbc};
};

TEST_F(Fetch, RowArrayColumnWise) {
  constexpr SQLULEN kRows = 1000;
  std::vector<SQLINTEGER> ids(kRows);
  std::vector<SQLLEN> id_ind(kRows);
  std::vector<char> texts(kRows * 12);
  std::vector<SQLLEN> text_ind(kRows);
  std::vector<SQLUSMALLINT> status(kRows);
  SQLULEN fetched = 0;
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)kRows, 0),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_STATUS_PTR, status.data(), 0), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 1, SQL_C_SLONG, ids.data(), 0, id_ind.data()), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 2, SQL_C_CHAR, texts.data(), 12, text_ind.data()),
                SQL_HANDLE_STMT, s.get());
  PGW_EXEC(
      s,
      "SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'r' || g END FROM generate_series(1, 2500) g");
  SQLINTEGER expected = 1;
  std::vector<SQLULEN> sizes;
  for (;;) {
    SQLRETURN rc = SQLFetch(s.get());
    if (rc == SQL_NO_DATA) break;
    ASSERT_EQ(rc, SQL_SUCCESS) << s.diag();
    sizes.push_back(fetched);
    for (SQLULEN i = 0; i < fetched; ++i, ++expected) {
      ASSERT_EQ(status[i], SQL_ROW_SUCCESS);
      ASSERT_EQ(ids[i], expected);
      ASSERT_EQ(id_ind[i], 4);
      if (expected % 7 == 0) {
        ASSERT_EQ(text_ind[i], SQL_NULL_DATA);
      } else {
        std::string want = "r" + std::to_string(expected);
        ASSERT_STREQ(&texts[i * 12], want.c_str());
        ASSERT_EQ(text_ind[i], SQLLEN(want.size()));
      }
    }
    for (SQLULEN i = fetched; i < kRows; ++i) ASSERT_EQ(status[i], SQL_ROW_NOROW);
  }
  EXPECT_EQ(sizes, (std::vector<SQLULEN>{1000, 1000, 500}));
  EXPECT_EQ(fetched, 0u);
}

TEST_F(Fetch, RowArrayRowWiseWithBindOffset) {
  struct Row {
    SQLINTEGER id;
    SQLLEN id_ind;
    char text[8];
    SQLLEN text_ind;
  };
  constexpr SQLULEN kRows = 1000;
  // Bound once at the start of `first`; the offset moves the whole binding to `second`.
  std::vector<Row> first(kRows), second(kRows);
  SQLLEN offset = 0;
  SQLULEN fetched = 0;
  std::vector<SQLUSMALLINT> status(kRows);
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)sizeof(Row), 0),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)kRows, 0),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_STATUS_PTR, status.data(), 0), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 1, SQL_C_SLONG, &first[0].id, 0, &first[0].id_ind),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(
      SQLBindCol(s.get(), 2, SQL_C_CHAR, first[0].text, sizeof first[0].text, &first[0].text_ind),
      SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT g, repeat('x', g % 10) FROM generate_series(1, 1500) g");

  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  ASSERT_EQ(fetched, kRows);
  for (SQLULEN i = 0; i < kRows; ++i) {
    SQLINTEGER g = SQLINTEGER(i + 1);
    ASSERT_EQ(first[i].id, g);
    ASSERT_EQ(first[i].text_ind, g % 10);
    ASSERT_EQ(std::string(first[i].text), std::string(std::min(g % 10, 7), 'x'));
  }
  // Some texts are longer than 7 characters: 01004 on those rows.
  EXPECT_EQ(status[7], SQL_ROW_SUCCESS_WITH_INFO);
  EXPECT_EQ(status[6], SQL_ROW_SUCCESS);

  offset = reinterpret_cast<char*>(second.data()) - reinterpret_cast<char*>(first.data());
  SQLRETURN rc = SQLFetch(s.get());
  ASSERT_TRUE(SQL_SUCCEEDED(rc)) << s.diag();
  ASSERT_EQ(fetched, 500u);
  for (SQLULEN i = 0; i < 500; ++i) ASSERT_EQ(second[i].id, SQLINTEGER(1001 + i));
  EXPECT_EQ(first[0].id, 1);  // untouched
  EXPECT_EQ(SQLFetch(s.get()), SQL_NO_DATA);
}

TEST_F(Fetch, GetDataInAnyColumnOrderAndOnBoundColumns) {
  SQLINTEGER bound = 0;
  SQLLEN ind = 0;
  PGW_ASSERT_OK(SQLBindCol(s.get(), 2, SQL_C_SLONG, &bound, 0, &ind), SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT 'a', 2, 'c'");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(bound, 2);
  EXPECT_EQ(text_of(s.get(), 3), "c");
  EXPECT_EQ(text_of(s.get(), 1), "a");
  EXPECT_EQ(text_of(s.get(), 2), "2");
}

TEST_F(Fetch, PiecewiseGetDataOfAMegabyteOfText) {
  PGW_EXEC(s, "SELECT repeat('0123456789', 100000)");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  std::string collected;
  char buffer[4096];
  SQLLEN indicator = 0;
  SQLLEN expected_remaining = 1000000;
  int pieces = 0;
  for (;;) {
    SQLRETURN rc = SQLGetData(s.get(), 1, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
    if (rc == SQL_NO_DATA) break;
    ASSERT_TRUE(SQL_SUCCEEDED(rc)) << s.diag();
    ASSERT_EQ(indicator, expected_remaining);
    ++pieces;
    if (rc == SQL_SUCCESS_WITH_INFO) {
      ASSERT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "01004");
      ASSERT_EQ(std::strlen(buffer), sizeof buffer - 1);
    }
    collected += buffer;
    expected_remaining -= SQLLEN(std::strlen(buffer));
  }
  EXPECT_EQ(pieces, 245);  // 244 full pieces of 4095 bytes and the rest
  ASSERT_EQ(collected.size(), 1000000u);
  for (std::size_t i = 0; i < collected.size(); ++i)
    ASSERT_EQ(collected[i], char('0' + i % 10)) << i;
  EXPECT_EQ(SQLGetData(s.get(), 1, SQL_C_CHAR, buffer, sizeof buffer, &indicator), SQL_NO_DATA);
}

TEST_F(Fetch, PiecewiseGetDataOfAMegabyteOfBytea) {
  PGW_EXEC(s, "SELECT decode(repeat('00ff7f', 333334), 'hex')");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  std::vector<unsigned char> collected;
  unsigned char buffer[65536];
  SQLLEN indicator = 0;
  bool first = true;
  for (;;) {
    SQLRETURN rc = SQLGetData(s.get(), 1, SQL_C_BINARY, buffer, sizeof buffer, &indicator);
    if (rc == SQL_NO_DATA) break;
    ASSERT_TRUE(SQL_SUCCEEDED(rc)) << s.diag();
    if (first) {
      EXPECT_EQ(indicator, 1000002);
    }
    first = false;
    const SQLLEN n = rc == SQL_SUCCESS ? indicator : SQLLEN(sizeof buffer);
    collected.insert(collected.end(), buffer, buffer + n);
  }
  ASSERT_EQ(collected.size(), 1000002u);
  const unsigned char pattern[3] = {0x00, 0xff, 0x7f};
  for (std::size_t i = 0; i < collected.size(); ++i) ASSERT_EQ(collected[i], pattern[i % 3]) << i;
}

TEST_F(Fetch, PiecewiseWideCharactersKeepSurrogatePairsTogetherAcrossPieces) {
  // 3000 smileys: 6000 UTF-16 code units, read 7 units at a time (pairs split between pieces).
  PGW_EXEC(s, "SELECT repeat(U&'\\+01F600', 3000)");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  std::u16string collected;
  SQLWCHAR buffer[8];
  SQLLEN indicator = 0;
  for (;;) {
    SQLRETURN rc = SQLGetData(s.get(), 1, SQL_C_WCHAR, buffer, sizeof buffer, &indicator);
    if (rc == SQL_NO_DATA) break;
    ASSERT_TRUE(SQL_SUCCEEDED(rc)) << s.diag();
    for (SQLWCHAR* p = buffer; *p; ++p) collected.push_back(char16_t(*p));
  }
  ASSERT_EQ(collected.size(), 6000u);
  for (std::size_t i = 0; i < collected.size(); i += 2) {
    ASSERT_EQ(collected[i], 0xD83D);
    ASSERT_EQ(collected[i + 1], 0xDE00);
  }
}

TEST_F(Fetch, CloseCursorInTheMiddleOfAMillionRows) {
  PGW_EXEC(s, "SELECT g FROM generate_series(1, 1000000) g");
  for (int i = 1; i <= 10; ++i) {
    PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
    ASSERT_EQ(text_of(s.get(), 1), std::to_string(i));
  }
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  // The connection is in step again: the next query sees its own result and no leftovers.
  PGW_EXEC(s, "SELECT 'next'");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"next"}}));
  PGW_ASSERT_OK(SQLFreeStmt(s.get(), SQL_CLOSE), SQL_HANDLE_STMT, s.get());
  // Same with SQLFreeStmt(SQL_CLOSE) and with a prepared statement.
  PGW_ASSERT_OK(
      SQLPrepare(s.get(), (SQLCHAR*)"SELECT g FROM generate_series(1, 1000000) g", SQL_NTS),
      SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLFreeStmt(s.get(), SQL_CLOSE), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(text_of(s.get(), 1), "1");
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(scalar(c.dbc, "SELECT 'still in step'"), "still in step");
}

TEST_F(Fetch, ClosingAWritingStatementEarlyKeepsItsEffect) {
  PGW_EXEC(s, "CREATE TEMP TABLE written (x int)");
  // Not cancelled (it writes): the rest of the result is read and dropped, the insert stays.
  PGW_EXEC(s, "INSERT INTO written SELECT g FROM generate_series(1, 200000) g RETURNING x");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(scalar(c.dbc, "SELECT count(*) FROM written"), "200000");
}

TEST_F(Fetch, DefaultCTypeFollowsTheSqlType) {
  SQLINTEGER i = 0;
  double d = 0;
  SQLWCHAR w[8] = {0};
  SQLLEN ind[3] = {0, 0, 0};
  PGW_ASSERT_OK(SQLBindCol(s.get(), 1, SQL_C_DEFAULT, &i, sizeof i, &ind[0]), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 2, SQL_C_DEFAULT, &d, sizeof d, &ind[1]), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 3, SQL_C_DEFAULT, w, sizeof w, &ind[2]), SQL_HANDLE_STMT,
                s.get());
  PGW_EXEC(s, "SELECT 7::int4, 2.5::float8, 'ab'::text");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(i, 7);
  EXPECT_EQ(d, 2.5);
  EXPECT_EQ(w[0], 'a');
  EXPECT_EQ(w[1], 'b');
  EXPECT_EQ(w[2], 0);
  EXPECT_EQ(ind[2], 4);
}

TEST_F(Fetch, ConversionErrorInOneRowOfARowset) {
  constexpr SQLULEN kRows = 4;
  SQLSMALLINT values[kRows];
  SQLLEN ind[kRows];
  SQLUSMALLINT status[kRows];
  SQLULEN fetched = 0;
  SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)kRows, 0);
  SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_STATUS_PTR, status, 0);
  SQLSetStmtAttr(s.get(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
  PGW_ASSERT_OK(SQLBindCol(s.get(), 1, SQL_C_SSHORT, values, 0, ind), SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "VALUES (1), (100000), (3)");
  EXPECT_EQ(SQLFetch(s.get()), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(fetched, 3u);
  EXPECT_EQ(status[0], SQL_ROW_SUCCESS);
  EXPECT_EQ(status[1], SQL_ROW_ERROR);
  EXPECT_EQ(status[2], SQL_ROW_SUCCESS);
  EXPECT_EQ(status[3], SQL_ROW_NOROW);
  EXPECT_EQ(values[2], 3);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "22003");
  SQLLEN row = 0;
  SQLINTEGER column = 0;
  SQLGetDiagField(SQL_HANDLE_STMT, s.get(), 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr);
  SQLGetDiagField(SQL_HANDLE_STMT, s.get(), 1, SQL_DIAG_COLUMN_NUMBER, &column, 0, nullptr);
  EXPECT_EQ(row, 2);
  EXPECT_EQ(column, 1);
}

}  // namespace
}  // namespace pgwtest
