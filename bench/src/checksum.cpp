#include "checksum.hpp"

#include <charconv>
#include <cstring>
#include <initializer_list>
#include <utility>

namespace pgw::bench {
namespace {

struct Field {
  const char* name;
  std::uint64_t Checksum::*member;
};

constexpr Field kFields[] = {
    {"rows", &Checksum::rows},
    {"nulls", &Checksum::nulls},
    {"id", &Checksum::id},
    {"int8", &Checksum::int8},
    {"float8", &Checksum::float8},
    {"numeric", &Checksum::numeric},
    {"text_len", &Checksum::text_len},
    {"text_hash", &Checksum::text_hash},
    {"timestamptz", &Checksum::timestamptz},
    {"bool", &Checksum::boolean},
    {"date", &Checksum::date},
};

bool digits(std::string_view s, std::size_t pos, std::size_t n, std::int64_t& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

void Checksum::add_float8(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  float8 += bits;
}

void Checksum::add_text(const char* p, std::size_t n) {
  text_len += n;
  text_hash += pgw::bench::text_hash(p, n);
}

std::string Checksum::serialize() const {
  std::string out;
  for (const Field& f : kFields) {
    if (!out.empty()) out += ',';
    out += f.name;
    out += '=';
    out += std::to_string(this->*f.member);
  }
  return out;
}

std::optional<Checksum> Checksum::parse(std::string_view s) {
  Checksum c;
  for (const Field& f : kFields) {
    std::string_view key = f.name;
    if (s.substr(0, key.size()) != key || s.size() <= key.size() || s[key.size()] != '=') {
      return std::nullopt;
    }
    s.remove_prefix(key.size() + 1);
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), c.*f.member);
    if (ec != std::errc()) return std::nullopt;
    s.remove_prefix(static_cast<std::size_t>(ptr - s.data()));
    if (!s.empty()) {
      if (s[0] != ',') return std::nullopt;
      s.remove_prefix(1);
    }
  }
  if (!s.empty()) return std::nullopt;
  return c;
}

std::vector<std::string> Checksum::mismatches(const Checksum& expected, bool with_text_hash) const {
  std::vector<std::string> out;
  for (const Field& f : kFields) {
    if (!with_text_hash && f.member == &Checksum::text_hash) continue;
    if (this->*f.member != expected.*f.member) out.emplace_back(f.name);
  }
  return out;
}

std::uint64_t text_hash(const char* p, std::size_t n) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = 0x243F6A8885A308D3ULL ^ (n * kMul);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  for (std::size_t i = 0; i < n; ++i)
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  h = (h ^ tail) * kMul;
  h ^= h >> 32;
  return h;
}

// The era-based (400-year cycle) day-number conversion, exact over the whole int64 range we use.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

bool parse_int(std::string_view s, std::int64_t& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool parse_cents(std::string_view s, std::int64_t& out) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  std::int64_t whole = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] < '0' || s[i] > '9' || whole > 900000000000000000LL) return false;
    whole = whole * 10 + (s[i] - '0');
  }
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < s.size()) {
    for (++i; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (frac_digits < 2) {
        frac = frac * 10 + (s[i] - '0');
        ++frac_digits;
      } else if (s[i] != '0') {
        return false;  // more precision than numeric(12,2) can hold
      }
    }
  }
  while (frac_digits < 2) {
    frac *= 10;
    ++frac_digits;
  }
  out = (whole * 100 + frac) * (neg ? -1 : 1);
  return true;
}

bool parse_bool(std::string_view s, bool& out) {
  for (std::string_view t : {"1", "t", "true", "T", "TRUE"}) {
    if (s == t) return out = true, true;
  }
  for (std::string_view f : {"0", "f", "false", "F", "FALSE"}) {
    if (s == f) return out = false, true;
  }
  return false;
}

bool parse_date_days(std::string_view s, std::int64_t& out) {
  std::int64_t y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d)) {
    return false;
  }
  out = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

bool parse_timestamp_us(std::string_view s, std::int64_t& out) {
  std::int64_t days, hh, mi, ss;
  if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' ||
      !parse_date_days(s.substr(0, 10), days) || !digits(s, 11, 2, hh) || !digits(s, 14, 2, mi) ||
      !digits(s, 17, 2, ss)) {
    return false;
  }
  std::size_t i = 19;
  std::int64_t frac_us = 0;
  if (i < s.size() && s[i] == '.') {
    int n = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++n) {
      if (n < 6) {
        frac_us = frac_us * 10 + (s[i] - '0');
      } else if (s[i] != '0') {
        return false;  // sub-microsecond digits: not something PostgreSQL stores
      }
    }
    if (n == 0) return false;
    for (; n < 6; ++n) frac_us *= 10;
  }
  std::int64_t offset_s = 0;
  if (i < s.size()) {
    if (s[i] != '+' && s[i] != '-') return false;
    const int sign = s[i] == '-' ? -1 : 1;
    std::int64_t oh, om = 0;
    if (!digits(s, i + 1, 2, oh)) return false;
    i += 3;
    if (i < s.size()) {
      if (s[i] == ':') ++i;
      if (!digits(s, i, 2, om)) return false;
      i += 2;
    }
    if (i != s.size()) return false;
    offset_s = sign * (oh * 3600 + om * 60);
  }
  out = ((days * 86400 + hh * 3600 + mi * 60 + ss - offset_s) * 1000000) + frac_us;
  return true;
}

bool accumulate_text_value(Checksum& c, int column, std::string_view v) {
  std::int64_t i;
  double d;
  bool b;
  switch (column) {
    case 1:
      return parse_int(v, i) && (c.add_id(i), true);
    case 2:
      return parse_int(v, i) && (c.add_int8(i), true);
    case 3:
      return parse_double(v, d) && (c.add_float8(d), true);
    case 4:
      return parse_cents(v, i) && (c.add_numeric_cents(i), true);
    case 5:
      c.add_text(v.data(), v.size());
      return true;
    case 6:
      return parse_timestamp_us(v, i) && (c.add_timestamp_us(i), true);
    case 7:
      return parse_bool(v, b) && (c.add_bool(b), true);
    case 8:
      return parse_date_days(v, i) && (c.add_date_days(i), true);
    default:
      return false;
  }
}

const char* column_name(int column) {
  static const char* const names[] = {"id",     "c_int8", "c_float8", "c_numeric",
                                      "c_text", "c_ts",   "c_bool",   "c_date"};
  return column >= 1 && column <= 8 ? names[column - 1] : "?";
}

}  // namespace pgw::bench
