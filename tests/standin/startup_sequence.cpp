#include "startup_sequence.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "wire/backend_encode.hpp"

namespace pgw::standin {

namespace {

std::string value_or(const Params& p, const std::string& name, const std::string& fallback) {
  for (const auto& [n, v] : p)
    if (n == name) return v;
  return fallback;
}

// Startup parameter names are setting names, which PostgreSQL compares case-insensitively.
bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool has(const Params& p, std::string_view name) {
  return std::any_of(p.begin(), p.end(), [&](const auto& e) { return iequals(e.first, name); });
}

}  // namespace

Params vendor_parameters(const Options& o, const Params& up, const std::string& client_user) {
  if (o.vendor == Vendor::CockroachDB) {
    // vendors.md "Startup sequences", CockroachDB, in this order.
    return {
        {"server_version", "13.0.0"},
        {"server_encoding", "UTF8"},
        {"client_encoding", "UTF8"},
        {"application_name", value_or(up, "application_name", "")},
        {"DateStyle", value_or(up, "DateStyle", "ISO, MDY")},
        {"IntervalStyle", value_or(up, "IntervalStyle", "postgres")},
        {"is_superuser", value_or(up, "is_superuser", "off")},
        {"TimeZone", value_or(up, "TimeZone", "UTC")},
        {"integer_datetimes", "on"},
        {"standard_conforming_strings", "on"},
        {"crdb_version", o.crdb_version},
        {"session_authorization", client_user},
    };
  }
  // vendors.md "Startup sequences", CrateDB: no application_name, is_superuser,
  // session_authorization or IntervalStyle; "datestyle" in lower case.
  return {
      {"crate_version", o.crate_version},
      {"server_version", "14.0"},
      {"server_encoding", "UTF8"},
      {"client_encoding", "UTF8"},
      {"datestyle", "ISO"},
      {"TimeZone", "UTC"},
      {"integer_datetimes", "on"},
      {"standard_conforming_strings", "on"},
  };
}

void encode_startup_answer(wire::Buffer& out, const Options& o, const Params& parameters,
                           BackendKey key) {
  wire::server::authentication_ok(out);
  for (const auto& [name, value] : parameters) wire::server::parameter_status(out, name, value);
  if (o.vendor == Vendor::CockroachDB) {
    // One 64-bit value: ProcessID in the upper 32 bits, SecretKey in the lower 32.
    const std::uint64_t v = (std::uint64_t{static_cast<std::uint32_t>(key.process_id)} << 32) |
                            static_cast<std::uint32_t>(key.secret_key);
    wire::MessageWriter w(out, 'K');
    wire::put_u32(out, static_cast<std::uint32_t>(v >> 32));
    wire::put_u32(out, static_cast<std::uint32_t>(v));
    w.finish();
  } else {
    wire::server::backend_key_data(out, key.process_id, key.secret_key);
  }
  wire::server::ready_for_query(out, 'I');
}

Params upstream_startup_params(const Options& o, const Params& client, const std::string& user,
                               const std::string& database, const std::string& options) {
  Params p;
  p.emplace_back("user", user);
  if (!database.empty()) p.emplace_back("database", database);
  if (!options.empty()) p.emplace_back("options", options);
  // Both vendors speak UTF8 only.
  p.emplace_back("client_encoding", "UTF8");
  if (o.vendor == Vendor::CockroachDB) {
    // vendors.md "transactions": CockroachDB is SERIALIZABLE by default.
    if (!has(client, "default_transaction_isolation"))
      p.emplace_back("default_transaction_isolation", "serializable");
  } else {
    // CrateDB reports datestyle=ISO and TimeZone=UTC whatever the client asks for.
    p.emplace_back("DateStyle", "ISO");
    p.emplace_back("TimeZone", "UTC");
  }
  for (const auto& [name, value] : client) {
    if (name == "user" || name == "database" || name == "options" ||
        iequals(name, "client_encoding"))
      continue;
    if (name.rfind("_pq_.", 0) == 0) continue;  // protocol options: answered by the stand-in
    if (o.vendor == Vendor::CrateDB && (iequals(name, "DateStyle") || iequals(name, "TimeZone")))
      continue;
    p.emplace_back(name, value);
  }
  return p;
}

}  // namespace pgw::standin
