#include "dataset.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "checksum.hpp"

namespace pgw::bench {
namespace {

constexpr std::int64_t kTsBaseUs = 1577836800LL * 1000000;  // 2020-01-01 00:00:00 UTC
constexpr std::int64_t kTsStepUs = 37000001;
constexpr std::int64_t kDateBase = 10957;  // 2000-01-01

void md5_hex(const std::string& in, char out[33]) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(in.data(), in.size(), digest, &len, EVP_md5(), nullptr) != 1 || len != 16) {
    throw std::runtime_error("MD5 unavailable in OpenSSL");
  }
  static const char* hex = "0123456789abcdef";
  for (unsigned i = 0; i < 16; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[32] = '\0';
}

}  // namespace

std::string setup_functions_sql(const Names& n) {
  // Every expression here has a C++ twin in make_row(); the float8 factors are exact literals so
  // both sides round identically.
  return "CREATE OR REPLACE FUNCTION " + n.gen() +
         "(lo int4, hi int4)\n"
         "RETURNS TABLE (id int4, c_int8 int8, c_float8 float8, c_numeric numeric, c_text text,\n"
         "               c_ts timestamptz, c_bool bool, c_date date)\n"
         "LANGUAGE sql IMMUTABLE AS $$\n"
         "  SELECT i,\n"
         "         i::int8 * 3000000007 * (1 - 2 * (i % 2)),\n"
         "         i::float8 / 7::float8 * (CASE i % 3 WHEN 0 THEN 0.001::float8 WHEN 1 THEN "
         "1::float8 ELSE -100000::float8 END),\n"
         "         ((((i::int8 * 7919) % 10000000000) * (1 - 2 * (i % 5 = 0)::int))::numeric / "
         "100)::numeric(12,2),\n"
         "         substr(md5(i::text) || md5((i + 1)::text), 1, 20 + i % 21),\n"
         "         timestamptz '2020-01-01 00:00:00+00' + (i::int8 * 37000001) * interval '1 "
         "microsecond',\n"
         "         i % 3 = 0,\n"
         "         date '2000-01-01' + (i % 20000)\n"
         "  FROM generate_series(lo, hi) AS i\n"
         "$$;\n"
         "CREATE OR REPLACE FUNCTION " +
         n.mod64() +
         "(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$\n"
         "  SELECT trunc(((coalesce(x, 0) % 18446744073709551616) + 18446744073709551616) % "
         "18446744073709551616)\n"
         "$$;\n";
}

std::string create_table_sql(const std::string& table, bool primary_key) {
  return "CREATE TABLE " + table + " (id int4" + (primary_key ? " PRIMARY KEY" : " NOT NULL") +
         ", c_int8 int8, c_float8 float8, c_numeric numeric(12,2), c_text text, c_ts timestamptz, "
         "c_bool bool, c_date date)";
}

std::string aggregates_sql(const Names& n, const std::string& source) {
  const std::string m = n.mod64();
  return "SELECT count(*), "
         "count(*) * 8 - count(id) - count(c_int8) - count(c_float8) - count(c_numeric) - "
         "count(c_text) - count(c_ts) - count(c_bool) - count(c_date), " +
         m + "(sum(id::numeric)), " + m + "(sum(c_int8::numeric)), " + m +
         "(sum(('x' || encode(float8send(c_float8), 'hex'))::bit(64)::int8::numeric)), " + m +
         "(sum(c_numeric * 100)), coalesce(sum(octet_length(c_text)), 0), " + m +
         "(sum(extract(epoch FROM c_ts) * 1000000)), count(*) FILTER (WHERE c_bool), " + m +
         "(sum(c_date - date '1970-01-01')) FROM " + source;
}

std::string point_ids_source_sql(const Names& n, const std::string& table, std::int64_t queries,
                                 std::int64_t rows) {
  (void)n;
  // A join, not IN: an id asked for twice must count twice.
  return "(SELECT d.* FROM generate_series(0, " + std::to_string(queries - 1) + ") AS k JOIN " +
         table + " AS d ON d.id = (k::int8 * 7919) % " + std::to_string(rows) + " + 1) AS p";
}

Row make_row(std::int32_t i) {
  Row r{};
  r.id = i;
  r.int8 = static_cast<std::int64_t>(i) * 3000000007LL * (1 - 2 * (i % 2));
  const double factor = i % 3 == 0 ? 0.001 : i % 3 == 1 ? 1.0 : -100000.0;
  r.float8 = static_cast<double>(i) / 7.0 * factor;
  r.cents = (static_cast<std::int64_t>(i) * 7919) % 10000000000LL * (i % 5 == 0 ? -1 : 1);
  char a[33], b[33];
  md5_hex(std::to_string(i), a);
  md5_hex(std::to_string(static_cast<std::int64_t>(i) + 1), b);
  const unsigned len = 20 + static_cast<unsigned>(i % 21);
  std::string both = std::string(a) + b;
  std::memcpy(r.text.data(), both.data(), len);
  r.text[len] = '\0';
  r.text_len = static_cast<std::uint8_t>(len);
  r.ts_us = kTsBaseUs + static_cast<std::int64_t>(i) * kTsStepUs;
  r.boolean = i % 3 == 0;
  r.date_days = kDateBase + i % 20000;
  return r;
}

std::string cents_text(std::int64_t cents) {
  const std::uint64_t a = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : cents;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", cents < 0 ? "-" : "",
                static_cast<unsigned long long>(a / 100), static_cast<unsigned long long>(a % 100));
  return buf;
}

std::string timestamp_text(std::int64_t us) {
  std::int64_t secs = us / 1000000, frac = us % 1000000;
  if (frac < 0) frac += 1000000, secs -= 1;
  std::int64_t days = secs / 86400, sod = secs % 86400;
  if (sod < 0) sod += 86400, days -= 1;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%06d+00", y, m, d,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60), static_cast<int>(frac));
  return buf;
}

std::string date_text(std::int64_t days) {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace pgw::bench
