#include "config/libpq_conninfo.hpp"

#include "common/error.hpp"

namespace pgw::config {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

[[noreturn]] void pqopt_error(const std::string& what) {
  throw DriverError("08001", "Invalid pqopt: " + what);
}

}  // namespace

LibpqSettings parse_libpq_conninfo(std::string_view text) {
  LibpqSettings out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (true) {
    while (i < n && is_space(text[i])) ++i;
    if (i == n) break;

    const std::size_t key_start = i;
    while (i < n && text[i] != '=' && !is_space(text[i])) ++i;
    std::string keyword(text.substr(key_start, i - key_start));
    while (i < n && is_space(text[i])) ++i;
    if (i == n || text[i] != '=') pqopt_error("missing '=' after \"" + keyword + "\"");
    if (keyword.empty()) pqopt_error("missing keyword before '='");
    ++i;
    while (i < n && is_space(text[i])) ++i;

    std::string value;
    if (i < n && text[i] == '\'') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '\\' && i + 1 < n) {
          value.push_back(text[i + 1]);
          i += 2;
        } else if (text[i] == '\'') {
          ++i;
          closed = true;
          break;
        } else {
          value.push_back(text[i++]);
        }
      }
      if (!closed) pqopt_error("unterminated quoted value of \"" + keyword + "\"");
    } else {
      while (i < n && !is_space(text[i])) {
        if (text[i] == '\\' && i + 1 < n) ++i;
        value.push_back(text[i++]);
      }
    }
    out.emplace_back(std::move(keyword), std::move(value));
  }
  return out;
}

std::string format_libpq_conninfo(const LibpqSettings& settings) {
  std::string out;
  for (const auto& [keyword, value] : settings) {
    if (!out.empty()) out += ' ';
    out += keyword;
    out += '=';
    bool quote = value.empty();
    for (const char c : value) quote = quote || is_space(c) || c == '\'' || c == '\\';
    if (!quote) {
      out += value;
      continue;
    }
    out += '\'';
    for (const char c : value) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    out += '\'';
  }
  return out;
}

}  // namespace pgw::config
