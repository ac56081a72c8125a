#pragma once
// The vendors the stand-in can impersonate (/work/shared/vendors.md).
#include <optional>
#include <string_view>

namespace pgw::standin {

enum class Vendor { CockroachDB, CrateDB };

// "cockroachdb"/"crdb" or "cratedb"/"crate".
std::optional<Vendor> parse_vendor(std::string_view name);
const char* vendor_name(Vendor v);

}  // namespace pgw::standin
