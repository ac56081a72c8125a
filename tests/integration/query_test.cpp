// Statements through unixODBC against the test server: execution, results, parameters, errors,
// description, multiple results, row counts, the type catalogue.
#include <atomic>
#include <cstring>
#include <thread>

#include "statement_helpers.hpp"

namespace pgwtest {
namespace {

class Query : public ::testing::Test {
 protected:
  Connected c;
};

TEST_F(Query, SimpleSelectReturnsRowsThenNoData) {
  Stmt s(c.dbc);
  PGW_EXEC(s, "SELECT 1 AS one, 'two' AS two, NULL::text AS three");
  SQLSMALLINT columns = 0;
  PGW_ASSERT_OK(SQLNumResultCols(s.get(), &columns), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(columns, 3);
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(text_of(s.get(), 1), "1");
  EXPECT_EQ(text_of(s.get(), 2), "two");
  EXPECT_EQ(text_of(s.get(), 3), "<null>");
  EXPECT_EQ(SQLFetch(s.get()), SQL_NO_DATA);
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  // The statement is reusable.
  PGW_EXEC(s, "SELECT 42");
  ASSERT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"42"}}));
}

TEST_F(Query, DescribeColReportsNamesTypesAndSizes) {
  Stmt s(c.dbc);
  PGW_EXEC(s,
           "SELECT 1::int4 AS i, 'x'::varchar(20) AS v, 1.5::numeric(10,3) AS n, "
           "now()::timestamp AS ts, 'a'::text AS t, true AS b, 1::int8 AS big, 2::int2 AS small, "
           "1.5::float8 AS d, gen_random_uuid() AS u, '\\x00'::bytea AS bin, current_date AS dt");
  struct Expect {
    const char* name;
    SQLSMALLINT type;
    SQLULEN size;
    SQLSMALLINT digits;
  };
  const Expect expected[] = {
      {"i", SQL_INTEGER, 10, 0},       {"v", SQL_WVARCHAR, 20, 0},
      {"n", SQL_NUMERIC, 10, 3},       {"ts", SQL_TYPE_TIMESTAMP, 26, 6},
      {"t", SQL_WVARCHAR, 4000, 0},    {"b", SQL_BIT, 1, 0},
      {"big", SQL_BIGINT, 19, 0},      {"small", SQL_SMALLINT, 5, 0},
      {"d", SQL_DOUBLE, 53, 0},        {"u", SQL_GUID, 36, 0},
      {"bin", SQL_VARBINARY, 4000, 0}, {"dt", SQL_TYPE_DATE, 10, 0},
  };
  for (SQLUSMALLINT i = 0; i < std::size(expected); ++i) {
    SQLCHAR name[64];
    SQLSMALLINT name_length = 0, type = 0, digits = -1, nullable = -1;
    SQLULEN size = 0;
    PGW_ASSERT_OK(SQLDescribeCol(s.get(), i + 1, name, sizeof name, &name_length, &type, &size,
                                 &digits, &nullable),
                  SQL_HANDLE_STMT, s.get());
    EXPECT_STREQ(reinterpret_cast<char*>(name), expected[i].name);
    EXPECT_EQ(type, expected[i].type) << expected[i].name;
    EXPECT_EQ(size, expected[i].size) << expected[i].name;
    EXPECT_EQ(digits, expected[i].digits) << expected[i].name;
    EXPECT_EQ(nullable, SQL_NULLABLE_UNKNOWN);
  }
}

TEST(QueryOptions, SizeKnobsShapeTheDescription) {
  Connected c(conn_str("UID=" + env("PGW_TRUST_USER") +
                       ";SSLMode=disable;MaxVarcharSize=100;MaxLongVarcharSize=5000;"
                       "TextAsLongVarchar=1;BoolsAsChar=1;ByteaAsLongVarBinary=1"));
  Stmt s(c.dbc);
  PGW_EXEC(s, "SELECT 'a'::text, 'b'::varchar, 'c'::varchar(200), true, '\\x00'::bytea");
  auto describe = [&](SQLUSMALLINT column) {
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQLDescribeCol(s.get(), column, nullptr, 0, nullptr, &type, &size, nullptr, nullptr);
    return std::make_pair(int(type), size);
  };
  EXPECT_EQ(describe(1), std::make_pair(int(SQL_WLONGVARCHAR), SQLULEN(5000)));
  EXPECT_EQ(describe(2), std::make_pair(int(SQL_WVARCHAR), SQLULEN(100)));
  EXPECT_EQ(describe(3), std::make_pair(int(SQL_WLONGVARCHAR), SQLULEN(200)));
  EXPECT_EQ(describe(4), std::make_pair(int(SQL_CHAR), SQLULEN(1)));
  EXPECT_EQ(describe(5).first, SQL_LONGVARBINARY);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLFetch(s.get())));
  EXPECT_EQ(text_of(s.get(), 4), "1");
}

TEST_F(Query, ColAttributeCoreFields) {
  Stmt s(c.dbc);
  PGW_EXEC(s,
           "SELECT 'x'::varchar(20) AS v, 1.5::numeric(10,3) AS n, now()::timestamp AS ts, "
           "1::int4 AS i, 1::oid AS o");
  auto number = [&](SQLUSMALLINT col, SQLUSMALLINT field) {
    SQLLEN v = -12345;
    SQLColAttribute(s.get(), col, field, nullptr, 0, nullptr, &v);
    return v;
  };
  auto text = [&](SQLUSMALLINT col, SQLUSMALLINT field) {
    char buffer[128] = {0};
    SQLSMALLINT length = 0;
    SQLColAttribute(s.get(), col, field, buffer, sizeof buffer, &length, nullptr);
    return std::string(buffer);
  };
  EXPECT_EQ(number(1, SQL_DESC_COUNT), 5);
  EXPECT_EQ(text(1, SQL_DESC_NAME), "v");
  EXPECT_EQ(text(1, SQL_DESC_LABEL), "v");
  EXPECT_EQ(text(1, SQL_DESC_TYPE_NAME), "varchar");
  EXPECT_EQ(text(1, SQL_DESC_LOCAL_TYPE_NAME), "varchar");
  EXPECT_EQ(number(1, SQL_DESC_CONCISE_TYPE), SQL_WVARCHAR);
  EXPECT_EQ(number(1, SQL_DESC_TYPE), SQL_WVARCHAR);
  EXPECT_EQ(number(1, SQL_DESC_LENGTH), 20);
  EXPECT_EQ(number(1, SQL_DESC_OCTET_LENGTH), 40);
  EXPECT_EQ(number(1, SQL_DESC_DISPLAY_SIZE), 20);
  EXPECT_EQ(number(1, SQL_DESC_CASE_SENSITIVE), SQL_TRUE);
  EXPECT_EQ(number(1, SQL_DESC_SEARCHABLE), SQL_SEARCHABLE);
  EXPECT_EQ(number(1, SQL_DESC_UNSIGNED), SQL_TRUE);
  EXPECT_EQ(number(1, SQL_DESC_NULLABLE), SQL_NULLABLE_UNKNOWN);
  EXPECT_EQ(number(1, SQL_DESC_UPDATABLE), SQL_ATTR_READWRITE_UNKNOWN);
  EXPECT_EQ(number(1, SQL_DESC_AUTO_UNIQUE_VALUE), SQL_FALSE);
  EXPECT_EQ(number(2, SQL_DESC_PRECISION), 10);
  EXPECT_EQ(number(2, SQL_DESC_SCALE), 3);
  EXPECT_EQ(number(2, SQL_DESC_NUM_PREC_RADIX), 10);
  EXPECT_EQ(number(2, SQL_DESC_UNSIGNED), SQL_FALSE);
  EXPECT_EQ(number(2, SQL_DESC_FIXED_PREC_SCALE), SQL_FALSE);
  EXPECT_EQ(number(2, SQL_DESC_DISPLAY_SIZE), 12);
  EXPECT_EQ(number(3, SQL_DESC_CONCISE_TYPE), SQL_TYPE_TIMESTAMP);
  EXPECT_EQ(number(3, SQL_DESC_TYPE), SQL_DATETIME);
  EXPECT_EQ(number(3, SQL_DESC_DATETIME_INTERVAL_CODE), SQL_CODE_TIMESTAMP);
  EXPECT_EQ(number(3, SQL_DESC_LENGTH), 26);
  EXPECT_EQ(number(3, SQL_DESC_PRECISION), 6);
  EXPECT_EQ(number(3, SQL_DESC_OCTET_LENGTH), 16);
  EXPECT_EQ(number(4, SQL_DESC_OCTET_LENGTH), 4);
  EXPECT_EQ(number(4, SQL_DESC_DISPLAY_SIZE), 11);
  EXPECT_EQ(number(5, SQL_DESC_UNSIGNED), SQL_TRUE);
  SQLLEN v = 0;
  PGW_EXPECT_STATE(SQLColAttribute(s.get(), 6, SQL_DESC_NAME, nullptr, 0, nullptr, &v),
                   SQL_HANDLE_STMT, s.get(), SQL_ERROR, "07009");
}

TEST_F(Query, ServerErrorsCarrySqlstateAndMessage) {
  Stmt s(c.dbc);
  PGW_EXPECT_STATE(s.exec("SELECT * FROM no_such_table_here"), SQL_HANDLE_STMT, s.get(), SQL_ERROR,
                   "42P01");
  EXPECT_NE(
      message(SQL_HANDLE_STMT, s.get()).find("relation \"no_such_table_here\" does not exist"),
      std::string::npos)
      << message(SQL_HANDLE_STMT, s.get());

  PGW_EXPECT_STATE(s.exec("SELECT 1/0"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "22012");
  EXPECT_NE(message(SQL_HANDLE_STMT, s.get()).find("division by zero"), std::string::npos);

  PGW_EXEC(s, "CREATE TEMP TABLE uniq (id int PRIMARY KEY)");
  PGW_EXEC(s, "INSERT INTO uniq VALUES (1)");
  PGW_EXPECT_STATE(s.exec("INSERT INTO uniq VALUES (1)"), SQL_HANDLE_STMT, s.get(), SQL_ERROR,
                   "23505");
  EXPECT_NE(
      message(SQL_HANDLE_STMT, s.get()).find("duplicate key value violates unique constraint"),
      std::string::npos);
  // The connection is still usable.
  EXPECT_EQ(scalar(c.dbc, "SELECT 'still here'"), "still here");
}

TEST_F(Query, ErrorInTheMiddleOfAResult) {
  Stmt s(c.dbc);
  PGW_EXEC(s, "SELECT 10 / (3 - g) FROM generate_series(1, 5) g");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(text_of(s.get(), 1), "5");
  SQLRETURN rc = SQLFetch(s.get());
  if (rc == SQL_SUCCESS) {  // the server may have produced row 2 before failing on row 3
    EXPECT_EQ(text_of(s.get(), 1), "10");
    rc = SQLFetch(s.get());
  }
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "22012");
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(scalar(c.dbc, "SELECT 'ok'"), "ok");
}

TEST_F(Query, MoreResultsWalksEveryResult) {
  Stmt s(c.dbc);
  PGW_EXEC(s,
           "SELECT 1; SELECT 2, 3; CREATE TEMP TABLE mr (x int); INSERT INTO mr VALUES (1), (2)");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"1"}}));
  PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"2", "3"}}));
  PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
  SQLSMALLINT columns = -1;
  SQLNumResultCols(s.get(), &columns);
  EXPECT_EQ(columns, 0);  // CREATE TABLE
  PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
  SQLLEN count = -5;
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 2);
  EXPECT_EQ(SQLMoreResults(s.get()), SQL_NO_DATA);
}

TEST_F(Query, MoreResultsSkipsUnreadRowsAndReportsLaterErrors) {
  Stmt s(c.dbc);
  PGW_EXEC(s, "SELECT g FROM generate_series(1, 1000) g; SELECT 1/0");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_EXPECT_STATE(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "22012");
  EXPECT_EQ(SQLMoreResults(s.get()), SQL_NO_DATA);
  EXPECT_EQ(scalar(c.dbc, "SELECT 'fine'"), "fine");
}

TEST_F(Query, RowCountAfterInsertUpdateDelete) {
  Stmt s(c.dbc);
  PGW_EXEC(s, "CREATE TEMP TABLE rc (x int)");
  SQLLEN count = -5;
  PGW_EXEC(s, "INSERT INTO rc SELECT generate_series(1, 7)");
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 7);
  PGW_EXEC(s, "UPDATE rc SET x = x + 1 WHERE x > 4");
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 3);
  PGW_EXEC(s, "DELETE FROM rc WHERE x < 3");
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 2);
  // ODBC 3: a searched UPDATE/DELETE that touches no row answers SQL_NO_DATA.
  EXPECT_EQ(s.exec("DELETE FROM rc WHERE x < 0"), SQL_NO_DATA);
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 0);
}

TEST_F(Query, PreparedStatementIsDescribedBeforeExecute) {
  Stmt s(c.dbc);
  const char* sql = "SELECT g AS n, g::text AS t FROM generate_series(1, ?) g WHERE g > ?";
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLSMALLINT params = 0, columns = 0;
  PGW_ASSERT_OK(SQLNumParams(s.get(), &params), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(params, 2);
  PGW_ASSERT_OK(SQLNumResultCols(s.get(), &columns), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(columns, 2);
  SQLCHAR name[16];
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  PGW_ASSERT_OK(
      SQLDescribeCol(s.get(), 2, name, sizeof name, nullptr, &type, &size, nullptr, nullptr),
      SQL_HANDLE_STMT, s.get());
  EXPECT_STREQ((char*)name, "t");
  EXPECT_EQ(type, SQL_WVARCHAR);
  SQLSMALLINT ptype = 0;
  PGW_ASSERT_OK(SQLDescribeParam(s.get(), 1, &ptype, &size, nullptr, nullptr), SQL_HANDLE_STMT,
                s.get());
  EXPECT_EQ(ptype, SQL_INTEGER);

  SQLINTEGER upto = 5, above = 2;
  PGW_ASSERT_OK(SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &upto,
                                 0, nullptr),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLBindParameter(s.get(), 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                 &above, 0, nullptr),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()),
            (std::vector<std::vector<std::string>>{{"3", "3"}, {"4", "4"}, {"5", "5"}}));
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  // Executed again with other values.
  upto = 3;
  above = 0;
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()),
            (std::vector<std::vector<std::string>>{{"1", "1"}, {"2", "2"}, {"3", "3"}}));
  PGW_ASSERT_OK(SQLFreeStmt(s.get(), SQL_CLOSE), SQL_HANDLE_STMT, s.get());
  // The server-side statement exists while prepared.
  EXPECT_EQ(scalar(c.dbc,
                   "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
                   "'%generate_series(1, $1)%'"),
            "1");
}

TEST_F(Query, PreparingAgainClosesTheOldServerStatement) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)"SELECT 'first-prepared'", SQL_NTS), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)"SELECT 'second-prepared'", SQL_NTS), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"second-prepared"}}));
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(
      scalar(c.dbc,
             "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%-prepared%'"),
      "1");
  {
    Stmt other(c.dbc);
    PGW_ASSERT_OK(SQLPrepare(other.get(), (SQLCHAR*)"SELECT 'third-prepared'", SQL_NTS),
                  SQL_HANDLE_STMT, other.get());
  }  // freed: its server-side statement is closed
  EXPECT_EQ(
      scalar(c.dbc,
             "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%-prepared%'"),
      "1");
}

TEST_F(Query, PrepareReportsSyntaxErrors) {
  Stmt s(c.dbc);
  PGW_EXPECT_STATE(SQLPrepare(s.get(), (SQLCHAR*)"SELEC 1", SQL_NTS), SQL_HANDLE_STMT, s.get(),
                   SQL_ERROR, "42601");
  PGW_EXPECT_STATE(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HY010");
}

TEST_F(Query, FunctionSequenceAndArgumentErrors) {
  Stmt s(c.dbc);
  PGW_EXPECT_STATE(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HY010");
  PGW_EXPECT_STATE(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HY010");
  PGW_EXPECT_STATE(SQLExecDirect(s.get(), nullptr, SQL_NTS), SQL_HANDLE_STMT, s.get(), SQL_ERROR,
                   "HY009");
  PGW_EXPECT_STATE(SQLExecDirect(s.get(), (SQLCHAR*)"SELECT 1", -7), SQL_HANDLE_STMT, s.get(),
                   SQL_ERROR, "HY090");
  PGW_EXEC(s, "SELECT 1, 2");
  char buffer[8];
  SQLLEN ind = 0;
  PGW_EXPECT_STATE(SQLGetData(s.get(), 1, SQL_C_CHAR, buffer, sizeof buffer, &ind), SQL_HANDLE_STMT,
                   s.get(), SQL_ERROR, "24000");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_EXPECT_STATE(SQLGetData(s.get(), 3, SQL_C_CHAR, buffer, sizeof buffer, &ind), SQL_HANDLE_STMT,
                   s.get(), SQL_ERROR, "07009");
  PGW_EXPECT_STATE(SQLGetData(s.get(), 0, SQL_C_CHAR, buffer, sizeof buffer, &ind), SQL_HANDLE_STMT,
                   s.get(), SQL_ERROR, "07009");
  PGW_EXPECT_STATE(SQLFetchScroll(s.get(), SQL_FETCH_PRIOR, 0), SQL_HANDLE_STMT, s.get(), SQL_ERROR,
                   "HY106");
  PGW_EXPECT_STATE(SQLGetData(s.get(), 1, SQL_C_GUID, buffer, sizeof buffer, &ind), SQL_HANDLE_STMT,
                   s.get(), SQL_ERROR, "07006");
  PGW_EXPECT_STATE(s.exec("SELECT 3"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "24000");
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  PGW_EXPECT_STATE(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "24000");
  PGW_EXEC(s, "CREATE TEMP TABLE seq_err (x int)");
  PGW_EXPECT_STATE(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "24000");
}

TEST_F(Query, ParameterMarkersInLiteralsAndCommentsAreNotParameters) {
  Stmt s(c.dbc);
  SQLINTEGER v = 7;
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, nullptr),
      SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT '?' || $$?$$ || E'\\'?' AS lit, ? AS p /* ? */ -- ?\n");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"?"
                                                                      "?'?",
                                                                      "7"}}));
}

TEST_F(Query, MissingParameterIs07002) {
  Stmt s(c.dbc);
  PGW_EXPECT_STATE(s.exec("SELECT ?"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "07002");
}

TEST_F(Query, TwoStatementsInterleavedOnOneConnection) {
  Stmt a(c.dbc), b(c.dbc);
  PGW_EXEC(a, "SELECT g FROM generate_series(1, 5000) g");
  PGW_EXEC(b, "SELECT g * 10 FROM generate_series(1, 3000) g");
  long long sum_a = 0, sum_b = 0, rows_a = 0, rows_b = 0;
  SQLINTEGER va = 0, vb = 0;
  SQLLEN ia = 0, ib = 0;
  PGW_ASSERT_OK(SQLBindCol(a.get(), 1, SQL_C_SLONG, &va, 0, &ia), SQL_HANDLE_STMT, a.get());
  PGW_ASSERT_OK(SQLBindCol(b.get(), 1, SQL_C_SLONG, &vb, 0, &ib), SQL_HANDLE_STMT, b.get());
  for (;;) {
    const bool more_a = SQLFetch(a.get()) == SQL_SUCCESS;
    if (more_a) {
      sum_a += va;
      ++rows_a;
    }
    const bool more_b = SQLFetch(b.get()) == SQL_SUCCESS;
    if (more_b) {
      sum_b += vb;
      ++rows_b;
    }
    // A third statement in between takes the wire from whichever is streaming.
    if (rows_a == 1000) {
      EXPECT_EQ(scalar(c.dbc, "SELECT 'between'"), "between");
    }
    if (!more_a && !more_b) break;
  }
  EXPECT_EQ(rows_a, 5000);
  EXPECT_EQ(sum_a, 5000LL * 5001 / 2);
  EXPECT_EQ(rows_b, 3000);
  EXPECT_EQ(sum_b, 10LL * 3000 * 3001 / 2);
}

TEST_F(Query, GetDataSurvivesAnotherStatementTakingTheWire) {
  Stmt a(c.dbc);
  PGW_EXEC(a, "SELECT 'current row', g FROM generate_series(1, 3) g");
  PGW_ASSERT_OK(SQLFetch(a.get()), SQL_HANDLE_STMT, a.get());
  EXPECT_EQ(scalar(c.dbc, "SELECT 1"), "1");  // a's result moves into its own memory
  EXPECT_EQ(text_of(a.get(), 1), "current row");
  EXPECT_EQ(text_of(a.get(), 2), "1");
  EXPECT_EQ(rows_of(a.get()),
            (std::vector<std::vector<std::string>>{{"current row", "2"}, {"current row", "3"}}));
}

TEST_F(Query, GetTypeInfoListsTypesOrderedByDataType) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLGetTypeInfo(s.get(), SQL_ALL_TYPES), SQL_HANDLE_STMT, s.get());
  SQLSMALLINT columns = 0;
  SQLNumResultCols(s.get(), &columns);
  EXPECT_EQ(columns, 19);
  SQLCHAR name[32];
  SQLDescribeCol(s.get(), 2, name, sizeof name, nullptr, nullptr, nullptr, nullptr, nullptr);
  EXPECT_STREQ((char*)name, "DATA_TYPE");
  auto rows = rows_of(s.get());
  ASSERT_GT(rows.size(), 30u);
  int previous = -1000;
  bool saw_int4 = false;
  for (const auto& row : rows) {
    int type = std::stoi(row[1]);
    EXPECT_LE(previous, type) << row[0];
    previous = type;
    if (row[0] == "int4") {
      saw_int4 = true;
      EXPECT_EQ(type, SQL_INTEGER);
      EXPECT_EQ(row[2], "10");
      EXPECT_EQ(row[9], "0");  // UNSIGNED_ATTRIBUTE
      EXPECT_EQ(row[17], "10");
    }
  }
  EXPECT_TRUE(saw_int4);
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());

  PGW_ASSERT_OK(SQLGetTypeInfo(s.get(), SQL_VARCHAR), SQL_HANDLE_STMT, s.get());
  rows = rows_of(s.get());
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0], "varchar");
  for (const auto& row : rows) EXPECT_EQ(row[1], std::to_string(SQL_VARCHAR));
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());

  PGW_ASSERT_OK(SQLGetTypeInfo(s.get(), SQL_TYPE_TIMESTAMP), SQL_HANDLE_STMT, s.get());
  rows = rows_of(s.get());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "timestamp");
  EXPECT_EQ(rows[1][0], "timestamptz");
  EXPECT_EQ(rows[0][15], std::to_string(SQL_DATETIME));
  EXPECT_EQ(rows[0][16], std::to_string(SQL_CODE_TIMESTAMP));
}

TEST_F(Query, StatementAttributes) {
  Stmt s(c.dbc);
  SQLULEN v = 99;
  PGW_ASSERT_OK(SQLGetStmtAttr(s.get(), SQL_ATTR_CURSOR_TYPE, &v, 0, nullptr), SQL_HANDLE_STMT,
                s.get());
  EXPECT_EQ(v, SQL_CURSOR_FORWARD_ONLY);
  EXPECT_EQ(SQLSetStmtAttr(s.get(), SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "01S02");
  PGW_ASSERT_OK(SQLGetStmtAttr(s.get(), SQL_ATTR_CONCURRENCY, &v, 0, nullptr), SQL_HANDLE_STMT,
                s.get());
  EXPECT_EQ(v, SQL_CONCUR_READ_ONLY);
  PGW_EXPECT_STATE(SQLSetStmtAttr(s.get(), SQL_ATTR_USE_BOOKMARKS, (SQLPOINTER)SQL_UB_VARIABLE, 0),
                   SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HYC00");
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_MAX_ROWS, (SQLPOINTER)3, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_EXEC(s, "SELECT g FROM generate_series(1, 10) g");
  EXPECT_EQ(rows_of(s.get()).size(), 3u);
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  // A multi-statement text is limited on the client side.
  PGW_EXEC(s, "SELECT g FROM generate_series(1, 10) g; SELECT 'next'");
  EXPECT_EQ(rows_of(s.get()).size(), 3u);
  PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"next"}}));
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());

  // The four descriptor handles.
  SQLHDESC ard = nullptr, ird = nullptr;
  PGW_ASSERT_OK(SQLGetStmtAttr(s.get(), SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_HANDLE_STMT,
                s.get());
  PGW_ASSERT_OK(SQLGetStmtAttr(s.get(), SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr), SQL_HANDLE_STMT,
                s.get());
  ASSERT_NE(ard, nullptr);
  ASSERT_NE(ird, nullptr);
  SQLINTEGER value = 0;
  PGW_ASSERT_OK(SQLBindCol(s.get(), 2, SQL_C_SLONG, &value, 0, nullptr), SQL_HANDLE_STMT, s.get());
  SQLSMALLINT count = 0;
  PGW_ASSERT_OK(SQLGetDescField(ard, 0, SQL_DESC_COUNT, &count, 0, nullptr), SQL_HANDLE_DESC, ard);
  EXPECT_EQ(count, 2);
  SQLSMALLINT type = 0;
  PGW_ASSERT_OK(SQLGetDescField(ard, 2, SQL_DESC_CONCISE_TYPE, &type, 0, nullptr), SQL_HANDLE_DESC,
                ard);
  EXPECT_EQ(type, SQL_C_SLONG);
  PGW_EXPECT_STATE(SQLSetDescField(ird, 1, SQL_DESC_NAME, (SQLPOINTER) "x", SQL_NTS),
                   SQL_HANDLE_DESC, ird, SQL_ERROR, "HY016");
  PGW_EXPECT_STATE(SQLGetDescField(ird, 1, SQL_DESC_NAME, nullptr, 0, nullptr), SQL_HANDLE_DESC,
                   ird, SQL_ERROR, "HY007");
  PGW_EXEC(s, "SELECT 1 AS first_col");
  char name[32] = {0};
  SQLINTEGER length = 0;
  PGW_ASSERT_OK(SQLGetDescField(ird, 1, SQL_DESC_NAME, name, sizeof name, &length), SQL_HANDLE_DESC,
                ird);
  EXPECT_STREQ(name, "first_col");
  EXPECT_EQ(length, 9);
}

TEST_F(Query, ExplicitDescriptorAsRowDescriptor) {
  Stmt s(c.dbc);
  SQLHDESC desc = nullptr;
  PGW_ASSERT_OK(SQLAllocHandle(SQL_HANDLE_DESC, c.dbc.get(), &desc), SQL_HANDLE_DBC, c.dbc.get());
  SQLINTEGER value = 0;
  SQLLEN indicator = 0;
  PGW_ASSERT_OK(SQLSetDescField(desc, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_SLONG, 0),
                SQL_HANDLE_DESC, desc);
  PGW_ASSERT_OK(SQLSetDescField(desc, 1, SQL_DESC_INDICATOR_PTR, &indicator, 0), SQL_HANDLE_DESC,
                desc);
  PGW_ASSERT_OK(SQLSetDescField(desc, 1, SQL_DESC_OCTET_LENGTH_PTR, &indicator, 0), SQL_HANDLE_DESC,
                desc);
  PGW_ASSERT_OK(SQLSetDescField(desc, 1, SQL_DESC_DATA_PTR, &value, 0), SQL_HANDLE_DESC, desc);
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_APP_ROW_DESC, desc, 0), SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT 1234");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(value, 1234);
  EXPECT_EQ(indicator, 4);
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  // Freeing it puts the implicit ARD back.
  PGW_ASSERT_OK(SQLFreeHandle(SQL_HANDLE_DESC, desc), SQL_HANDLE_DESC, desc);
  SQLHDESC ard = nullptr;
  PGW_ASSERT_OK(SQLGetStmtAttr(s.get(), SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr), SQL_HANDLE_STMT,
                s.get());
  EXPECT_NE(ard, desc);
  SQLSMALLINT alloc = 0;
  PGW_ASSERT_OK(SQLGetDescField(ard, 0, SQL_DESC_ALLOC_TYPE, &alloc, 0, nullptr), SQL_HANDLE_DESC,
                ard);
  EXPECT_EQ(alloc, SQL_DESC_ALLOC_AUTO);
}

TEST_F(Query, PreparedMultiStatementTextRunsAsAWhole) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)"SELECT 1 AS a, 2 AS b; SELECT 'x'", SQL_NTS),
                SQL_HANDLE_STMT, s.get());
  SQLSMALLINT columns = 0;
  PGW_ASSERT_OK(SQLNumResultCols(s.get(), &columns), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(columns, 2);  // the first statement's result
  for (int run = 0; run < 2; ++run) {
    PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"1", "2"}}));
    PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
    EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"x"}}));
    EXPECT_EQ(SQLMoreResults(s.get()), SQL_NO_DATA);
  }
}

TEST_F(Query, SeveralStatementsWithParameters) {
  Stmt s(c.dbc);
  PGW_EXEC(s, "CREATE TEMP TABLE multi (x int)");
  SQLINTEGER a = 5, b = 6;
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, nullptr),
      SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &b, 0, nullptr),
      SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "INSERT INTO multi VALUES (?); SELECT x, ? FROM multi");
  SQLLEN count = 0;
  PGW_ASSERT_OK(SQLRowCount(s.get(), &count), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(count, 1);
  PGW_ASSERT_OK(SQLMoreResults(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"5", "6"}}));
  EXPECT_EQ(SQLMoreResults(s.get()), SQL_NO_DATA);
}

TEST_F(Query, ServerNoticesAreWarnings) {
  Stmt s(c.dbc);
  EXPECT_EQ(s.exec("DO $$BEGIN RAISE WARNING 'careful: %', 42; END$$"), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "01000");
  EXPECT_NE(message(SQL_HANDLE_STMT, s.get()).find("careful: 42"), std::string::npos)
      << message(SQL_HANDLE_STMT, s.get());
}

TEST_F(Query, MaxLengthCutsCharacterData) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_MAX_LENGTH, (SQLPOINTER)4, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_EXEC(s, "SELECT 'abcdefgh'");
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  char buffer[16];
  SQLLEN indicator = 0;
  EXPECT_EQ(SQLGetData(s.get(), 1, SQL_C_CHAR, buffer, sizeof buffer, &indicator), SQL_SUCCESS);
  EXPECT_STREQ(buffer, "abcd");
  EXPECT_EQ(indicator, 4);
}

TEST_F(Query, WideEntryPoints) {
  Stmt s(c.dbc);
  // SELECT 'é😀' AS "ñame"
  const std::u16string sql = u"SELECT '\u00e9\U0001F600' AS \"\u00f1ame\"";
  std::vector<SQLWCHAR> text(sql.begin(), sql.end());
  PGW_ASSERT_OK(SQLExecDirectW(s.get(), text.data(), SQLINTEGER(text.size())), SQL_HANDLE_STMT,
                s.get());
  SQLWCHAR name[8] = {0};
  SQLSMALLINT name_length = 0;
  PGW_ASSERT_OK(
      SQLDescribeColW(s.get(), 1, name, 8, &name_length, nullptr, nullptr, nullptr, nullptr),
      SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(name_length, 4);  // characters
  EXPECT_EQ(name[0], 0x00f1);
  EXPECT_EQ(name[3], 'e');
  SQLWCHAR label[8] = {0};
  SQLSMALLINT label_bytes = 0;
  PGW_ASSERT_OK(
      SQLColAttributeW(s.get(), 1, SQL_DESC_LABEL, label, sizeof label, &label_bytes, nullptr),
      SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(label_bytes, 8);  // bytes
  EXPECT_EQ(label[0], 0x00f1);
  PGW_ASSERT_OK(SQLFetch(s.get()), SQL_HANDLE_STMT, s.get());
  SQLWCHAR value[8] = {0};
  SQLLEN indicator = 0;
  PGW_ASSERT_OK(SQLGetData(s.get(), 1, SQL_C_WCHAR, value, sizeof value, &indicator),
                SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(indicator, 6);
  EXPECT_EQ(value[0], 0x00e9);
  EXPECT_EQ(value[1], 0xD83D);
  EXPECT_EQ(value[2], 0xDE00);
  EXPECT_EQ(value[3], 0);
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());
  const std::u16string prepared = u"SELECT ?::text || 'x'";
  std::vector<SQLWCHAR> prepared_text(prepared.begin(), prepared.end());
  prepared_text.push_back(0);
  PGW_ASSERT_OK(SQLPrepareW(s.get(), prepared_text.data(), SQL_NTS), SQL_HANDLE_STMT, s.get());
  SQLWCHAR param[] = {0x4e2d, 0};
  SQLLEN nts = SQL_NTS;
  PGW_ASSERT_OK(SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 10, 0,
                                 param, 0, &nts),
                SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"\xE4\xB8\xADx"}}));
}

TEST_F(Query, CancelWithNothingRunningIsHarmless) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLCancel(s.get()), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(scalar(c.dbc, "SELECT 'after cancel'"), "after cancel");
}

TEST_F(Query, QueryTimeoutCancelsAndReportsHYT00) {
  Stmt s(c.dbc);
  PGW_ASSERT_OK(SQLSetStmtAttr(s.get(), SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER)1, 0), SQL_HANDLE_STMT,
                s.get());
  PGW_EXPECT_STATE(s.exec("SELECT pg_sleep(30)"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HYT00");
  PGW_EXEC(s, "SELECT 'usable'");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"usable"}}));
}

TEST_F(Query, CancelFromAnotherThread) {
  Stmt s(c.dbc);
  std::atomic<bool> done{false};
  std::thread canceller([&] {
    // Cancels until the statement's call returns: a cancel with nothing running does nothing, and
    // one that reaches the server before the query starts is ignored there.
    while (!done.load()) {
      SQLCancel(s.get());
      std::this_thread::yield();
    }
  });
  // The server may send the row description before the cancel lands: the error then comes with
  // the first fetch.
  SQLRETURN rc = s.exec("SELECT pg_sleep(20)");
  if (rc == SQL_SUCCESS) rc = SQLFetch(s.get());
  done = true;
  canceller.join();
  EXPECT_EQ(rc, SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, s.get()), "HY008");
  SQLFreeStmt(s.get(), SQL_CLOSE);
  PGW_EXEC(s, "SELECT 'after'");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"after"}}));
}

}  // namespace
}  // namespace pgwtest
