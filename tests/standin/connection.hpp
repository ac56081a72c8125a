#pragma once
// One client connection: the startup the stand-in answers itself, then the relay to PostgreSQL.
#include "cancel_registry.hpp"
#include "options.hpp"
#include "socket_io.hpp"

namespace pgw::standin {

struct ServerContext {
  const Options& options;
  CancelRegistry& cancels;
  int stop_fd = -1;  // readable (or hung up) when the stand-in is stopping
};

// Serves the client until either side closes or the stand-in stops. Never throws.
void serve_client(Fd client, const ServerContext& ctx);

}  // namespace pgw::standin
