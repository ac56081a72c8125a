#pragma once
// Shared by the stand-in's tests: the fixtures' coordinates (server.env, standin_<vendor>.env),
// sessions through the project's session engine, a raw wire client for exact message sequences,
// and stand-ins started with other flags.
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "session/session.hpp"
#include "wire/backend.hpp"
#include "wire/framer.hpp"
#include "wire/frontend.hpp"

extern char** environ;

namespace pgw::standin::test {

inline std::string testenv_dir() {
  const char* dir = std::getenv("PGW_TESTENV_DIR");
  return dir ? dir : PGW_TESTENV_DIR;
}

inline std::map<std::string, std::string> read_env_file(const std::string& name) {
  const std::string path = testenv_dir() + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + " (are the fixtures running?)");
  std::map<std::string, std::string> m;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos || line[0] == '#') continue;
    m[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return m;
}

inline std::string env_of(const std::string& file, const std::string& key) {
  const auto m = read_env_file(file);
  const auto it = m.find(key);
  if (it == m.end()) throw std::runtime_error(file + " has no " + key);
  return it->second;
}

inline std::string server(const std::string& key) {
  return env_of("server.env", key);
}
inline std::string crdb(const std::string& key) {
  return env_of("standin_crdb.env", key);
}
inline std::string crate(const std::string& key) {
  return env_of("standin_crate.env", key);
}
inline std::uint16_t port_of(const std::string& s) {
  return static_cast<std::uint16_t>(std::stoi(s));
}

inline session::Clock::time_point soon(int seconds = 10) {
  return session::Clock::now() + std::chrono::seconds(seconds);
}

struct Login {
  std::uint16_t port = 0;
  std::string user{};
  std::string database{};
  std::string options{};
  std::string password{};
  std::string application_name{};
};

inline std::unique_ptr<session::Session> connect(const Login& l) {
  session::ConnectParams p;
  p.hosts = {{"127.0.0.1", l.port}};
  p.user = l.user;
  p.database = l.database;
  p.options = l.options;
  p.password = l.password;
  p.application_name = l.application_name;
  p.tls.mode = net::SslMode::Disable;
  p.connect_timeout = std::chrono::seconds(10);
  return session::Session::connect(p);
}

inline Login crdb_login() {
  return {port_of(crdb("PGW_STANDIN_PORT")), crdb("PGW_STANDIN_USER"), crdb("PGW_STANDIN_DB")};
}
inline Login crate_login() {
  return {port_of(crate("PGW_STANDIN_PORT")), crate("PGW_STANDIN_USER"), crate("PGW_STANDIN_DB")};
}
// PostgreSQL itself, bypassing any stand-in.
inline Login direct_login() {
  return {port_of(server("PGW_PORT")), server("PGW_TRUST_USER"), server("PGW_DB")};
}

// Reads the single value of a one-row query.
inline std::string query_value(session::Session& s, std::string_view sql) {
  s.query(sql);
  s.send(soon());
  std::string value;
  bool have = false;
  for (;;) {
    switch (s.next(soon())) {
      case session::Event::DataRow:
        value = std::string(s.row()[0].view());
        have = true;
        break;
      case session::Event::Error:
        throw DriverError(s.error());
      case session::Event::ReadyForQuery:
        if (!have) throw std::runtime_error("no row from: " + std::string(sql));
        return value;
      default:
        break;
    }
  }
}

// The command tag of a statement run with the simple protocol (throws its error).
inline std::string run_tag(session::Session& s, std::string_view sql) {
  s.query(sql);
  s.send(soon());
  std::string tag;
  std::optional<ServerFields> err;
  for (;;) {
    switch (s.next(soon())) {
      case session::Event::CommandComplete:
        tag = std::string(s.command_tag());
        break;
      case session::Event::Error:
        err = s.error();
        break;
      case session::Event::ReadyForQuery:
        if (err) throw DriverError(*err);
        return tag;
      default:
        break;
    }
  }
}

// One backend message as it came off the wire.
struct Msg {
  char type = 0;
  std::string body;
};

inline std::string types_of(const std::vector<Msg>& msgs) {
  std::string s;
  for (const auto& m : msgs) s += m.type;
  return s;
}

// A bare TCP client speaking protocol messages built with the project's frontend encoders.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("raw client cannot connect to port " + std::to_string(port));
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  template <typename... M>
  void send(const M&... msgs) {
    wire::Buffer b;
    (wire::encode(b, msgs), ...);
    send_bytes(b);
  }
  void send_bytes(const wire::Buffer& b) {
    std::size_t off = 0;
    while (off < b.size()) {
      const ssize_t n = ::send(fd_, b.data() + off, b.size() - off, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("raw client: send failed");
      off += static_cast<std::size_t>(n);
    }
  }
  void startup(std::vector<std::pair<std::string, std::string>> params) {
    params_ = std::move(params);
    send(wire::StartupMessage{params_});
  }
  // The one-byte answer to SSLRequest.
  char read_byte() {
    fill(1);
    const char c = static_cast<char>(in_[0]);
    in_.erase(in_.begin());
    return c;
  }
  Msg read() {
    for (;;) {
      if (auto f = wire::next_frame(in_, 1 << 24)) {
        Msg m{f->type, std::string(reinterpret_cast<const char*>(f->body.data()), f->body.size())};
        in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(f->total_size));
        return m;
      }
      fill(in_.size() + 1);
    }
  }
  // Messages up to and including the next ReadyForQuery.
  std::vector<Msg> read_until_ready() {
    std::vector<Msg> out;
    for (;;) {
      out.push_back(read());
      if (out.back().type == 'Z') return out;
    }
  }
  // True when the server closes the connection (within 10 s) without sending anything more.
  bool closed_by_server() {
    try {
      fill(in_.size() + 1);
    } catch (const std::runtime_error& e) {
      return std::string(e.what()) == "closed";
    }
    return false;
  }

 private:
  void fill(std::size_t want) {
    while (in_.size() < want) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1) throw std::runtime_error("raw client: nothing in 10 s");
      std::byte buf[65536];
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) throw std::runtime_error("closed");
      if (n < 0) throw std::runtime_error("raw client: recv failed");
      in_.insert(in_.end(), buf, buf + n);
    }
  }

  int fd_ = -1;
  std::vector<std::byte> in_;
  std::vector<std::pair<std::string, std::string>> params_;
};

// Parses the fields of an ErrorResponse body in wire order.
inline std::vector<std::pair<char, std::string>> error_fields_in_order(const std::string& body) {
  std::vector<std::pair<char, std::string>> out;
  std::size_t i = 0;
  while (i < body.size() && body[i] != '\0') {
    const char code = body[i++];
    const auto nul = body.find('\0', i);
    if (nul == std::string::npos) throw std::runtime_error("unterminated error field");
    out.emplace_back(code, body.substr(i, nul - i));
    i = nul + 1;
  }
  return out;
}

inline std::vector<wire::FieldDescription> row_description_of(const Msg& m) {
  std::vector<wire::FieldDescription> f;
  wire::parse_row_description(std::as_bytes(std::span(m.body)), f);
  return f;
}

// A pgw_standin of its own, for flags the fixtures do not use. Stopped with SIGTERM.
class StandinProcess {
 public:
  explicit StandinProcess(std::vector<std::string> args) {
    args.insert(args.begin(), PGW_STANDIN_PATH);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    const int rc = ::posix_spawn(&pid_, PGW_STANDIN_PATH, &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(out[1]);
    if (rc != 0) {
      ::close(out[0]);
      throw std::runtime_error("cannot start " + std::string(PGW_STANDIN_PATH));
    }
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    // The first line: "pgw_standin: <vendor> listening on 127.0.0.1:<port>, upstream ...".
    std::string line;
    char c = 0;
    while (line.find('\n') == std::string::npos) {
      pollfd p{out[0], POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1 || ::read(out[0], &c, 1) != 1) break;
      line += c;
    }
    ::close(out[0]);
    const auto colon = line.find("127.0.0.1:");
    if (colon == std::string::npos) {
      stop();
      throw std::runtime_error("stand-in did not start: '" + line + "'");
    }
    port_ = port_of(line.substr(colon + 10, line.find(',', colon) - colon - 10));
  }
  ~StandinProcess() { stop(); }
  StandinProcess(const StandinProcess&) = delete;
  StandinProcess& operator=(const StandinProcess&) = delete;

  std::uint16_t port() const { return port_; }

  // SIGTERM, then waits up to 10 s; returns the exit status (or -1 if it had to be killed).
  int stop() {
    if (pid_ <= 0) return status_;
    ::kill(pid_, SIGTERM);
    pollfd p{pidfd_, POLLIN, 0};
    if (pidfd_ < 0 || ::poll(&p, 1, 10000) != 1) ::kill(pid_, SIGKILL);
    int st = 0;
    ::waitpid(pid_, &st, 0);
    if (pidfd_ >= 0) ::close(pidfd_);
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    pid_ = -1;
    return status_;
  }

 private:
  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::uint16_t port_ = 0;
  int status_ = -1;
};

inline std::string upstream_arg() {
  return server("PGW_HOST") + ":" + server("PGW_PORT");
}

}  // namespace pgw::standin::test
