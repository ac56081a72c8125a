#pragma once
// CockroachDB Serverless routing (vendors.md "Startup sequences", Serverless routing): the cluster
// identifier comes from the startup `options` (--cluster=<id> or -c cluster=<id>) or from a
// database name <id>.<db>; the stand-in strips it before going upstream.
#include <string>
#include <string_view>

namespace pgw::standin {

struct Routing {
  std::string cluster;   // "" when the client named none
  std::string database;  // with any "<id>." prefix removed
  std::string options;   // with the cluster option removed and trimmed
  std::string error;     // non-empty: the startup must be refused with this reason
};

Routing extract_routing(std::string_view options, std::string_view database);

}  // namespace pgw::standin
