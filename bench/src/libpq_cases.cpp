// The same cases over libpq, as close to the wire limit as libpq goes: binary results in
// single-row mode, pipelined and COPY inserts, binary parameters.

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "case.hpp"
#include "dataset.hpp"
#include "measure.hpp"
#include "pq_util.hpp"

namespace pgw::bench {
namespace {

constexpr std::int64_t kPgEpochUs = 946684800LL * 1000000;  // 2000-01-01 in Unix microseconds
constexpr std::int64_t kPgEpochDays = 10957;
constexpr int kBatch = 1000;
constexpr Oid kOids[kColumnCount] = {23, 20, 701, 1700, 25, 1184, 16, 1082};

std::uint16_t be16(const char* p) {
  std::uint16_t v;
  std::memcpy(&v, p, 2);
  return ntohs(v);
}
std::uint32_t be32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return ntohl(v);
}
std::uint64_t be64(const char* p) {
  return (static_cast<std::uint64_t>(be32(p)) << 32) | be32(p + 4);
}
void put32(char* p, std::uint32_t v) {
  v = htonl(v);
  std::memcpy(p, &v, 4);
}
void put64(char* p, std::uint64_t v) {
  put32(p, static_cast<std::uint32_t>(v >> 32));
  put32(p + 4, static_cast<std::uint32_t>(v));
}

[[noreturn]] void bad(const char* what) {
  throw std::runtime_error(std::string("libpq: ") + what);
}

// numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits.
std::int64_t numeric_cents(const char* p, int len) {
  if (len < 8) bad("short numeric");
  const int ndigits = static_cast<std::int16_t>(be16(p));
  const int weight = static_cast<std::int16_t>(be16(p + 2));
  const std::uint16_t sign = be16(p + 4);
  if (sign != 0 && sign != 0x4000) bad("numeric NaN or infinity");
  if (len != 8 + 2 * ndigits) bad("numeric length");
  std::int64_t cents = 0;
  for (int i = 0; i < ndigits; ++i) {
    const std::int64_t d = be16(p + 8 + 2 * i);
    const int exponent = weight - i;
    if (exponent >= 0) {
      std::int64_t v = d * 100;
      for (int e = 0; e < exponent; ++e) v *= 10000;
      cents += v;
    } else if (exponent == -1) {
      if (d % 100 != 0) bad("numeric with more than 2 decimals");
      cents += d / 100;
    } else if (d != 0) {
      bad("numeric with more than 2 decimals");
    }
  }
  return sign == 0x4000 ? -cents : cents;
}

void accumulate_binary_row(Checksum& c, const PGresult* r, int row) {
  ++c.rows;
  for (int col = 0; col < kColumnCount; ++col) {
    if (PQgetisnull(r, row, col)) {
      ++c.nulls;
      continue;
    }
    const char* v = PQgetvalue(r, row, col);
    const int len = PQgetlength(r, row, col);
    auto need = [&](int n) {
      if (len != n) bad("unexpected binary length");
    };
    switch (col) {
      case 0:
        need(4);
        c.add_id(static_cast<std::int32_t>(be32(v)));
        break;
      case 1:
        need(8);
        c.add_int8(static_cast<std::int64_t>(be64(v)));
        break;
      case 2: {
        need(8);
        const std::uint64_t bits = be64(v);
        double d;
        std::memcpy(&d, &bits, 8);
        c.add_float8(d);
        break;
      }
      case 3:
        c.add_numeric_cents(numeric_cents(v, len));
        break;
      case 4:
        c.add_text(v, static_cast<std::size_t>(len));
        break;
      case 5:
        need(8);
        c.add_timestamp_us(static_cast<std::int64_t>(be64(v)) + kPgEpochUs);
        break;
      case 6:
        need(1);
        c.add_bool(v[0] != 0);
        break;
      case 7:
        need(4);
        c.add_date_days(static_cast<std::int32_t>(be32(v)) + kPgEpochDays);
        break;
    }
  }
}

void check_types(const PGresult* r) {
  if (PQnfields(r) != kColumnCount) bad("unexpected column count");
  for (int i = 0; i < kColumnCount; ++i) {
    if (PQftype(r, i) != kOids[i]) bad("unexpected column type");
  }
}

std::string select_all(const CaseParams& p) {
  return std::string("SELECT ") + kColumns + " FROM " + p.table;
}

CaseResult fetch_single_row(PgConnection& conn, const CaseParams& p) {
  PGconn* c = conn.get();
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  const std::string sql = select_all(p);
  if (!PQsendQueryParams(c, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 1)) {
    bad(PQerrorMessage(c));
  }
  if (!PQsetSingleRowMode(c)) bad("PQsetSingleRowMode failed");
  bool typed = false, done = false;
  while (PGresult* raw = PQgetResult(c)) {
    PgResult res(raw);
    const ExecStatusType s = PQresultStatus(raw);
    if (s == PGRES_SINGLE_TUPLE) {
      if (!typed) check_types(raw), typed = true;
      accumulate_binary_row(r.checksum, raw, 0);
    } else if (s == PGRES_TUPLES_OK) {
      done = true;
    } else {
      expect_status(raw, PGRES_TUPLES_OK, "single-row fetch", c);
    }
  }
  if (!done) bad("result did not complete");
  r.seconds = m.stop();
  r.ops = static_cast<std::int64_t>(r.checksum.rows);
  return r;
}

CaseResult point_select(PgConnection& conn, const CaseParams& p) {
  PGconn* c = conn.get();
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  const std::string sql = select_all(p) + " WHERE id = $1";
  const Oid int4 = 23;
  PgResult prep(PQprepare(c, "point", sql.c_str(), 1, &int4));
  expect_status(prep.get(), PGRES_COMMAND_OK, "PQprepare", c);
  char key[4];
  const char* values[1] = {key};
  const int lengths[1] = {4};
  const int formats[1] = {1};
  for (std::int64_t k = 0; k < p.count; ++k) {
    put32(key, static_cast<std::uint32_t>(point_id(k, p.table_rows)));
    PgResult res(PQexecPrepared(c, "point", 1, values, lengths, formats, 1));
    expect_status(res.get(), PGRES_TUPLES_OK, "PQexecPrepared", c);
    if (PQntuples(res.get()) != 1) bad("point select did not return exactly one row");
    if (k == 0) check_types(res.get());
    accumulate_binary_row(r.checksum, res.get(), 0);
    ++r.ops;
  }
  r.seconds = m.stop();
  return r;
}

// One row's parameters: binary where the format is simple, text for numeric and text.
struct EncodedRow {
  char id[4], int8[8], float8[8], ts[8], boolean[1], date[4];
  char numeric[24];
  const char* values[kColumnCount];
  int lengths[kColumnCount];

  void set(const Row& row) {
    put32(id, static_cast<std::uint32_t>(row.id));
    put64(int8, static_cast<std::uint64_t>(row.int8));
    std::uint64_t bits;
    std::memcpy(&bits, &row.float8, 8);
    put64(float8, bits);
    put64(ts, static_cast<std::uint64_t>(row.ts_us - kPgEpochUs));
    boolean[0] = row.boolean ? 1 : 0;
    put32(date, static_cast<std::uint32_t>(row.date_days - kPgEpochDays));
    const std::string n = cents_text(row.cents);
    std::memcpy(numeric, n.c_str(), n.size() + 1);
    const char* v[kColumnCount] = {id, int8, float8, numeric, row.text.data(), ts, boolean, date};
    const int l[kColumnCount] = {4, 8, 8, static_cast<int>(n.size()), row.text_len, 8, 1, 4};
    for (int i = 0; i < kColumnCount; ++i) values[i] = v[i], lengths[i] = l[i];
  }
};
constexpr int kParamFormats[kColumnCount] = {1, 1, 1, 0, 0, 1, 1, 1};

std::vector<Row> make_rows(std::int64_t count) {
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 1; i <= count; ++i) rows.push_back(make_row(static_cast<std::int32_t>(i)));
  return rows;
}

std::string insert_sql(const CaseParams& p) {
  return "INSERT INTO " + p.insert_table + " (" + kColumns +
         ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
}

void prepare_insert(PGconn* c, const CaseParams& p) {
  PgResult prep(PQprepare(c, "ins", insert_sql(p).c_str(), kColumnCount, kOids));
  expect_status(prep.get(), PGRES_COMMAND_OK, "PQprepare", c);
}

CaseResult insert_loop(PgConnection& conn, const CaseParams& p) {
  PGconn* c = conn.get();
  const std::vector<Row> rows = make_rows(p.count);
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  prepare_insert(c, p);
  conn.exec("BEGIN");
  EncodedRow e;
  for (const Row& row : rows) {
    e.set(row);
    PgResult res(PQexecPrepared(c, "ins", kColumnCount, e.values, e.lengths, kParamFormats, 0));
    expect_status(res.get(), PGRES_COMMAND_OK, "PQexecPrepared(INSERT)", c);
    ++r.ops;
  }
  conn.exec("COMMIT");
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

// Reads the results of `queries` pipelined commands and the sync that follows them.
void drain_pipeline(PGconn* c, int queries) {
  for (int i = 0; i < queries; ++i) {
    PgResult res(PQgetResult(c));
    expect_status(res.get(), PGRES_COMMAND_OK, "pipelined command", c);
    if (PQgetResult(c) != nullptr) bad("pipeline: more than one result for a command");
  }
  PgResult sync(PQgetResult(c));
  expect_status(sync.get(), PGRES_PIPELINE_SYNC, "pipeline sync", c);
}

CaseResult insert_pipeline(PgConnection& conn, const CaseParams& p) {
  PGconn* c = conn.get();
  const std::vector<Row> rows = make_rows(p.count);
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  prepare_insert(c, p);
  if (!PQenterPipelineMode(c)) bad("PQenterPipelineMode failed");
  if (!PQsendQueryParams(c, "BEGIN", 0, nullptr, nullptr, nullptr, nullptr, 0)) bad("send BEGIN");
  int pending = 1;
  EncodedRow e;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    e.set(rows[i]);
    if (!PQsendQueryPrepared(c, "ins", kColumnCount, e.values, e.lengths, kParamFormats, 0)) {
      bad(PQerrorMessage(c));
    }
    ++pending;
    if (pending >= kBatch || i + 1 == rows.size()) {
      if (!PQpipelineSync(c)) bad("PQpipelineSync failed");
      drain_pipeline(c, pending);
      pending = 0;
    }
  }
  if (!PQsendQueryParams(c, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0)) bad("send COMMIT");
  if (!PQpipelineSync(c)) bad("PQpipelineSync failed");
  drain_pipeline(c, 1);
  if (!PQexitPipelineMode(c)) bad("PQexitPipelineMode failed");
  r.seconds = m.stop();
  r.ops = static_cast<std::int64_t>(rows.size());
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

char* put_int(char* out, std::int64_t v) {
  return std::to_chars(out, out + 24, v).ptr;
}
char* put2(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
  return out + 2;
}
char* put_date(char* out, std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  out = put2(out, static_cast<unsigned>(y / 100));
  out = put2(out, static_cast<unsigned>(y % 100));
  *out++ = '-';
  out = put2(out, m);
  *out++ = '-';
  return put2(out, d);
}

// One row in COPY's text format.
char* copy_line(char* out, const Row& row) {
  out = put_int(out, row.id);
  *out++ = '\t';
  out = put_int(out, row.int8);
  *out++ = '\t';
  out = std::to_chars(out, out + 32, row.float8).ptr;  // shortest form that reads back exactly
  *out++ = '\t';
  const std::int64_t a = row.cents < 0 ? -row.cents : row.cents;
  if (row.cents < 0) *out++ = '-';
  out = put_int(out, a / 100);
  *out++ = '.';
  out = put2(out, static_cast<unsigned>(a % 100));
  *out++ = '\t';
  std::memcpy(out, row.text.data(), row.text_len);
  out += row.text_len;
  *out++ = '\t';
  const std::int64_t secs = row.ts_us / 1000000, sod = secs % 86400;
  out = put_date(out, secs / 86400);
  *out++ = ' ';
  out = put2(out, static_cast<unsigned>(sod / 3600));
  *out++ = ':';
  out = put2(out, static_cast<unsigned>(sod / 60 % 60));
  *out++ = ':';
  out = put2(out, static_cast<unsigned>(sod % 60));
  *out++ = '.';
  const std::int64_t us = row.ts_us % 1000000;
  out = put2(out, static_cast<unsigned>(us / 10000));
  out = put2(out, static_cast<unsigned>(us / 100 % 100));
  out = put2(out, static_cast<unsigned>(us % 100));
  std::memcpy(out, "+00\t", 4);
  out += 4;
  *out++ = row.boolean ? 't' : 'f';
  *out++ = '\t';
  out = put_date(out, row.date_days);
  *out++ = '\n';
  return out;
}

CaseResult insert_copy(PgConnection& conn, const CaseParams& p) {
  PGconn* c = conn.get();
  const std::vector<Row> rows = make_rows(p.count);
  std::vector<char> buf(1 << 16);
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  const std::string sql = "COPY " + p.insert_table + " (" + kColumns + ") FROM STDIN";
  PgResult start(PQexec(c, sql.c_str()));
  expect_status(start.get(), PGRES_COPY_IN, "COPY", c);
  char* out = buf.data();
  for (const Row& row : rows) {
    if (out - buf.data() > static_cast<std::ptrdiff_t>(buf.size()) - 256) {
      if (PQputCopyData(c, buf.data(), static_cast<int>(out - buf.data())) != 1)
        bad("PQputCopyData");
      out = buf.data();
    }
    out = copy_line(out, row);
    ++r.ops;
  }
  if (out != buf.data() && PQputCopyData(c, buf.data(), static_cast<int>(out - buf.data())) != 1) {
    bad("PQputCopyData");
  }
  if (PQputCopyEnd(c, nullptr) != 1) bad("PQputCopyEnd");
  PgResult done(PQgetResult(c));
  expect_status(done.get(), PGRES_COMMAND_OK, "COPY end", c);
  while (PGresult* extra = PQgetResult(c)) PQclear(extra);
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

CaseResult connect_loop(const std::string& conninfo, const CaseParams& p) {
  CaseResult r;
  Measurement m(p.callgrind);
  m.start();
  for (std::int64_t i = 0; i < p.count; ++i) {
    PgConnection conn(conninfo);
    ++r.ops;
  }
  r.seconds = m.stop();
  r.checksum.rows = static_cast<std::uint64_t>(r.ops);
  return r;
}

}  // namespace

CaseResult run_libpq_case(const std::string& conninfo, const CaseParams& p) {
  if (p.id == CaseId::kConnect) return connect_loop(conninfo, p);
  PgConnection conn(conninfo);
  conn.exec("SET TIME ZONE 'UTC'");
  switch (p.id) {
    case CaseId::kFetchBound:
      return fetch_single_row(conn, p);
    case CaseId::kPointSelect:
      return point_select(conn, p);
    case CaseId::kInsertLoop:
      return insert_loop(conn, p);
    case CaseId::kInsertArray:
      return insert_pipeline(conn, p);
    case CaseId::kInsertCopy:
      return insert_copy(conn, p);
    default:
      throw std::runtime_error(std::string("case ") + case_name(p.id) + " has no libpq form");
  }
}

}  // namespace pgw::bench
