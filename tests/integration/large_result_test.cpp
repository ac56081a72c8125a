// A million rows in constant memory, and a connection that dies in the middle of a result.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "statement_helpers.hpp"

namespace pgwtest {
namespace {

// Resident set size (kB) from /proc/self/status: "VmHWM" is the peak, "VmRSS" the current one.
long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key) + 1));
  return -1;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

constexpr long kMillion = 1000000;
constexpr long kTolerance = 4 * 1024;  // kB

TEST(LargeResult, MillionRowsWithBoundColumnsInConstantMemory) {
  Connected c;
  Stmt s(c.dbc);
  SQLINTEGER g = 0;
  char text[16];
  SQL_TIMESTAMP_STRUCT now{};
  SQLLEN ind[3];
  PGW_ASSERT_OK(SQLBindCol(s.get(), 1, SQL_C_SLONG, &g, 0, &ind[0]), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 2, SQL_C_CHAR, text, sizeof text, &ind[1]), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLBindCol(s.get(), 3, SQL_C_TYPE_TIMESTAMP, &now, 0, &ind[2]), SQL_HANDLE_STMT,
                s.get());
  PGW_EXEC(s, "SELECT g, g::text, now() FROM generate_series(1, 1000000) g");
  long rows = 0, sum = 0, text_sum = 0, peak_at_100k = 0;
  SQLSMALLINT first_year = 0;
  for (;;) {
    SQLRETURN rc = SQLFetch(s.get());
    if (rc == SQL_NO_DATA) break;
    ASSERT_EQ(rc, SQL_SUCCESS) << s.diag();
    ++rows;
    sum += g;
    text_sum += std::atol(text);
    if (rows == 1) first_year = now.year;
    ASSERT_EQ(now.year, first_year);
    if (rows == 100000) peak_at_100k = status_kb("VmHWM:");
  }
  EXPECT_EQ(rows, kMillion);
  EXPECT_EQ(sum, kMillion * (kMillion + 1) / 2);
  EXPECT_EQ(text_sum, sum);
  EXPECT_GE(first_year, 2024);
  const long peak_at_end = status_kb("VmHWM:");
  if (kSanitized) GTEST_SKIP() << "memory is not measured under AddressSanitizer";
  EXPECT_LE(peak_at_end - peak_at_100k, kTolerance)
      << "peak RSS grew from " << peak_at_100k << " kB after 100,000 rows to " << peak_at_end
      << " kB after 1,000,000";
}

void million_rows_with_arrays(bool row_wise) {
  Connected c;
  Stmt s(c.dbc);
  constexpr SQLULEN kRows = 1000;
  struct Row {
    SQLINTEGER g;
    SQLLEN g_ind;
    char text[12];
    SQLLEN text_ind;
  };
  std::vector<Row> by_row(kRows);
  std::vector<SQLINTEGER> gs(kRows);
  std::vector<SQLLEN> g_ind(kRows), text_ind(kRows);
  std::vector<char> texts(kRows * 12);
  SQLULEN fetched = 0;
  SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)kRows, 0);
  SQLSetStmtAttr(s.get(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
  if (row_wise) {
    SQLSetStmtAttr(s.get(), SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)sizeof(Row), 0);
    SQLBindCol(s.get(), 1, SQL_C_SLONG, &by_row[0].g, 0, &by_row[0].g_ind);
    SQLBindCol(s.get(), 2, SQL_C_CHAR, by_row[0].text, 12, &by_row[0].text_ind);
  } else {
    SQLBindCol(s.get(), 1, SQL_C_SLONG, gs.data(), 0, g_ind.data());
    SQLBindCol(s.get(), 2, SQL_C_CHAR, texts.data(), 12, text_ind.data());
  }
  PGW_EXEC(s, "SELECT g, g::text FROM generate_series(1, 1000000) g");
  long rows = 0, sum = 0, text_sum = 0;
  for (;;) {
    SQLRETURN rc = SQLFetch(s.get());
    if (rc == SQL_NO_DATA) break;
    ASSERT_EQ(rc, SQL_SUCCESS) << s.diag();
    for (SQLULEN i = 0; i < fetched; ++i) {
      sum += row_wise ? by_row[i].g : gs[i];
      text_sum += std::atol(row_wise ? by_row[i].text : &texts[i * 12]);
    }
    rows += long(fetched);
  }
  EXPECT_EQ(rows, kMillion);
  EXPECT_EQ(sum, kMillion * (kMillion + 1) / 2);
  EXPECT_EQ(text_sum, sum);
}

TEST(LargeResult, MillionRowsWithColumnWiseRowArrays) {
  million_rows_with_arrays(false);
}
TEST(LargeResult, MillionRowsWithRowWiseRowArrays) {
  million_rows_with_arrays(true);
}

TEST(LargeResult, BackendTerminatedMidFetchGives08S01) {
  Connected victim;
  Connected killer;
  const std::string pid = scalar(victim.dbc, "SELECT pg_backend_pid()");
  Stmt s(victim.dbc);
  PGW_EXEC(s, "SELECT g, repeat('x', 100) FROM generate_series(1, 5000000) g");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(scalar(killer.dbc, "SELECT pg_terminate_backend(" + pid + ")"), "1");
  // Rows already on their way are still delivered; then the loss shows.
  SQLRETURN rc = SQL_SUCCESS;
  long more = 0;
  while ((rc = SQLFetch(s.get())) == SQL_SUCCESS) ++more;
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_LT(more, 4999999);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "08S01") << s.diag();
  // Handles stay valid and keep saying so.
  EXPECT_EQ(SQLFetch(s.get()), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "08S01");
  EXPECT_TRUE(SQL_SUCCEEDED(SQLCloseCursor(s.get()))) << s.diag();
  EXPECT_EQ(s.exec("SELECT 1"), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "08S01");
  Stmt other(killer.dbc);
  PGW_EXEC(other, "SELECT 'the other connection is fine'");
}

}  // namespace
}  // namespace pgwtest
