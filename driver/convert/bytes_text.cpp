#include "convert/bytes_text.hpp"

#include <cstdio>

#include "common/error.hpp"

namespace pgw::convert {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void malformed() {
  throw DriverError("22018", "malformed bytea value from the server");
}

}  // namespace

std::string decode_bytea(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    out.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i < text.size();) {
      if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r') {
        ++i;
        continue;
      }
      int hi = hex_value(text[i]);
      int lo = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
      if (hi < 0 || lo < 0) malformed();
      out.push_back(char(hi * 16 + lo));
      i += 2;
    }
    return out;
  }
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out.push_back(text[i]);
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      ++i;
    } else if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
               text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' &&
               text[i + 3] <= '7') {
      out.push_back(char((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')));
      i += 3;
    } else {
      malformed();
    }
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string bytea_literal(std::string_view bytes) {
  return "\\x" + hex_encode(bytes);
}

std::optional<SQLGUID> parse_guid(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
  std::string hex;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      continue;
    }
    if (hex_value(text[i]) < 0) return std::nullopt;
    hex.push_back(text[i]);
  }
  if (text.size() != 36 || hex.size() != 32) return std::nullopt;
  auto byte = [&](std::size_t k) {
    return unsigned(hex_value(hex[2 * k]) * 16 + hex_value(hex[2 * k + 1]));
  };
  SQLGUID g{};
  g.Data1 = (byte(0) << 24) | (byte(1) << 16) | (byte(2) << 8) | byte(3);
  g.Data2 = static_cast<decltype(g.Data2)>((byte(4) << 8) | byte(5));
  g.Data3 = static_cast<decltype(g.Data3)>((byte(6) << 8) | byte(7));
  for (std::size_t k = 0; k < 8; ++k) g.Data4[k] = static_cast<unsigned char>(byte(8 + k));
  return g;
}

std::string format_guid(const SQLGUID& g) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                unsigned(g.Data1), unsigned(g.Data2), unsigned(g.Data3), g.Data4[0], g.Data4[1],
                g.Data4[2], g.Data4[3], g.Data4[4], g.Data4[5], g.Data4[6], g.Data4[7]);
  return buffer;
}

}  // namespace pgw::convert
