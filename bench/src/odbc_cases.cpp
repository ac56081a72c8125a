// The cases over the plain ODBC API, as any application would write them.

#include <array>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "case.hpp"
#include "dataset.hpp"
#include "measure.hpp"
#include "odbc_util.hpp"

namespace pgw::bench {
namespace {

constexpr std::size_t kNumericLen = 32;
constexpr std::size_t kTextLen = 64;
constexpr SQLULEN kArraySize = 1000;

std::int64_t timestamp_us(const SQL_TIMESTAMP_STRUCT& t) {
  if (t.fraction % 1000 != 0) throw std::runtime_error("timestamp fraction below a microsecond");
  const std::int64_t days = days_from_civil(t.year, t.month, t.day);
  return (days * 86400 + t.hour * 3600 + t.minute * 60 + t.second) * 1000000LL + t.fraction / 1000;
}

std::int64_t date_days(const SQL_DATE_STRUCT& d) {
  return days_from_civil(d.year, d.month, d.day);
}

[[noreturn]] void bad_value(const char* column, std::string_view text) {
  throw std::runtime_error(std::string("unexpected ") + column + " value '" + std::string(text) +
                           "'");
}

// Column-wise result buffers for `n` rows (n == 1 is plain SQLBindCol binding).
struct ColumnBuffers {
  explicit ColumnBuffers(std::size_t n)
      : id(n), int8(n), float8(n), numeric(n), text(n), ts(n), boolean(n), date(n) {
    for (auto* ind : {&id_ind, &int8_ind, &float8_ind, &numeric_ind, &text_ind, &ts_ind, &bool_ind,
                      &date_ind}) {
      ind->resize(n);
    }
  }
  std::vector<SQLINTEGER> id;
  std::vector<SQLBIGINT> int8;
  std::vector<SQLDOUBLE> float8;
  std::vector<std::array<char, kNumericLen>> numeric;
  std::vector<std::array<char, kTextLen>> text;
  std::vector<SQL_TIMESTAMP_STRUCT> ts;
  std::vector<unsigned char> boolean;
  std::vector<SQL_DATE_STRUCT> date;
  std::vector<SQLLEN> id_ind, int8_ind, float8_ind, numeric_ind, text_ind, ts_ind, bool_ind,
      date_ind;

  void bind(SQLHSTMT st) {
    auto b = [&](SQLUSMALLINT col, SQLSMALLINT ctype, void* p, SQLLEN len, SQLLEN* ind) {
      check(SQLBindCol(st, col, ctype, p, len, ind), SQL_HANDLE_STMT, st, "SQLBindCol");
    };
    b(1, SQL_C_SLONG, id.data(), 0, id_ind.data());
    b(2, SQL_C_SBIGINT, int8.data(), 0, int8_ind.data());
    b(3, SQL_C_DOUBLE, float8.data(), 0, float8_ind.data());
    b(4, SQL_C_CHAR, numeric.data(), kNumericLen, numeric_ind.data());
    b(5, SQL_C_CHAR, text.data(), kTextLen, text_ind.data());
    b(6, SQL_C_TYPE_TIMESTAMP, ts.data(), 0, ts_ind.data());
    b(7, SQL_C_BIT, boolean.data(), 0, bool_ind.data());
    b(8, SQL_C_TYPE_DATE, date.data(), 0, date_ind.data());
  }

  void accumulate(Checksum& c, std::size_t r) const {
    ++c.rows;
    if (id_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_id(id[r]);
    if (int8_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_int8(int8[r]);
    if (float8_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_float8(float8[r]);
    if (numeric_ind[r] == SQL_NULL_DATA) {
      ++c.nulls;
    } else {
      std::string_view v = text_of(numeric[r].data(), numeric_ind[r], kNumericLen, "numeric");
      std::int64_t cents;
      if (!parse_cents(v, cents)) bad_value("numeric", v);
      c.add_numeric_cents(cents);
    }
    if (text_ind[r] == SQL_NULL_DATA) {
      ++c.nulls;
    } else {
      std::string_view v = text_of(text[r].data(), text_ind[r], kTextLen, "text");
      c.add_text(v.data(), v.size());
    }
    if (ts_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_timestamp_us(timestamp_us(ts[r]));
    if (bool_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_bool(boolean[r] != 0);
    if (date_ind[r] == SQL_NULL_DATA)
      ++c.nulls;
    else
      c.add_date_days(date_days(date[r]));
  }

  static std::string_view text_of(const char* p, SQLLEN ind, std::size_t cap, const char* what) {
    if (ind < 0 || static_cast<std::size_t>(ind) >= cap) {
      throw std::runtime_error(std::string(what) + " value truncated or without length (" +
                               std::to_string(ind) + ")");
    }
    return {p, static_cast<std::size_t>(ind)};
  }
};

void exec_direct(SQLHSTMT st, const std::string& sql) {
  std::string s = sql;
  check(SQLExecDirect(st, reinterpret_cast<SQLCHAR*>(s.data()), SQL_NTS), SQL_HANDLE_STMT, st,
        "SQLExecDirect");
}

void close_cursor(SQLHSTMT st) {
  check(SQLFreeStmt(st, SQL_CLOSE), SQL_HANDLE_STMT, st, "SQLFreeStmt(SQL_CLOSE)");
}

void set_stmt_attr(SQLHSTMT st, SQLINTEGER attr, SQLPOINTER value, const char* what) {
  check(SQLSetStmtAttr(st, attr, value, 0), SQL_HANDLE_STMT, st, what);
}

std::string select_all(const CaseParams& p) {
  return std::string("SELECT ") + kColumns + " FROM " + p.table;
}

CaseResult fetch_bound(OdbcConnection& conn, const CaseParams& p) {
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  ColumnBuffers buf(1);
  buf.bind(st.get());
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  exec_direct(st.get(), select_all(p));
  SQLRETURN rc;
  while ((rc = SQLFetch(st.get())) != SQL_NO_DATA) {
    check(rc, SQL_HANDLE_STMT, st.get(), "SQLFetch");
    buf.accumulate(r.checksum, 0);
  }
  close_cursor(st.get());
  r.seconds = m.stop();
  r.ops = static_cast<std::int64_t>(r.checksum.rows);
  return r;
}

CaseResult fetch_array(OdbcConnection& conn, const CaseParams& p) {
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  ColumnBuffers buf(kArraySize);
  SQLULEN fetched = 0;
  std::vector<SQLUSMALLINT> status(kArraySize);
  set_stmt_attr(st.get(), SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN),
                "SQLSetStmtAttr(ROW_BIND_TYPE)");
  set_stmt_attr(st.get(), SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(kArraySize),
                "SQLSetStmtAttr(ROW_ARRAY_SIZE)");
  set_stmt_attr(st.get(), SQL_ATTR_ROWS_FETCHED_PTR, &fetched, "SQLSetStmtAttr(ROWS_FETCHED_PTR)");
  set_stmt_attr(st.get(), SQL_ATTR_ROW_STATUS_PTR, status.data(), "SQLSetStmtAttr(ROW_STATUS_PTR)");
  buf.bind(st.get());
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  exec_direct(st.get(), select_all(p));
  SQLRETURN rc;
  while ((rc = SQLFetch(st.get())) != SQL_NO_DATA) {
    check(rc, SQL_HANDLE_STMT, st.get(), "SQLFetch");
    if (fetched == 0 || fetched > kArraySize) {
      throw std::runtime_error("SQLFetch reported " + std::to_string(fetched) + " rows fetched");
    }
    for (SQLULEN i = 0; i < fetched; ++i) {
      if (status[i] != SQL_ROW_SUCCESS && status[i] != SQL_ROW_SUCCESS_WITH_INFO) {
        throw std::runtime_error("row status " + std::to_string(status[i]));
      }
      buf.accumulate(r.checksum, i);
    }
  }
  close_cursor(st.get());
  r.seconds = m.stop();
  r.ops = static_cast<std::int64_t>(r.checksum.rows);
  return r;
}

CaseResult fetch_getdata(OdbcConnection& conn, const CaseParams& p) {
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  CaseResult r;
  char buf[kTextLen];
  Measurement m(p.callgrind);
  m.start();
  exec_direct(st.get(), select_all(p));
  SQLRETURN rc;
  while ((rc = SQLFetch(st.get())) != SQL_NO_DATA) {
    check(rc, SQL_HANDLE_STMT, st.get(), "SQLFetch");
    ++r.checksum.rows;
    for (int col = 1; col <= kColumnCount; ++col) {
      SQLLEN ind = 0;
      rc = SQLGetData(st.get(), static_cast<SQLUSMALLINT>(col), SQL_C_CHAR, buf, sizeof buf, &ind);
      check(rc, SQL_HANDLE_STMT, st.get(), "SQLGetData");
      if (ind == SQL_NULL_DATA) {
        ++r.checksum.nulls;
        continue;
      }
      const std::string_view v = ColumnBuffers::text_of(buf, ind, sizeof buf, "SQLGetData");
      if (!accumulate_text_value(r.checksum, col, v)) bad_value(column_name(col), v);
    }
  }
  close_cursor(st.get());
  r.seconds = m.stop();
  r.ops = static_cast<std::int64_t>(r.checksum.rows);
  return r;
}

CaseResult point_select(OdbcConnection& conn, const CaseParams& p) {
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  ColumnBuffers buf(1);
  SQLINTEGER key = 0;
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  std::string sql = select_all(p) + " WHERE id = ?";
  check(SQLPrepare(st.get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS), SQL_HANDLE_STMT,
        st.get(), "SQLPrepare");
  check(SQLBindParameter(st.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key, 0,
                         nullptr),
        SQL_HANDLE_STMT, st.get(), "SQLBindParameter");
  buf.bind(st.get());
  for (std::int64_t k = 0; k < p.count; ++k) {
    key = point_id(k, p.table_rows);
    check(SQLExecute(st.get()), SQL_HANDLE_STMT, st.get(), "SQLExecute");
    check(SQLFetch(st.get()), SQL_HANDLE_STMT, st.get(), "SQLFetch");
    buf.accumulate(r.checksum, 0);
    SQLRETURN rc = SQLFetch(st.get());
    if (rc != SQL_NO_DATA) {
      check(rc, SQL_HANDLE_STMT, st.get(), "SQLFetch");
      throw std::runtime_error("point select returned more than one row");
    }
    close_cursor(st.get());
    ++r.ops;
  }
  r.seconds = m.stop();
  return r;
}

// Column-wise parameter arrays holding the rows to insert.
struct ParamBuffers {
  explicit ParamBuffers(std::size_t n)
      : id(n),
        int8(n),
        float8(n),
        numeric(n),
        text(n),
        ts(n),
        boolean(n),
        date(n),
        numeric_ind(n, SQL_NTS),
        text_ind(n, SQL_NTS) {}
  std::vector<SQLINTEGER> id;
  std::vector<SQLBIGINT> int8;
  std::vector<SQLDOUBLE> float8;
  std::vector<std::array<char, 24>> numeric;
  std::vector<std::array<char, 41>> text;
  std::vector<SQL_TIMESTAMP_STRUCT> ts;
  std::vector<unsigned char> boolean;
  std::vector<SQL_DATE_STRUCT> date;
  std::vector<SQLLEN> numeric_ind, text_ind;

  void set(std::size_t k, const Row& row) {
    id[k] = row.id;
    int8[k] = row.int8;
    float8[k] = row.float8;
    const std::string n = cents_text(row.cents);
    std::memcpy(numeric[k].data(), n.c_str(), n.size() + 1);
    text[k] = row.text;
    std::int64_t secs = row.ts_us / 1000000;
    const std::int64_t days = secs / 86400, sod = secs % 86400;  // all values are after 1970
    int y;
    unsigned mo, d;
    civil_from_days(days, y, mo, d);
    ts[k] = SQL_TIMESTAMP_STRUCT{static_cast<SQLSMALLINT>(y),
                                 static_cast<SQLUSMALLINT>(mo),
                                 static_cast<SQLUSMALLINT>(d),
                                 static_cast<SQLUSMALLINT>(sod / 3600),
                                 static_cast<SQLUSMALLINT>(sod / 60 % 60),
                                 static_cast<SQLUSMALLINT>(sod % 60),
                                 static_cast<SQLUINTEGER>(row.ts_us % 1000000 * 1000)};
    boolean[k] = row.boolean ? 1 : 0;
    civil_from_days(row.date_days, y, mo, d);
    date[k] = SQL_DATE_STRUCT{static_cast<SQLSMALLINT>(y), static_cast<SQLUSMALLINT>(mo),
                              static_cast<SQLUSMALLINT>(d)};
  }

  void copy_row(std::size_t to, const ParamBuffers& from, std::size_t k) {
    id[to] = from.id[k];
    int8[to] = from.int8[k];
    float8[to] = from.float8[k];
    numeric[to] = from.numeric[k];
    text[to] = from.text[k];
    ts[to] = from.ts[k];
    boolean[to] = from.boolean[k];
    date[to] = from.date[k];
  }

  // Binds parameter 1..8 to the rows starting at `first`.
  void bind(SQLHSTMT st, std::size_t first) {
    auto b = [&](SQLUSMALLINT n, SQLSMALLINT ctype, SQLSMALLINT sqltype, SQLULEN size,
                 SQLSMALLINT digits, void* p, SQLLEN len, SQLLEN* ind) {
      check(SQLBindParameter(st, n, SQL_PARAM_INPUT, ctype, sqltype, size, digits, p, len, ind),
            SQL_HANDLE_STMT, st, "SQLBindParameter");
    };
    b(1, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id[first], 0, nullptr);
    b(2, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &int8[first], 0, nullptr);
    b(3, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &float8[first], 0, nullptr);
    b(4, SQL_C_CHAR, SQL_NUMERIC, 12, 2, numeric[first].data(), 24, &numeric_ind[first]);
    b(5, SQL_C_CHAR, SQL_VARCHAR, 40, 0, text[first].data(), 41, &text_ind[first]);
    b(6, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &ts[first], 0, nullptr);
    b(7, SQL_C_BIT, SQL_BIT, 0, 0, &boolean[first], 0, nullptr);
    b(8, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &date[first], 0, nullptr);
  }
};

ParamBuffers make_insert_rows(std::int64_t count) {
  ParamBuffers rows(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    rows.set(static_cast<std::size_t>(i), make_row(static_cast<std::int32_t>(i + 1)));
  }
  return rows;
}

std::string insert_sql(const CaseParams& p) {
  return "INSERT INTO " + p.insert_table + " (" + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
}

CaseResult insert_loop(OdbcConnection& conn, const CaseParams& p) {
  ParamBuffers all = make_insert_rows(p.count);
  ParamBuffers one(1);
  conn.set_autocommit(false);
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  std::string sql = insert_sql(p);
  check(SQLPrepare(st.get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS), SQL_HANDLE_STMT,
        st.get(), "SQLPrepare");
  one.bind(st.get(), 0);
  for (std::int64_t i = 0; i < p.count; ++i) {
    one.copy_row(0, all, static_cast<std::size_t>(i));
    check(SQLExecute(st.get()), SQL_HANDLE_STMT, st.get(), "SQLExecute");
    ++r.ops;
  }
  conn.commit();
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

CaseResult insert_array(OdbcConnection& conn, const CaseParams& p) {
  ParamBuffers all = make_insert_rows(p.count);
  conn.set_autocommit(false);
  OdbcHandle st(SQL_HANDLE_STMT, conn.dbc());
  SQLULEN processed = 0;
  std::vector<SQLUSMALLINT> status(kArraySize);
  set_stmt_attr(st.get(), SQL_ATTR_PARAM_BIND_TYPE,
                reinterpret_cast<SQLPOINTER>(SQL_PARAM_BIND_BY_COLUMN),
                "SQLSetStmtAttr(PARAM_BIND_TYPE)");
  set_stmt_attr(st.get(), SQL_ATTR_PARAMS_PROCESSED_PTR, &processed,
                "SQLSetStmtAttr(PARAMS_PROCESSED_PTR)");
  set_stmt_attr(st.get(), SQL_ATTR_PARAM_STATUS_PTR, status.data(),
                "SQLSetStmtAttr(PARAM_STATUS_PTR)");
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  std::string sql = insert_sql(p);
  check(SQLPrepare(st.get(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS), SQL_HANDLE_STMT,
        st.get(), "SQLPrepare");
  SQLULEN current = 0;
  for (std::int64_t first = 0; first < p.count;) {
    const SQLULEN n = static_cast<SQLULEN>(std::min<std::int64_t>(kArraySize, p.count - first));
    if (n != current) {
      set_stmt_attr(st.get(), SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(n),
                    "SQLSetStmtAttr(PARAMSET_SIZE)");
      current = n;
    }
    all.bind(st.get(), static_cast<std::size_t>(first));
    check(SQLExecute(st.get()), SQL_HANDLE_STMT, st.get(), "SQLExecute");
    if (processed != n) {
      throw std::runtime_error("SQLExecute processed " + std::to_string(processed) + " of " +
                               std::to_string(n) + " parameter rows");
    }
    for (SQLULEN i = 0; i < n; ++i) {
      if (status[i] != SQL_PARAM_SUCCESS && status[i] != SQL_PARAM_SUCCESS_WITH_INFO) {
        throw std::runtime_error("parameter row status " + std::to_string(status[i]));
      }
    }
    first += static_cast<std::int64_t>(n);
    r.ops += static_cast<std::int64_t>(n);
  }
  conn.commit();
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

CaseResult connect_loop(const std::string& connection_string, const CaseParams& p) {
  // A connection held open for the whole loop keeps the driver manager from unloading and
  // reloading the driver library each time: the case measures connecting, not dlopen().
  OdbcConnection keeper(connection_string);
  CaseResult r;
  std::string cs = connection_string;
  Measurement m(p.callgrind);
  m.start();
  for (std::int64_t i = 0; i < p.count; ++i) {
    OdbcHandle dbc(SQL_HANDLE_DBC, keeper.env());
    SQLCHAR out[1024];
    SQLSMALLINT out_len = 0;
    check(SQLDriverConnect(dbc.get(), nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, out,
                           sizeof out, &out_len, SQL_DRIVER_NOPROMPT),
          SQL_HANDLE_DBC, dbc.get(), "SQLDriverConnect");
    check(SQLDisconnect(dbc.get()), SQL_HANDLE_DBC, dbc.get(), "SQLDisconnect");
    ++r.ops;
  }
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

}  // namespace

CaseResult run_odbc_case(const std::string& connection_string, const CaseParams& p) {
  if (p.id == CaseId::kConnect) return connect_loop(connection_string, p);
  OdbcConnection conn(connection_string);
  // Timestamps are compared as UTC instants; make the session say so whatever the server default.
  conn.exec("SET TIME ZONE 'UTC'");
  switch (p.id) {
    case CaseId::kFetchBound:
      return fetch_bound(conn, p);
    case CaseId::kFetchArray:
      return fetch_array(conn, p);
    case CaseId::kFetchGetData:
      return fetch_getdata(conn, p);
    case CaseId::kPointSelect:
      return point_select(conn, p);
    case CaseId::kInsertLoop:
      return insert_loop(conn, p);
    case CaseId::kInsertArray:
      return insert_array(conn, p);
    default:
      throw std::runtime_error(std::string("case ") + case_name(p.id) + " has no ODBC form");
  }
}

}  // namespace pgw::bench
