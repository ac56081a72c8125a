#include "convert/to_c.hpp"

#include <array>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>

#include "common/error.hpp"
#include "common/unicode.hpp"
#include "convert/bytes_text.hpp"
#include "convert/c_types.hpp"
#include "convert/datetime_text.hpp"
#include "convert/number_text.hpp"

namespace pgw::convert {
namespace {

// ---------------------------------------------------------------------------------------------
// Readers: a family's text as a number, a date/time or a GUID.

template <Family F>
Decimal read_number(std::string_view text) {
  std::optional<Decimal> d;
  if constexpr (F == Family::Boolean) {
    if (text == "t" || text == "f") {
      d = Decimal{};
      if (text == "t") d->digits = "1";
    }
  } else if constexpr (F == Family::Money) {
    d = parse_money(text);
  } else {
    d = parse_decimal(text);
  }
  if (!d)
    throw DriverError("22018", "'" + std::string(text.substr(0, 64)) + "' is not a valid number");
  return *d;
}

DateTime read_moment(std::string_view text) {
  return parse_datetime(text);
}

SQLGUID read_guid(std::string_view text) {
  auto g = parse_guid(text);
  if (!g)
    throw DriverError("22018", "'" + std::string(text.substr(0, 64)) + "' is not a valid GUID");
  return *g;
}

[[noreturn]] void out_of_range(const char* what) {
  throw DriverError("22003", std::string("the value is out of the range of ") + what);
}

template <class T>
void store(const Target& t, const T& value) {
  if (t.data != nullptr) std::memcpy(t.data, &value, sizeof value);
}

// ---------------------------------------------------------------------------------------------
// Writers: fixed-size targets from the intermediate forms.

template <class T>
Written write_integer(const Decimal& d, const Target& t, const char* name) {
  __int128 value = 0;
  bool fractional = false;
  if (!integral_part(d, value, fractional)) out_of_range(name);
  if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max())
    out_of_range(name);
  store(t, static_cast<T>(value));
  return {SQLLEN(sizeof(T)), fractional ? Outcome::Fractional : Outcome::Ok};
}

Written write_bit(const Decimal& d, const Target& t) {
  __int128 value = 0;
  bool fractional = false;
  if (!integral_part(d, value, fractional) || (d.negative && !d.is_zero()) || value > 1 ||
      (value == 1 && fractional))
    out_of_range("SQL_C_BIT");
  store(t, static_cast<unsigned char>(value));
  return {1, fractional ? Outcome::Fractional : Outcome::Ok};
}

Written write_double(const Decimal& d, const Target& t) {
  double v = 0;
  if (!to_double(d, v)) out_of_range("SQL_C_DOUBLE");
  store(t, v);
  return {SQLLEN(sizeof v), Outcome::Ok};
}

Written write_float(const Decimal& d, const Target& t) {
  float v = 0;
  if (!to_float(d, v)) out_of_range("SQL_C_FLOAT");
  store(t, v);
  return {SQLLEN(sizeof v), Outcome::Ok};
}

Written write_numeric(const Decimal& d, const Target& t) {
  unsigned __int128 magnitude = 0;
  bool fractional = false;
  if (!scaled_magnitude(d, t.scale, magnitude, fractional)) out_of_range("SQL_C_NUMERIC");
  int digits = 0;
  for (unsigned __int128 m = magnitude; m != 0; m /= 10) ++digits;
  if (t.precision > 0 && digits > t.precision) out_of_range("SQL_C_NUMERIC at this precision");
  SQL_NUMERIC_STRUCT n{};
  n.precision = static_cast<SQLCHAR>(t.precision);
  n.scale = static_cast<SQLSCHAR>(t.scale);
  n.sign = d.negative && magnitude != 0 ? 0 : 1;
  for (int i = 0; i < SQL_MAX_NUMERIC_LEN; ++i) {
    n.val[i] = static_cast<SQLCHAR>(magnitude & 0xff);
    magnitude >>= 8;
  }
  store(t, n);
  return {SQLLEN(sizeof n), fractional ? Outcome::Fractional : Outcome::Ok};
}

[[noreturn]] void not_a(const char* what) {
  throw DriverError("22018", std::string("the value is not a ") + what);
}

Written write_date(const DateTime& dt, const Target& t) {
  if (!dt.has_date) not_a("date");
  SQL_DATE_STRUCT d{static_cast<SQLSMALLINT>(dt.year), static_cast<SQLUSMALLINT>(dt.month),
                    static_cast<SQLUSMALLINT>(dt.day)};
  store(t, d);
  bool dropped = dt.hour != 0 || dt.minute != 0 || dt.second != 0 || dt.fraction != 0;
  return {SQLLEN(sizeof d), dropped ? Outcome::Fractional : Outcome::Ok};
}

Written write_time(const DateTime& dt, const Target& t) {
  if (!dt.has_time) not_a("time");
  SQL_TIME_STRUCT v{static_cast<SQLUSMALLINT>(dt.hour), static_cast<SQLUSMALLINT>(dt.minute),
                    static_cast<SQLUSMALLINT>(dt.second)};
  store(t, v);
  return {SQLLEN(sizeof v), dt.fraction != 0 ? Outcome::Fractional : Outcome::Ok};
}

Written write_timestamp(DateTime dt, const Target& t) {
  if (!dt.has_date) {  // a time of day: ODBC puts it on the current date
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    dt.year = local.tm_year + 1900;
    dt.month = unsigned(local.tm_mon + 1);
    dt.day = unsigned(local.tm_mday);
  }
  SQL_TIMESTAMP_STRUCT v{};
  v.year = static_cast<SQLSMALLINT>(dt.year);
  v.month = static_cast<SQLUSMALLINT>(dt.month);
  v.day = static_cast<SQLUSMALLINT>(dt.day);
  v.hour = static_cast<SQLUSMALLINT>(dt.hour);
  v.minute = static_cast<SQLUSMALLINT>(dt.minute);
  v.second = static_cast<SQLUSMALLINT>(dt.second);
  v.fraction = dt.fraction;
  store(t, v);
  return {SQLLEN(sizeof v), Outcome::Ok};
}

Written write_guid(const SQLGUID& g, const Target& t) {
  store(t, g);
  return {SQLLEN(sizeof g), Outcome::Ok};
}

// ---------------------------------------------------------------------------------------------
// Converters: one reader composed with one writer per (family, C type).

template <Family F, class T>
Written to_integer(std::string_view text, const Target& t) {
  return write_integer<T>(read_number<F>(text), t, "the integer target type");
}
template <Family F>
Written to_bit(std::string_view text, const Target& t) {
  return write_bit(read_number<F>(text), t);
}
template <Family F>
Written to_double(std::string_view text, const Target& t) {
  return write_double(read_number<F>(text), t);
}
template <Family F>
Written to_float(std::string_view text, const Target& t) {
  return write_float(read_number<F>(text), t);
}
template <Family F>
Written to_numeric(std::string_view text, const Target& t) {
  return write_numeric(read_number<F>(text), t);
}
Written to_date(std::string_view text, const Target& t) {
  return write_date(read_moment(text), t);
}
Written to_time(std::string_view text, const Target& t) {
  return write_time(read_moment(text), t);
}
Written to_timestamp(std::string_view text, const Target& t) {
  return write_timestamp(read_moment(text), t);
}
Written to_guid(std::string_view text, const Target& t) {
  return write_guid(read_guid(text), t);
}

// Renderings for character and binary targets.
void as_is(std::string_view text, Rendering& r) {
  r.owned = false;
  r.begin = 0;
  r.size = text.size();
}
void bool_digit(std::string_view text, Rendering& r) {
  r.owned = true;
  r.storage = text == "t" ? "1" : text == "f" ? "0" : std::string(text);
}
void bool_byte(std::string_view text, Rendering& r) {
  r.owned = true;
  r.storage = std::string(1, text == "t" ? '\1' : '\0');
}
void bytea_hex(std::string_view text, Rendering& r) {
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {  // the server's hex output, as is
    r.owned = false;
    r.begin = 2;
    r.size = text.size() - 2;
    return;
  }
  r.owned = true;
  r.storage = hex_encode(decode_bytea(text));
}
void bytea_bytes(std::string_view text, Rendering& r) {
  r.owned = true;
  r.storage = decode_bytea(text);
}
void guid_bytes(std::string_view text, Rendering& r) {
  SQLGUID g = read_guid(text);
  r.owned = true;
  r.storage.assign(reinterpret_cast<const char*>(&g), sizeof g);
}
// The UTF-16 form of a character rendering.
template <void (*Char)(std::string_view, Rendering&)>
void wide(std::string_view text, Rendering& r) {
  Rendering narrow;
  Char(text, narrow);
  std::u16string utf16 = common::utf8_to_utf16(narrow.bytes(text));
  r.owned = true;
  r.storage.assign(reinterpret_cast<const char*>(utf16.data()), utf16.size() * sizeof(char16_t));
}

using RenderFn = void (*)(std::string_view, Rendering&);
using FixedFn = Written (*)(std::string_view, const Target&);
struct Converter {
  RenderFn render = nullptr;
  FixedFn fixed = nullptr;
};

constexpr std::array<SQLSMALLINT, 19> kSlots = {
    SQL_C_CHAR,      SQL_C_WCHAR,     SQL_C_BINARY,         SQL_C_BIT,    SQL_C_STINYINT,
    SQL_C_UTINYINT,  SQL_C_SSHORT,    SQL_C_USHORT,         SQL_C_SLONG,  SQL_C_ULONG,
    SQL_C_SBIGINT,   SQL_C_UBIGINT,   SQL_C_FLOAT,          SQL_C_DOUBLE, SQL_C_NUMERIC,
    SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, SQL_C_GUID};

int slot_of(SQLSMALLINT c_type) {
  for (std::size_t i = 0; i < kSlots.size(); ++i)
    if (kSlots[i] == c_type) return int(i);
  return -1;
}

using Table = std::array<std::array<Converter, kSlots.size()>, kFamilyCount>;

class Builder {
 public:
  explicit Builder(Table& t) : t_(t) {}
  Builder& on(Family f, SQLSMALLINT c_type, RenderFn r) {
    t_[std::size_t(f)][std::size_t(slot_of(c_type))].render = r;
    return *this;
  }
  Builder& on(Family f, SQLSMALLINT c_type, FixedFn fn) {
    t_[std::size_t(f)][std::size_t(slot_of(c_type))].fixed = fn;
    return *this;
  }
  template <Family F>
  Builder& numbers() {
    on(F, SQL_C_BIT, &to_bit<F>);
    on(F, SQL_C_STINYINT, &to_integer<F, SQLSCHAR>);
    on(F, SQL_C_UTINYINT, &to_integer<F, SQLCHAR>);
    on(F, SQL_C_SSHORT, &to_integer<F, SQLSMALLINT>);
    on(F, SQL_C_USHORT, &to_integer<F, SQLUSMALLINT>);
    on(F, SQL_C_SLONG, &to_integer<F, SQLINTEGER>);
    on(F, SQL_C_ULONG, &to_integer<F, SQLUINTEGER>);
    on(F, SQL_C_SBIGINT, &to_integer<F, SQLBIGINT>);
    on(F, SQL_C_UBIGINT, &to_integer<F, SQLUBIGINT>);
    on(F, SQL_C_FLOAT, &to_float<F>);
    on(F, SQL_C_DOUBLE, &to_double<F>);
    on(F, SQL_C_NUMERIC, &to_numeric<F>);
    return *this;
  }
  Builder& text_forms(Family f) {
    return on(f, SQL_C_CHAR, &as_is).on(f, SQL_C_WCHAR, &wide<&as_is>).on(f, SQL_C_BINARY, &as_is);
  }

 private:
  Table& t_;
};

// The ODBC conversion matrix (appendix D, "Converting Data from SQL to C Data Types") for the
// families; a missing entry is 07006.
Table build() {
  Table t{};
  Builder b(t);
  b.text_forms(Family::Text).numbers<Family::Text>();
  b.on(Family::Text, SQL_C_TYPE_DATE, &to_date)
      .on(Family::Text, SQL_C_TYPE_TIME, &to_time)
      .on(Family::Text, SQL_C_TYPE_TIMESTAMP, &to_timestamp)
      .on(Family::Text, SQL_C_GUID, &to_guid);

  b.text_forms(Family::Integer).numbers<Family::Integer>();
  b.text_forms(Family::Float).numbers<Family::Float>();
  b.text_forms(Family::Numeric).numbers<Family::Numeric>();
  b.text_forms(Family::Money).numbers<Family::Money>();

  b.on(Family::Boolean, SQL_C_CHAR, &bool_digit)
      .on(Family::Boolean, SQL_C_WCHAR, &wide<&bool_digit>)
      .on(Family::Boolean, SQL_C_BINARY, &bool_byte)
      .numbers<Family::Boolean>();

  b.on(Family::Binary, SQL_C_CHAR, &bytea_hex)
      .on(Family::Binary, SQL_C_WCHAR, &wide<&bytea_hex>)
      .on(Family::Binary, SQL_C_BINARY, &bytea_bytes);

  b.text_forms(Family::Date)
      .on(Family::Date, SQL_C_TYPE_DATE, &to_date)
      .on(Family::Date, SQL_C_TYPE_TIMESTAMP, &to_timestamp);
  for (Family f : {Family::Time, Family::TimeTz})
    b.text_forms(f).on(f, SQL_C_TYPE_TIME, &to_time).on(f, SQL_C_TYPE_TIMESTAMP, &to_timestamp);
  for (Family f : {Family::Timestamp, Family::TimestampTz})
    b.text_forms(f)
        .on(f, SQL_C_TYPE_DATE, &to_date)
        .on(f, SQL_C_TYPE_TIME, &to_time)
        .on(f, SQL_C_TYPE_TIMESTAMP, &to_timestamp);

  b.on(Family::Uuid, SQL_C_CHAR, &as_is)
      .on(Family::Uuid, SQL_C_WCHAR, &wide<&as_is>)
      .on(Family::Uuid, SQL_C_BINARY, &guid_bytes)
      .on(Family::Uuid, SQL_C_GUID, &to_guid);
  return t;
}

const Converter* find(Family family, SQLSMALLINT c_type) {
  static const Table table = build();
  int slot = slot_of(canonical_c_type(c_type));
  if (slot < 0) return nullptr;
  const Converter& c = table[std::size_t(family)][std::size_t(slot)];
  return c.render != nullptr || c.fixed != nullptr ? &c : nullptr;
}

const Converter& require(Family family, SQLSMALLINT c_type) {
  const Converter* c = find(family, c_type);
  if (c == nullptr)
    throw DriverError("07006",
                      "the column's data cannot be converted to C type " + std::to_string(c_type));
  return *c;
}

}  // namespace

bool convertible(Family family, SQLSMALLINT c_type) {
  return find(family, c_type) != nullptr;
}

void render(Family family, SQLSMALLINT c_type, std::string_view text, Rendering& out) {
  const Converter& c = require(family, c_type);
  if (c.render == nullptr) throw DriverError("HY003", "not a character or binary C type");
  c.render(text, out);
}

Written write_fixed(Family family, std::string_view text, const Target& target) {
  const Converter& c = require(family, target.c_type);
  if (c.fixed == nullptr) throw DriverError("HY003", "not a fixed-size C type");
  return c.fixed(text, target);
}

Piece write_piece(std::string_view bytes, std::size_t offset, const Target& target) {
  const std::size_t terminator = terminator_size(target.c_type);
  const std::size_t remaining = offset < bytes.size() ? bytes.size() - offset : 0;
  const std::size_t capacity = target.capacity > 0 ? std::size_t(target.capacity) : 0;
  std::size_t room = target.data == nullptr || capacity < terminator ? 0 : capacity - terminator;
  if (terminator > 1) room -= room % terminator;  // whole SQLWCHARs
  const std::size_t n = std::min(remaining, room);
  if (target.data != nullptr) {
    char* out = static_cast<char*>(target.data);
    if (n > 0) std::memcpy(out, bytes.data() + offset, n);
    if (terminator > 0 && capacity >= n + terminator) std::memset(out + n, 0, terminator);
  }
  Piece p;
  p.written.length = SQLLEN(remaining);
  p.written.outcome = n < remaining ? Outcome::Truncated : Outcome::Ok;
  p.consumed = n;
  return p;
}

Written convert_value(Family family, std::string_view text, const Target& target) {
  if (!is_variable(target.c_type)) return write_fixed(family, text, target);
  Rendering r;
  render(family, target.c_type, text, r);
  return write_piece(r.bytes(text), 0, target).written;
}

}  // namespace pgw::convert
