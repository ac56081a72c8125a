#include "convert/datetime_text.hpp"

#include <cctype>
#include <cstdio>

#include "common/error.hpp"

namespace pgw::convert {
namespace {

bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // A run of digits (at least min, at most max); -1 if fewer than min.
  long number(std::size_t min, std::size_t max) {
    std::size_t n = 0;
    long v = 0;
    while (n < max && digit(peek())) {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    return n < min ? -1 : v;
  }
  std::size_t count_digits() const {
    std::size_t n = 0;
    while (digit(peek(n))) ++n;
    return n;
  }
  void skip_spaces() {
    while (peek() == ' ') ++i_;
  }
  std::string_view rest() const { return s_.substr(i_); }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

[[noreturn]] void bad(std::string_view text) {
  throw DriverError("22018",
                    "'" + std::string(text.substr(0, 64)) + "' is not a valid date or time");
}

bool read_time(Reader& r, DateTime& dt) {
  long h = r.number(1, 2);
  if (h < 0 || !r.eat(':')) return false;
  long m = r.number(2, 2);
  if (m < 0) return false;
  long s = 0;
  if (r.eat(':')) {
    s = r.number(2, 2);
    if (s < 0) return false;
  }
  std::uint32_t fraction = 0;
  if (r.eat('.')) {
    std::uint32_t scale = 100000000;
    std::size_t n = 0;
    while (digit(r.peek())) {
      long d = r.number(1, 1);
      if (n++ < 9) {
        fraction += std::uint32_t(d) * scale;
        scale /= 10;
      }
    }
    if (n == 0) return false;
  }
  if (h > 24 || m > 59 || s > 60) return false;
  dt.hour = unsigned(h);
  dt.minute = unsigned(m);
  dt.second = unsigned(s);
  dt.fraction = fraction;
  dt.has_time = true;
  // A zone offset ("+05", "-08:00", "+05:30:15", "Z") is accepted and not applied.
  if (r.peek() == '+' || r.peek() == '-') {
    r.eat(r.peek());
    if (r.number(1, 2) < 0) return false;
    while (r.eat(':'))
      if (r.number(2, 2) < 0) return false;
  } else {
    r.eat('Z');
  }
  return true;
}

}  // namespace

DateTime parse_datetime(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text == "infinity" || text == "-infinity" || text == "+infinity")
    throw DriverError("22007", "the value '" + std::string(text) +
                                   "' has no ODBC date/time representation; fetch it as text");
  DateTime dt;
  Reader r(text);
  if (r.count_digits() >= 3 && r.peek(r.count_digits()) == '-') {
    long y = r.number(1, 9);
    r.eat('-');
    long mo = r.number(1, 2);
    if (mo < 1 || mo > 12 || !r.eat('-')) bad(text);
    long d = r.number(1, 2);
    if (d < 1 || d > 31) bad(text);
    dt.year = int(y);
    dt.month = unsigned(mo);
    dt.day = unsigned(d);
    dt.has_date = true;
    if (r.peek() == ' ' || r.peek() == 'T') {
      if (r.peek() == 'T' || digit(r.peek(1))) {
        r.eat(r.peek());
        if (!read_time(r, dt)) bad(text);
      }
    }
  } else if (!read_time(r, dt)) {
    bad(text);
  }
  r.skip_spaces();
  if (r.rest() == "BC") {
    if (!dt.has_date) bad(text);
    dt.year = 1 - dt.year;
  } else if (!r.done()) {
    bad(text);
  }
  if (dt.has_date && (dt.year < -32768 || dt.year > 32767))
    throw DriverError(
        "22008", "the year of '" + std::string(text) + "' does not fit an ODBC date structure");
  return dt;
}

std::string format_date(const SQL_DATE_STRUCT& d) {
  char buffer[48];
  int year = d.year;
  bool bc = year <= 0;
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u%s", bc ? 1 - year : year, unsigned(d.month),
                unsigned(d.day), bc ? " BC" : "");
  return buffer;
}

std::string format_time(const SQL_TIME_STRUCT& t) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02u:%02u:%02u", unsigned(t.hour), unsigned(t.minute),
                unsigned(t.second));
  return buffer;
}

std::string format_timestamp(const SQL_TIMESTAMP_STRUCT& t) {
  char buffer[80];
  int year = t.year;
  bool bc = year <= 0;
  int n = std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02u:%02u:%02u",
                        bc ? 1 - year : year, unsigned(t.month), unsigned(t.day), unsigned(t.hour),
                        unsigned(t.minute), unsigned(t.second));
  std::string out(buffer, std::size_t(n));
  if (t.fraction != 0) {
    char fraction[16];
    std::snprintf(fraction, sizeof fraction, ".%09u", unsigned(t.fraction % 1000000000u));
    std::string f(fraction);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  if (bc) out += " BC";
  return out;
}

}  // namespace pgw::convert
