#pragma once
// libpq's keyword/value connection-string format, which psqlODBC's pqopt option holds:
//   keyword = value keyword='quoted value with \' and \\'
// Whitespace separates pairs and may surround '='; a value is single-quoted to contain spaces, and
// a backslash escapes the next character in quoted and unquoted values alike.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgw::config {

using LibpqSettings = std::vector<std::pair<std::string, std::string>>;

// Throws DriverError 08001 on a missing '=' or an unterminated quote.
LibpqSettings parse_libpq_conninfo(std::string_view text);
// Quotes values that are empty or contain whitespace, quotes or backslashes.
std::string format_libpq_conninfo(const LibpqSettings& settings);

}  // namespace pgw::config
