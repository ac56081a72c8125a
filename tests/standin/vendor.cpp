#include "vendor.hpp"

namespace pgw::standin {

std::optional<Vendor> parse_vendor(std::string_view name) {
  if (name == "cockroachdb" || name == "crdb") return Vendor::CockroachDB;
  if (name == "cratedb" || name == "crate") return Vendor::CrateDB;
  return std::nullopt;
}

const char* vendor_name(Vendor v) {
  return v == Vendor::CockroachDB ? "cockroachdb" : "cratedb";
}

}  // namespace pgw::standin
