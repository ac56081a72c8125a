#pragma once
// ODBC connection strings (SQLDriverConnect "Comments" grammar): key=value pairs separated by ';'.
//  - Keys are case-insensitive; whitespace around keys and around unbraced values is dropped.
//  - A value in braces is taken verbatim (';', '=', spaces included) and "}}" inside it is one '}'.
//    Whitespace between '}' and the next ';' is allowed; anything else there is an error.
//  - Empty segments (";;", a trailing ';') are allowed; a segment without '=' or with an empty key
//    is an error, as is an unterminated '{'. Errors are DriverError 08001 (the spec has no syntax
//    SQLSTATE for SQLDriverConnect; 08001 "client unable to establish connection" is what the
//    application sees for any unusable connection information) with the 1-based character position.
//  - Duplicates are all kept here, in order; the resolver applies the spec's rule (first occurrence
//    of a keyword wins).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgw::config {

struct Attribute {
  std::string key;      // as written, trimmed
  std::string value;    // braces removed, "}}" unescaped
  bool braced = false;  // the value was written in braces (kept when serializing: the spec asks
                        // drivers to return DRIVER={...} as received)
};

class ConnectionString {
 public:
  ConnectionString() = default;
  static ConnectionString parse(std::string_view text);

  const std::vector<Attribute>& attributes() const { return attributes_; }
  // First attribute whose key equals `key` case-insensitively (exact key, not aliases).
  const Attribute* find(std::string_view key) const;
  void add(std::string key, std::string value, bool braced = false);

  // Every attribute, secrets included: for building strings to hand back to the driver manager,
  // never for logs (see redacted()).
  std::string to_string() const;

 private:
  std::vector<Attribute> attributes_;
};

// "key=value" with the value braced when the grammar needs it: it contains ';', '{', '}' or '=',
// starts or ends with whitespace, or `force_braces` (a value received in braces).
std::string format_attribute(std::string_view key, std::string_view value,
                             bool force_braces = false);

}  // namespace pgw::config
