#pragma once
// Dates and times as text: PostgreSQL's ISO output (DateStyle=ISO) read into the ODBC structures,
// and the structures written as ISO literals for parameters.
#include <cstdint>
#include <string>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

struct DateTime {
  int year = 0;  // astronomical: 1 BC is year 0
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::uint32_t fraction = 0;  // nanoseconds
  bool has_date = false;
  bool has_time = false;
};

// "2024-02-29", "13:45:00.5", "2024-02-29 13:45:00.123456+05:30", "0044-03-15 BC", with an optional
// zone offset (kept as shown: the value is the session time zone's wall clock). Throws
// DriverError 22007 for infinity / -infinity (no ODBC structure holds them) and 22018 for text
// that is not a date or time.
DateTime parse_datetime(std::string_view text);

std::string format_date(const SQL_DATE_STRUCT& d);            // "2024-02-29" / "0044-03-15 BC"
std::string format_time(const SQL_TIME_STRUCT& t);            // "13:45:00"
std::string format_timestamp(const SQL_TIMESTAMP_STRUCT& t);  // "2024-02-29 13:45:00.5"

}  // namespace pgw::convert
