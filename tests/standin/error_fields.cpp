#include "error_fields.hpp"

#include "wire/reader.hpp"

namespace pgw::standin {

std::vector<RawField> parse_raw_fields(std::span<const std::byte> body) {
  wire::Reader r(body, "ErrorResponse");
  std::vector<RawField> out;
  for (;;) {
    const auto code = static_cast<char>(r.u8());
    if (code == 0) break;
    out.push_back(RawField{code, std::string(r.cstr())});
  }
  r.expect_end();
  return out;
}

void encode_raw_fields(wire::Buffer& out, char type, std::span<const RawField> fields) {
  wire::MessageWriter w(out, type);
  for (const RawField& f : fields) {
    wire::put_u8(out, static_cast<std::uint8_t>(f.code));
    wire::put_cstr(out, f.value);
  }
  wire::put_u8(out, 0);
  w.finish();
}

std::string_view field_value(std::span<const RawField> fields, char code) {
  for (const RawField& f : fields)
    if (f.code == code) return f.value;
  return {};
}

}  // namespace pgw::standin
