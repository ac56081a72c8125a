#pragma once
// What the client sees after authentication (vendors.md "Startup sequences"), and what the
// stand-in asks PostgreSQL for so the session behind it matches.
#include <string>
#include <utility>
#include <vector>

#include "cancel_registry.hpp"
#include "options.hpp"
#include "wire/buffer.hpp"

namespace pgw::standin {

using Params = std::vector<std::pair<std::string, std::string>>;

// The ParameterStatus list in the vendor's order. Values that describe the session (application
// name, DateStyle, TimeZone, ...) come from PostgreSQL's own report where the vendor would report
// the session's real value; the identity values (versions, encodings) are the vendor's.
Params vendor_parameters(const Options& o, const Params& upstream, const std::string& client_user);

// AuthenticationOk, the ParameterStatus list, BackendKeyData (CockroachDB: one Int64 whose upper
// half is the process id; CrateDB: two Int32) and ReadyForQuery 'I'.
void encode_startup_answer(wire::Buffer& out, const Options& o, const Params& parameters,
                           BackendKey key);

// The StartupMessage parameters for PostgreSQL, from the client's (already stripped of any
// CockroachDB routing).
Params upstream_startup_params(const Options& o, const Params& client, const std::string& user,
                               const std::string& database, const std::string& options);

}  // namespace pgw::standin
