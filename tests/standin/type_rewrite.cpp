#include "type_rewrite.hpp"

#include <limits>

#include "wire/backend_encode.hpp"

namespace pgw::standin {

namespace {

std::int16_t format_of(std::span<const std::int16_t> formats, std::size_t i) {
  if (formats.empty()) return 0;
  if (formats.size() == 1) return formats[0];
  return i < formats.size() ? formats[i] : 0;
}

std::int64_t read_be(const char* p, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  if (n < 8 && (v >> (8 * n - 1)) != 0) v |= ~std::uint64_t{0} << (8 * n);  // sign-extend
  return static_cast<std::int64_t>(v);
}

void write_be(std::string& out, std::int64_t value, std::size_t n) {
  const auto v = static_cast<std::uint64_t>(value);
  for (std::size_t i = n; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

void rewrite_field(Vendor v, wire::FieldDescription& f) {
  if (v == Vendor::CockroachDB) {
    if (f.type_oid == oid::kInt4) {
      f.type_oid = oid::kInt8;
      f.type_size = 8;
    } else if (f.type_oid == oid::kJson) {
      f.type_oid = oid::kJsonb;
    }
    return;
  }
  if (f.type_oid == oid::kText) f.type_oid = oid::kVarchar;
  if (f.type_oid == oid::kVarchar) f.type_modifier = -1;
}

std::uint32_t rewrite_param_type(Vendor v, std::uint32_t type_oid) {
  if (v == Vendor::CockroachDB) {
    if (type_oid == oid::kInt4) return oid::kInt8;
    if (type_oid == oid::kJson) return oid::kJsonb;
    return type_oid;
  }
  return type_oid == oid::kText ? oid::kVarchar : type_oid;
}

void rewrite_row_description(Vendor v, std::span<const std::byte> body, wire::Buffer& out) {
  std::vector<wire::FieldDescription> fields;
  wire::parse_row_description(body, fields);
  for (auto& f : fields) rewrite_field(v, f);
  wire::server::row_description(out, fields);
}

void rewrite_parameter_description(Vendor v, std::span<const std::byte> body, wire::Buffer& out) {
  std::vector<std::uint32_t> oids;
  wire::parse_parameter_description(body, oids);
  for (auto& o : oids) o = rewrite_param_type(v, o);
  wire::server::parameter_description(out, oids);
}

std::vector<ColumnAction> data_row_actions(Vendor v, std::span<const UpstreamColumn> columns) {
  std::vector<ColumnAction> actions;
  if (v != Vendor::CockroachDB) return actions;
  bool any = false;
  actions.resize(columns.size(), ColumnAction::Keep);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].format != 1) continue;
    if (columns[i].type_oid == oid::kInt4) actions[i] = ColumnAction::WidenInt4;
    if (columns[i].type_oid == oid::kJson) actions[i] = ColumnAction::JsonToJsonb;
    any = any || actions[i] != ColumnAction::Keep;
  }
  if (!any) actions.clear();
  return actions;
}

void rewrite_data_row(std::span<const ColumnAction> actions, std::span<const std::byte> body,
                      wire::Buffer& out) {
  std::vector<wire::Column> cols;
  wire::parse_data_row(body, cols);
  std::vector<std::string> storage(cols.size());
  for (std::size_t i = 0; i < cols.size() && i < actions.size(); ++i) {
    wire::Column& c = cols[i];
    if (c.length < 0) continue;
    const auto n = static_cast<std::size_t>(c.length);
    if (actions[i] == ColumnAction::WidenInt4 && n == 4) {
      write_be(storage[i], read_be(c.data, 4), 8);
    } else if (actions[i] == ColumnAction::JsonToJsonb) {
      storage[i].assign(1, '\x01');
      storage[i].append(c.data, n);
    } else {
      continue;
    }
    c.data = storage[i].data();
    c.length = static_cast<std::int32_t>(storage[i].size());
  }
  wire::server::data_row(out, cols);
}

bool rewrite_bind_params(std::span<const std::uint32_t> upstream_param_types,
                         const wire::Bind& bind, wire::Buffer& out) {
  std::vector<wire::Param> params(bind.params.begin(), bind.params.end());
  std::vector<std::string> storage(params.size());
  bool changed = false;
  for (std::size_t i = 0; i < params.size() && i < upstream_param_types.size(); ++i) {
    wire::Param& p = params[i];
    if (p.length < 0 || format_of(bind.param_formats, i) != 1) continue;
    const auto n = static_cast<std::size_t>(p.length);
    if (upstream_param_types[i] == oid::kInt4 && n == 8) {
      const std::int64_t v = read_be(p.data, 8);
      if (v < std::numeric_limits<std::int32_t>::min() ||
          v > std::numeric_limits<std::int32_t>::max())
        continue;
      write_be(storage[i], v, 4);
    } else if (upstream_param_types[i] == oid::kJson && n >= 1 && p.data[0] == '\x01') {
      storage[i].assign(p.data + 1, n - 1);
    } else {
      continue;
    }
    p.data = storage[i].data();
    p.length = static_cast<std::int32_t>(storage[i].size());
    changed = true;
  }
  if (!changed) return false;
  wire::Bind b = bind;
  b.params = params;
  wire::encode(out, b);
  return true;
}

}  // namespace pgw::standin
