#include "config/connection_string.hpp"

#include "common/error.hpp"
#include "config/options.hpp"

namespace pgw::config {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

[[noreturn]] void syntax_error(std::size_t index, const std::string& what) {
  throw DriverError("08001", "Connection string syntax error at position " +
                                 std::to_string(index + 1) + ": " + what);
}

bool needs_braces(std::string_view value) {
  if (value.empty()) return false;
  if (is_space(value.front()) || is_space(value.back())) return true;
  return value.find_first_of(";{}=") != std::string_view::npos;
}

}  // namespace

ConnectionString ConnectionString::parse(std::string_view text) {
  ConnectionString out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && is_space(text[i])) ++i;
    if (i == n) break;
    if (text[i] == ';') {
      ++i;
      continue;
    }

    const std::size_t key_start = i;
    while (i < n && text[i] != '=' && text[i] != ';') ++i;
    const std::string key(trim(text.substr(key_start, i - key_start)));
    if (i == n || text[i] == ';') {
      syntax_error(key_start, "expected '=' after keyword '" + key + "'");
    }
    if (key.empty()) syntax_error(key_start, "missing keyword before '='");
    ++i;  // '='

    while (i < n && is_space(text[i])) ++i;
    Attribute attr{key, {}, false};
    if (i < n && text[i] == '{') {
      const std::size_t open = i++;
      bool closed = false;
      while (i < n) {
        if (text[i] == '}') {
          if (i + 1 < n && text[i + 1] == '}') {
            attr.value.push_back('}');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        attr.value.push_back(text[i++]);
      }
      if (!closed) {
        syntax_error(
            open, "unterminated '{' in the value of '" + key + "' (a literal '}' is written '}}')");
      }
      attr.braced = true;
      while (i < n && is_space(text[i])) ++i;
      if (i < n && text[i] != ';') {
        syntax_error(i, std::string("unexpected '") + text[i] + "' after the closing '}' of '" +
                            key + "' (expected ';')");
      }
    } else {
      const std::size_t value_start = i;
      while (i < n && text[i] != ';') ++i;
      attr.value = std::string(trim(text.substr(value_start, i - value_start)));
    }
    out.attributes_.push_back(std::move(attr));
    if (i < n) ++i;  // ';'
  }
  return out;
}

const Attribute* ConnectionString::find(std::string_view key) const {
  for (const Attribute& attr : attributes_) {
    if (iequals(attr.key, key)) return &attr;
  }
  return nullptr;
}

void ConnectionString::add(std::string key, std::string value, bool braced) {
  attributes_.push_back(Attribute{std::move(key), std::move(value), braced});
}

std::string ConnectionString::to_string() const {
  std::string out;
  for (const Attribute& attr : attributes_) {
    if (!out.empty()) out += ';';
    out += format_attribute(attr.key, attr.value, attr.braced);
  }
  return out;
}

std::string format_attribute(std::string_view key, std::string_view value, bool force_braces) {
  std::string out(key);
  out += '=';
  if (!force_braces && !needs_braces(value)) {
    out += value;
    return out;
  }
  out += '{';
  for (const char c : value) {
    out += c;
    if (c == '}') out += '}';
  }
  out += '}';
  return out;
}

}  // namespace pgw::config
