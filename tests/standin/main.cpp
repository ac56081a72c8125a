// pgw_standin: a wire-level stand-in for CockroachDB or CrateDB in front of a real PostgreSQL, for
// testing the driver's vendor profiles. See tests/standin/README in the report and vendors.md.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <fstream>
#include <string>

#include "options.hpp"
#include "server.hpp"

namespace {

int g_signal_pipe = -1;

void on_signal(int) {
  const char b = 1;
  [[maybe_unused]] const auto n = ::write(g_signal_pipe, &b, 1);
}

// Written whole under a temporary name, then renamed: a reader never sees a partial port.
void write_port_file(const std::string& path, std::uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot rename " + tmp + " to " + path);
}

}  // namespace

int main(int argc, char** argv) {
  pgw::standin::Options options;
  try {
    options = pgw::standin::parse_options(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pgw_standin: %s\n%s", e.what(), pgw::standin::usage());
    return 2;
  }
  int p[2];
  if (::pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0) return 1;
  g_signal_pipe = p[1];
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  try {
    pgw::standin::Server server(options);
    if (!options.port_file.empty()) write_port_file(options.port_file, server.port());
    std::printf("pgw_standin: %s listening on %s:%u, upstream %s:%u\n",
                pgw::standin::vendor_name(options.vendor), options.listen_host.c_str(),
                server.port(), options.upstream_host.c_str(), options.upstream_port);
    std::fflush(stdout);
    server.run(p[0]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pgw_standin: %s\n", e.what());
    return 1;
  }
  return 0;
}
