#pragma once
// How each vendor reports column and parameter types (vendors.md "Behaviour a driver must cope
// with": rows "bare int", "text columns come as", "json"), and the value conversions the
// rewritten types need when the client asked for binary format.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "vendor.hpp"
#include "wire/backend.hpp"
#include "wire/buffer.hpp"
#include "wire/frontend.hpp"

namespace pgw::standin {

namespace oid {
inline constexpr std::uint32_t kInt8 = 20;
inline constexpr std::uint32_t kInt4 = 23;
inline constexpr std::uint32_t kText = 25;
inline constexpr std::uint32_t kJson = 114;
inline constexpr std::uint32_t kVarchar = 1043;
inline constexpr std::uint32_t kJsonb = 3802;
}  // namespace oid

// CockroachDB: int4 -> int8 (typlen 8), json -> jsonb. CrateDB: text -> varchar, and every varchar
// has typmod -1.
void rewrite_field(Vendor v, wire::FieldDescription& f);
std::uint32_t rewrite_param_type(Vendor v, std::uint32_t type_oid);

void rewrite_row_description(Vendor v, std::span<const std::byte> body, wire::Buffer& out);
void rewrite_parameter_description(Vendor v, std::span<const std::byte> body, wire::Buffer& out);

// A column as PostgreSQL sends it: its real type and the format of its values.
struct UpstreamColumn {
  std::uint32_t type_oid = 0;
  std::int16_t format = 0;
};

enum class ColumnAction : std::uint8_t {
  Keep,
  WidenInt4,    // binary int4 (4 bytes) -> binary int8 (8 bytes), as the int8 the client was told
  JsonToJsonb,  // binary json (text) -> binary jsonb (version byte 1, then the text)
};

// Per-column conversions DataRows need; empty when none does.
std::vector<ColumnAction> data_row_actions(Vendor v, std::span<const UpstreamColumn> columns);
void rewrite_data_row(std::span<const ColumnAction> actions, std::span<const std::byte> body,
                      wire::Buffer& out);

// CockroachDB Bind: parameters the client sends in binary for the types it was told (int8, jsonb)
// while PostgreSQL expects int4/json. An int8 that does not fit int4 is left as it is, so
// PostgreSQL rejects it. Returns false (and writes nothing) when the Bind needs no change.
bool rewrite_bind_params(std::span<const std::uint32_t> upstream_param_types,
                         const wire::Bind& bind, wire::Buffer& out);

}  // namespace pgw::standin
