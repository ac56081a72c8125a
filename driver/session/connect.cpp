// Session::connect: per-host TCP/TLS negotiation (libpq sslmode rules), then the startup and
// authentication exchange, then the multi-host failure summary.
#include <optional>
#include <string>

#include "auth/md5_password.hpp"
#include "auth/scram_client.hpp"
#include "net/tcp_stream.hpp"
#include "net/tls_stream.hpp"
#include "session/session_impl.hpp"
#include "wire/frontend.hpp"

namespace pgw::session {

namespace {

std::string host_label(const HostSpec& h) {
  if (!h.host.empty() && h.host.front() == '/')
    return h.host + "/.s.PGSQL." + std::to_string(h.port);
  const bool v6 = h.host.find(':') != std::string::npos;
  return (v6 ? "[" + h.host + "]" : h.host) + ":" + std::to_string(h.port);
}

auth::ChannelBindingPolicy policy_of(ChannelBinding cb) {
  switch (cb) {
    case ChannelBinding::Disable:
      return auth::ChannelBindingPolicy::Disable;
    case ChannelBinding::Require:
      return auth::ChannelBindingPolicy::Require;
    case ChannelBinding::Prefer:
      break;
  }
  return auth::ChannelBindingPolicy::Prefer;
}

std::string as_string(std::span<const std::byte> s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

[[noreturn]] void password_required(const ConnectParams& p) {
  throw DriverError("28000",
                    "password required: the server requested password authentication for user \"" +
                        p.user + "\" but no password was supplied");
}

// The authentication exchange and everything up to the first ReadyForQuery.
class Startup {
 public:
  Startup(Session::Impl& s, const ConnectParams& p, std::string user, Clock::time_point deadline)
      : s_(s), p_(p), user_(std::move(user)), deadline_(deadline) {}

  void run(const std::vector<std::pair<std::string, std::string>>& params) {
    wire::encode(s_.out, wire::StartupMessage{params});
    s_.flush_out(deadline_);
    for (;;) {
      const wire::Frame f = s_.read_frame(deadline_);
      switch (f.type) {
        case wire::msg::Authentication:
          on_auth(wire::parse_authentication(f.body));
          break;
        case wire::msg::ErrorResponse:
          throw DriverError(wire::parse_error_fields(f.body));
        case wire::msg::NegotiateProtocolVersion: {
          // We ask for 3.0 without _pq_ options, so this only reports what the server ignored.
          const auto v = wire::parse_negotiate_protocol_version(f.body);
          if (!v.unsupported_options.empty()) {
            ServerFields n;
            n.severity = "NOTICE";
            n.sqlstate = "01000";
            n.message = "server does not support protocol options:";
            for (auto o : v.unsupported_options) n.message.append(" ").append(o);
            s_.add_notice(std::move(n));
          }
          break;
        }
        case wire::msg::ParameterStatus: {
          const auto ps = wire::parse_parameter_status(f.body);
          s_.set_parameter(ps.name, ps.value);
          break;
        }
        case wire::msg::BackendKeyData: {
          const auto k = wire::parse_backend_key_data(f.body);
          s_.process_id = k.process_id;
          s_.secret_key = k.secret_key;
          break;
        }
        case wire::msg::NoticeResponse:
          s_.add_notice(wire::parse_error_fields(f.body, "NoticeResponse"));
          break;
        case wire::msg::ReadyForQuery:
          if (!authenticated_)
            throw DriverError("08P01", "server sent ReadyForQuery before authentication completed");
          s_.tx = static_cast<TxStatus>(wire::parse_ready_for_query(f.body));
          s_.in_begin += s_.current_size;
          s_.current_size = 0;
          return;
        default:
          throw DriverError("08P01", std::string("unexpected message type '") + f.type +
                                         "' from server during startup");
      }
    }
  }

 private:
  void on_auth(const wire::Authentication& a) {
    if (authenticated_ && a.code != wire::AuthCode::Ok)
      throw DriverError("08P01", "server sent an authentication request after AuthenticationOk");
    switch (a.code) {
      case wire::AuthCode::Ok:
        if (scram_ && !scram_->server_verified())
          throw DriverError("08001",
                            "server sent AuthenticationOk before completing SCRAM authentication");
        if (p_.channel_binding == ChannelBinding::Require && !(scram_ && plus_))
          throw DriverError(
              "08001",
              "channel binding required, but the server authenticated the client without "
              "channel binding");
        authenticated_ = true;
        return;
      case wire::AuthCode::CleartextPassword:
      case wire::AuthCode::MD5Password: {
        const bool md5 = a.code == wire::AuthCode::MD5Password;
        if (p_.channel_binding == ChannelBinding::Require)
          throw DriverError("08001",
                            std::string("channel binding required, but the server requested ") +
                                (md5 ? "MD5" : "cleartext") + " password authentication");
        if (p_.password.empty()) password_required(p_);
        std::string pw;
        if (md5) {
          pw = auth::md5_password(user_, p_.password, a.salt);
        } else {
          pw = p_.password;
        }
        wire::encode(s_.out, wire::PasswordMessage{pw});
        s_.flush_out(deadline_);
        return;
      }
      case wire::AuthCode::SASL:
        start_scram(a.mechanisms);
        return;
      case wire::AuthCode::SASLContinue: {
        if (!scram_) throw DriverError("08P01", "server sent SASLContinue without a SASL exchange");
        const std::string reply = scram_->client_final(as_string(a.data));
        wire::encode(s_.out, wire::SASLResponse{reply});
        s_.flush_out(deadline_);
        return;
      }
      case wire::AuthCode::SASLFinal:
        if (!scram_) throw DriverError("08P01", "server sent SASLFinal without a SASL exchange");
        scram_->verify_server_final(as_string(a.data));
        return;
      case wire::AuthCode::KerberosV5:
        throw DriverError(
            "08001", "the server requested Kerberos V5 authentication, which is not supported");
      case wire::AuthCode::GSS:
      case wire::AuthCode::GSSContinue:
        throw DriverError("08001",
                          "the server requested GSSAPI authentication, which is not supported");
      case wire::AuthCode::SSPI:
        throw DriverError("08001",
                          "the server requested SSPI authentication, which is not supported");
    }
    throw DriverError("08P01", "unexpected authentication request from server");
  }

  void start_scram(const std::vector<std::string_view>& mechanisms) {
    if (scram_) throw DriverError("08P01", "server started a second SASL exchange");
    std::vector<std::string> offered(mechanisms.begin(), mechanisms.end());
    std::vector<std::byte> end_point;
    if (p_.channel_binding != ChannelBinding::Disable && s_.tls)
      end_point = s_.stream->tls_server_end_point();
    const auto mech = auth::ScramClient::choose_mechanism(offered, !end_point.empty(),
                                                          policy_of(p_.channel_binding));
    if (!mech) {
      std::string list;
      for (const auto& m : offered) list += (list.empty() ? "" : ", ") + m;
      if (p_.channel_binding == ChannelBinding::Require)
        throw DriverError("08001", std::string("channel binding required, but ") +
                                       (s_.tls ? "the server does not offer SCRAM-SHA-256-PLUS"
                                               : "the connection does not use TLS") +
                                       " (server offers: " + list + ")");
      throw DriverError(
          "08001",
          "none of the server's SASL authentication mechanisms are supported (server offers: " +
              list + ")");
    }
    if (p_.password.empty()) password_required(p_);
    plus_ = *mech == auth::kScramSha256Plus;
    scram_.emplace(p_.password, std::move(end_point), plus_);
    const std::string first = scram_->client_first();
    wire::encode(s_.out, wire::SASLInitialResponse{*mech, first});
    s_.flush_out(deadline_);
  }

  Session::Impl& s_;
  const ConnectParams& p_;
  std::string user_;
  Clock::time_point deadline_;
  std::optional<auth::ScramClient> scram_;
  bool plus_ = false;
  bool authenticated_ = false;
};

enum class TlsStep { Never, IfAccepted, Required };

// One connection attempt to one host. `tls_used` tells the caller, on failure too, whether the
// server had accepted TLS, which decides the sslmode fallbacks.
std::unique_ptr<Session::Impl> attempt(const ConnectParams& p, const HostSpec& h, TlsStep step,
                                       Clock::time_point deadline, bool& tls_used) {
  tls_used = false;
  auto tcp = net::connect_tcp(h.host, h.port, deadline);
  auto s = std::make_unique<Session::Impl>();
  s->host = h;
  s->tls_options = p.tls;
  s->max_message_bytes = p.max_message_bytes;
  if (step == TlsStep::Never) {
    s->stream = std::move(tcp);
  } else {
    wire::Buffer req;
    wire::encode(req, wire::SSLRequest{});
    tcp->write_all(req, deadline);
    // Exactly one byte: anything the server sent after 'S' must go through TLS, never be taken
    // from the plaintext socket (the CVE-2021-23222 buffer-stuffing attack).
    std::byte answer{};
    tcp->read_some(std::span(&answer, 1), deadline);
    if (answer == std::byte{'S'}) {
      tls_used = true;
      s->stream = net::start_tls(std::move(tcp), p.tls, h.host, deadline);
      s->tls = true;
    } else if (answer == std::byte{'N'}) {
      if (step == TlsStep::Required)
        throw DriverError("08001", "the server does not support SSL, but SSL was required");
      s->stream = std::move(tcp);
    } else if (answer == std::byte{'E'}) {
      throw DriverError(
          "08001",
          "the server answered the SSL request with an error (server too old or overloaded)");
    } else {
      throw DriverError("08001", "received an invalid response to the SSL request: byte " +
                                     std::to_string(std::to_integer<int>(answer)));
    }
  }
  auto params = startup_parameters(p);
  Startup(*s, p, params.front().second, deadline).run(params);
  return s;
}

// libpq retries the other way only when the server refused the session itself; a wrong password
// (28P01) would fail the same way again, and a passed deadline leaves no time.
bool worth_retrying(const DriverError& e) {
  return e.sqlstate() != "28P01" && e.sqlstate() != "HYT00";
}

std::unique_ptr<Session::Impl> connect_host(const ConnectParams& p, const HostSpec& h) {
  const auto deadline =
      p.connect_timeout.count() > 0 ? Clock::now() + p.connect_timeout : kNoDeadline;
  // libpq never uses TLS over Unix-domain sockets, whatever sslmode says.
  const bool unix_socket = !h.host.empty() && h.host.front() == '/';
  const net::SslMode mode = unix_socket ? net::SslMode::Disable : p.tls.mode;
  bool tls_used = false;
  switch (mode) {
    case net::SslMode::Disable:
      return attempt(p, h, TlsStep::Never, deadline, tls_used);
    case net::SslMode::Allow:
      try {
        return attempt(p, h, TlsStep::Never, deadline, tls_used);
      } catch (const DriverError& e) {
        if (!e.from_server() || !worth_retrying(e)) throw;
      }
      return attempt(p, h, TlsStep::Required, deadline, tls_used);
    case net::SslMode::Prefer:
      try {
        return attempt(p, h, TlsStep::IfAccepted, deadline, tls_used);
      } catch (const DriverError& e) {
        if (!tls_used || !worth_retrying(e)) throw;
      }
      return attempt(p, h, TlsStep::Never, deadline, tls_used);
    case net::SslMode::Require:
    case net::SslMode::VerifyCa:
    case net::SslMode::VerifyFull:
      break;
  }
  return attempt(p, h, TlsStep::Required, deadline, tls_used);
}

// Transport failures during startup are connection failures (08001), not lost sessions (08S01).
DriverError as_connect_error(const DriverError& e) {
  if (e.from_server()) return e;
  const std::string& st = e.sqlstate();
  if (st == "08S01" || st == "08P01") return DriverError("08001", e.what());
  return e;
}

}  // namespace

std::unique_ptr<Session> Session::connect(const ConnectParams& params) {
  if (params.hosts.empty()) throw DriverError("08001", "no host to connect to");
  std::vector<std::string> failures;
  std::optional<DriverError> last;
  for (const HostSpec& h : params.hosts) {
    try {
      return std::unique_ptr<Session>(new Session(connect_host(params, h)));
    } catch (const DriverError& e) {
      last = as_connect_error(e);
      failures.push_back(host_label(h) + ": " + last->what());
    }
  }
  if (params.hosts.size() == 1) throw *last;
  std::string msg =
      "could not connect to any of " + std::to_string(params.hosts.size()) + " hosts: ";
  for (std::size_t i = 0; i < failures.size(); ++i) msg += (i ? "; " : "") + failures[i];
  const std::string& st = last->sqlstate();
  throw DriverError(st.rfind("28", 0) == 0 ? st : "08001", msg);
}

}  // namespace pgw::session
