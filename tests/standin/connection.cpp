#include "connection.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "relay.hpp"
#include "routing.hpp"
#include "startup_sequence.hpp"
#include "vendor_errors.hpp"
#include "wire/backend.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"
#include "wire/frontend.hpp"
#include "wire/frontend_decode.hpp"

namespace pgw::standin {

namespace {

constexpr std::size_t kMaxMessage = std::size_t{1} << 30;
constexpr auto kStartupTimeout = std::chrono::seconds(60);

// Said when there is no cluster identifier: the three ways of naming one (vendors.md
// "Serverless routing": "with a hint naming the three ways").
constexpr const char* kClusterHint =
    "Ensure that your cluster identifier is uniquely specified using any of the\n"
    "following methods:\n\n"
    "1) Host name:\n"
    "   Use a driver that supports server name identification (SNI) with TLS\n"
    "   connection and the hostname assigned to your cluster\n"
    "   (e.g. serverless-101.5xj.gcp-us-central1.cockroachlabs.cloud)\n\n"
    "2) Options parameter:\n"
    "   Use \"--cluster=<cluster identifier>\" as the options parameter.\n"
    "   (e.g. options=\"--cluster=active-roach-42\")\n\n"
    "3) Database parameter:\n"
    "   Use \"<cluster identifier>.<database name>\" as the database parameter.\n"
    "   (e.g. database=\"active-roach-42.defaultdb\")\n";

// Input bytes of one side and the frames in them.
class InBuffer {
 public:
  void read_from(int fd, int stop_fd, Clock::time_point deadline) {
    compact();
    const std::size_t old = bytes_.size();
    bytes_.resize(old + 65536);
    std::size_t n = 0;
    try {
      n = read_some(fd, std::span(bytes_).subspan(old), stop_fd, deadline);
    } catch (...) {
      bytes_.resize(old);
      throw;
    }
    bytes_.resize(old + n);
  }
  std::span<const std::byte> live() const { return std::span(bytes_).subspan(begin_); }
  void consume(std::size_t n) { begin_ += n; }

 private:
  void compact() {
    bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(begin_));
    begin_ = 0;
  }
  std::vector<std::byte> bytes_;
  std::size_t begin_ = 0;
};

class Connection {
 public:
  Connection(Fd client, const ServerContext& ctx)
      : client_(std::move(client)), ctx_(ctx), o_(ctx.options) {}

  void run() {
    const auto deadline = Clock::now() + kStartupTimeout;
    std::optional<Params> params = read_startup(deadline);
    if (!params) return;
    if (!startup(*params, deadline)) return;
    relay();
  }

 private:
  // --- startup ------------------------------------------------------------------------------

  // The StartupMessage parameters; nullopt when the packet was a CancelRequest (handled).
  std::optional<Params> read_startup(Clock::time_point deadline) {
    for (;;) {
      std::optional<wire::server::StartupFrame> f;
      try {
        while (!(f = wire::server::next_startup_frame(client_in_.live(), 10000)))
          client_in_.read_from(client_.get(), ctx_.stop_fd, deadline);
      } catch (const DriverError& e) {
        fatal("08P01", "invalid startup packet");
      }
      const std::int32_t code = f->code;
      const auto body = f->body;
      if (code == wire::kSslRequestCode || code == wire::kGssEncRequestCode) {
        // No TLS for now: both vendors answer 'N' when TLS is not configured.
        if (client_in_.live().size() > f->total_size)
          fatal("08P01", "received unencrypted data after SSL request");
        client_in_.consume(f->total_size);
        wire::Buffer b;
        wire::server::ssl_response(b, false);
        write_all(client_.get(), b, ctx_.stop_fd, deadline);
        continue;
      }
      if (code == wire::kCancelRequestCode) {
        handle_cancel(body);
        return std::nullopt;
      }
      if ((code >> 16) != 3)
        fatal("0A000", "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                           std::to_string(code & 0xFFFF) + ": server supports 3.0 to 3.0");
      Params params;
      try {
        for (auto [k, v] : wire::server::parse_startup_params(body)) params.emplace_back(k, v);
      } catch (const DriverError&) {
        fatal("08P01", "invalid startup packet layout: expected terminator as last byte");
      }
      const std::int32_t minor = code & 0xFFFF;
      client_in_.consume(f->total_size);
      negotiate(minor, params, deadline);
      return params;
    }
  }

  // A newer minor version or _pq_ options: say what we speak, as PostgreSQL does.
  void negotiate(std::int32_t minor, const Params& params, Clock::time_point deadline) {
    std::vector<std::string_view> unsupported;
    for (const auto& [k, v] : params)
      if (k.rfind("_pq_.", 0) == 0) unsupported.push_back(k);
    if (minor == 0 && unsupported.empty()) return;
    wire::Buffer b;
    wire::server::negotiate_protocol_version(b, 0, unsupported);
    write_all(client_.get(), b, ctx_.stop_fd, deadline);
  }

  void handle_cancel(std::span<const std::byte> body) {
    wire::CancelRequest c;
    try {
      c = wire::server::parse_cancel_request(body);
    } catch (const DriverError&) {
      return;
    }
    const auto upstream = ctx_.cancels.find(BackendKey{c.process_id, c.secret_key});
    if (!upstream) return;
    try {
      Fd up =
          connect_tcp(o_.upstream_host, o_.upstream_port, Clock::now() + std::chrono::seconds(10));
      wire::Buffer b;
      wire::encode(b, wire::CancelRequest{upstream->process_id, upstream->secret_key});
      write_all(up.get(), b, ctx_.stop_fd, Clock::now() + std::chrono::seconds(10));
    } catch (const ConnectionGone& e) {
      log("cancel not forwarded: " + std::string(e.what()));
    }
  }

  static std::string param(const Params& p, const std::string& name) {
    for (const auto& [n, v] : p)
      if (n == name) return v;
    return {};
  }

  bool startup(const Params& params, Clock::time_point deadline) {
    std::string user = param(params, "user");
    if (user.empty()) {
      // CrateDB: default user `crate` (vendors.md "Startup sequences").
      if (o_.vendor == Vendor::CrateDB) {
        user = "crate";
      } else {
        fatal("28000", "no username specified");
      }
    }
    std::string database = param(params, "database");
    std::string options = param(params, "options");
    if (o_.vendor == Vendor::CockroachDB) route(options, database);
    authenticate_client(user, deadline);
    return connect_upstream(params, user, database, options, deadline);
  }

  // vendors.md "Serverless routing" and "Serverless routing errors".
  void route(std::string& options, std::string& database) {
    const Routing r = extract_routing(options, database);
    if (!r.error.empty()) fatal("08004", "codeParamsRoutingFailed: " + r.error);
    if (r.cluster.empty()) {
      if (o_.require_cluster)
        fatal("08004", "codeParamsRoutingFailed: missing cluster identifier", kClusterHint);
    } else if (!o_.clusters.empty() &&
               std::find(o_.clusters.begin(), o_.clusters.end(), r.cluster) == o_.clusters.end()) {
      fatal("08004", "codeParamsRoutingFailed: cluster " + r.cluster + " not found");
    }
    options = r.options;
    database = r.database;
  }

  // Trust, or a cleartext password (vendors.md auth rows: both vendors; never MD5).
  void authenticate_client(const std::string& user, Clock::time_point deadline) {
    if (!o_.password) return;
    if (std::find(o_.trust_users.begin(), o_.trust_users.end(), user) != o_.trust_users.end())
      return;
    wire::Buffer b;
    wire::server::authentication_cleartext(b);
    write_all(client_.get(), b, ctx_.stop_fd, deadline);
    std::optional<wire::Frame> f;
    try {
      while (!(f = wire::next_frame(client_in_.live(), 10000)))
        client_in_.read_from(client_.get(), ctx_.stop_fd, deadline);
      if (f->type != 'p')
        fatal("08P01", "expected password response, got message type " + std::string(1, f->type));
      const auto pw = wire::server::parse_password(f->body);
      if (pw.password != *o_.password)
        fatal("28P01", "password authentication failed for user \"" + user + "\"");
    } catch (const DriverError&) {
      fatal("08P01", "invalid password packet");
    }
    client_in_.consume(f->total_size);
  }

  bool connect_upstream(const Params& client_params, const std::string& user,
                        const std::string& database, const std::string& options,
                        Clock::time_point deadline) {
    const std::string up_user = o_.upstream_user.empty() ? user : o_.upstream_user;
    const std::string up_db = o_.upstream_database.empty() ? database : o_.upstream_database;
    try {
      upstream_ = connect_tcp(o_.upstream_host, o_.upstream_port, deadline);
    } catch (const ConnectionGone& e) {
      if (o_.vendor == Vendor::CockroachDB)
        fatal("08004", "codeBackendDown: " + std::string(e.what()));
      fatal("08006", e.what());
    }
    const Params up_params = upstream_startup_params(o_, client_params, up_user, up_db, options);
    wire::Buffer b;
    wire::encode(b, wire::StartupMessage{up_params});
    write_all(upstream_.get(), b, ctx_.stop_fd, deadline);

    Params reported;
    BackendKey upstream_key;
    try {
      for (;;) {
        std::optional<wire::Frame> f;
        while (!(f = wire::next_frame(upstream_in_.live(), kMaxMessage)))
          upstream_in_.read_from(upstream_.get(), ctx_.stop_fd, deadline);
        const char type = f->type;
        const auto body = f->body;
        if (type == wire::msg::Authentication) {
          const auto a = wire::parse_authentication(body);
          if (a.code != wire::AuthCode::Ok)
            fatal("28000", "the stand-in logs in to PostgreSQL only as a trust user; user \"" +
                               up_user + "\" needs authentication method " +
                               std::to_string(static_cast<int>(a.code)));
        } else if (type == wire::msg::ParameterStatus) {
          const auto ps = wire::parse_parameter_status(body);
          reported.emplace_back(ps.name, ps.value);
        } else if (type == wire::msg::BackendKeyData) {
          const auto k = wire::parse_backend_key_data(body);
          upstream_key = BackendKey{k.process_id, k.secret_key};
        } else if (type == wire::msg::ErrorResponse) {
          wire::Buffer err;
          relay_error(o_.vendor, body, err);
          send_and_close(client_, err);
          return false;
        } else if (type == wire::msg::ReadyForQuery) {
          upstream_in_.consume(f->total_size);
          break;
        }  // NoticeResponse, NegotiateProtocolVersion: nothing for the client
        upstream_in_.consume(f->total_size);
      }
    } catch (const DriverError& e) {
      fatal("08006", std::string("upstream startup failed: ") + e.what());
    } catch (const ConnectionGone& e) {
      fatal("08006", std::string("upstream startup failed: ") + e.what());
    }

    key_ = ctx_.cancels.add(upstream_key);
    key_guard_.emplace(ctx_.cancels, key_);
    wire::Buffer answer;
    encode_startup_answer(answer, o_, vendor_parameters(o_, reported, user), key_);
    write_all(client_.get(), answer, ctx_.stop_fd, deadline);
    return true;
  }

  // A startup failure the client must see as a real FATAL, never as a dropped socket.
  [[noreturn]] void fatal(const std::string& sqlstate, const std::string& message,
                          const std::string& hint = {}) {
    log("refused: " + sqlstate + " " + message);
    wire::Buffer b;
    encode_error(o_.vendor, b, "FATAL", sqlstate, message, hint);
    send_and_close(client_, b);
    throw ConnectionGone("refused: " + message);
  }

  // --- after startup --------------------------------------------------------------------------

  void relay() {
    Relay relay(o_.vendor);
    // Frames that arrived together with the startup packet.
    if (!pump(client_in_, relay, true)) return;
    flush(relay);
    for (;;) {
      pollfd p[3] = {
          {client_.get(), POLLIN, 0}, {upstream_.get(), POLLIN, 0}, {ctx_.stop_fd, POLLIN, 0}};
      const int n = ::poll(p, 3, -1);
      if (n < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (p[2].revents != 0) return;
      if (p[1].revents != 0) {
        // Upstream gone: close the client too (never leave it hanging).
        upstream_in_.read_from(upstream_.get(), ctx_.stop_fd, kNoDeadline);
        if (!pump(upstream_in_, relay, false)) return;
      }
      if (p[0].revents != 0) {
        client_in_.read_from(client_.get(), ctx_.stop_fd, kNoDeadline);
        if (!pump(client_in_, relay, true)) return;
      }
      flush(relay);
      if (relay.terminated()) return;
    }
  }

  // Feeds every complete frame to the relay; false when the connection must end.
  bool pump(InBuffer& in, Relay& relay, bool from_client) {
    try {
      while (auto f = wire::next_frame(in.live(), kMaxMessage)) {
        if (from_client) {
          relay.from_client(f->type, f->body);
        } else {
          relay.from_upstream(f->type, f->body);
        }
        in.consume(f->total_size);
      }
      return true;
    } catch (const DriverError& e) {
      if (from_client) {
        wire::Buffer b;
        encode_error(o_.vendor, b, "FATAL", "08P01", e.what());
        flush(relay);
        send_and_close(client_, b);
      } else {
        log(std::string("upstream sent garbage: ") + e.what());
        flush(relay);
      }
      return false;
    }
  }

  void flush(Relay& relay) {
    if (!relay.to_upstream().empty()) {
      write_all(upstream_.get(), relay.to_upstream(), ctx_.stop_fd, kNoDeadline);
      relay.to_upstream().clear();
    }
    if (!relay.to_client().empty()) {
      write_all(client_.get(), relay.to_client(), ctx_.stop_fd, kNoDeadline);
      relay.to_client().clear();
    }
  }

  void log(const std::string& what) const {
    if (o_.verbose) std::fprintf(stderr, "pgw_standin: %s\n", what.c_str());
  }

  Fd client_;
  Fd upstream_;
  const ServerContext& ctx_;
  const Options& o_;
  InBuffer client_in_;
  InBuffer upstream_in_;
  BackendKey key_;
  std::optional<CancelKeyGuard> key_guard_;
};

}  // namespace

void serve_client(Fd client, const ServerContext& ctx) {
  try {
    Connection(std::move(client), ctx).run();
  } catch (const ConnectionGone&) {
  } catch (const std::exception& e) {
    if (ctx.options.verbose) std::fprintf(stderr, "pgw_standin: connection ended: %s\n", e.what());
  }
}

}  // namespace pgw::standin
