#include <gtest/gtest.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>

#include "common/error.hpp"
#include "net/openssl_handles.hpp"
#include "net/socket_bio.hpp"
#include "net/tcp_stream.hpp"
#include "net/tls_stream.hpp"
#include "net_test_support.hpp"

namespace pgw::net {
namespace {

using namespace std::chrono_literals;
using namespace pgw::net::testing;
namespace fs = std::filesystem;

// Throwaway PKI made with the openssl CLI: a CA, a second unrelated CA, server certificates
// (SAN localhost + 127.0.0.1, signed with SHA-256, SHA-384 and SHA-1; CN only; SAN naming another
// host; CN = an IP literal), a client certificate with an encrypted key, and two CRLs.
constexpr const char* kMakePki = R"(set -e
cd "$1"
EC="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
CA_EXT="-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign"
openssl req -x509 $EC -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=pgw test CA" $CA_EXT
openssl req -x509 $EC -nodes -keyout other_ca.key -out other_ca.crt -days 2 -subj "/CN=other CA" $CA_EXT
openssl req -new $EC -nodes -keyout server.key -out server.csr -subj "/CN=localhost"
openssl req -new -key server.key -out server_ip.csr -subj "/CN=127.0.0.1"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
printf 'subjectAltName=DNS:otherhost\n' > other_san.ext
printf 'basicConstraints=CA:FALSE\n' > no_san.ext
sign() { openssl x509 -req -in "$1" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 "$3" -extfile "$4" -out "$2"; }
sign server.csr server.crt -sha256 san.ext
sign server.csr server384.crt -sha384 san.ext
sign server.csr server_sha1.crt -sha1 san.ext
sign server.csr server_cn_only.crt -sha256 no_san.ext
sign server.csr server_other_san.crt -sha256 other_san.ext
sign server_ip.csr server_cn_ip.crt -sha256 no_san.ext
openssl req -new $EC -passout pass:clientpw -keyout client.key -out client.csr -subj "/CN=alice"
sign client.csr client.crt -sha256 no_san.ext
openssl pkey -in client.key -passin pass:clientpw -outform DER -out client_der.key
chmod 600 client.key client_der.key server.key
printf '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\ncrlnumber=crlnumber\ndefault_md=sha256\ndefault_crl_days=2\n' > ca.cnf
: > index.txt
echo 01 > crlnumber
openssl ca -batch -config ca.cnf -keyfile ca.key -cert ca.crt -gencrl -out crl_empty.pem
openssl ca -batch -config ca.cnf -keyfile ca.key -cert ca.crt -revoke server.crt
openssl ca -batch -config ca.cnf -keyfile ca.key -cert ca.crt -gencrl -out crl_revoked.pem
openssl x509 -in server.crt -outform DER | openssl dgst -sha256 -binary > server.crt.sha256
openssl x509 -in server384.crt -outform DER | openssl dgst -sha384 -binary > server384.crt.sha384
openssl x509 -in server_sha1.crt -outform DER | openssl dgst -sha256 -binary > server_sha1.crt.sha256
)";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string subject_cn(X509* cert) {
  if (cert == nullptr) return "";
  char buf[256] = "";
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, buf, sizeof buf);
  return buf;
}

// What the server side observed of one connection.
struct Seen {
  bool handshake_ok = false;
  std::string sni;        // server name sent by the client, "" if none
  std::string client_cn;  // CN of the client certificate, "" if none was presented
};

enum class ServerScript {
  PingPong,            // answer "ping" with "pong", then read until the client goes away
  DropAfterHandshake,  // close the TCP connection without close_notify
  CloseNotifyAfterHandshake,
};

// A one-connection TLS server on a thread, built with OpenSSL like the client.
class TlsServer {
 public:
  TlsServer(const fs::path& dir, const std::string& cert,
            ServerScript script = ServerScript::PingPong, bool request_client_cert = false)
      : listener_(listen_local()), script_(script) {
    ctx_.reset(SSL_CTX_new(TLS_server_method()));
    SSL_CTX_set_security_level(ctx_.get(), 0);  // so the SHA-1 certificate can be served
    if (SSL_CTX_use_certificate_chain_file(ctx_.get(), (dir / cert).c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx_.get(), (dir / "server.key").c_str(), SSL_FILETYPE_PEM) !=
            1) {
      ADD_FAILURE() << "server cannot load " << cert;
    }
    if (request_client_cert) {
      // Ask for a certificate and accept whatever comes: the test inspects it.
      SSL_CTX_set_verify(ctx_.get(), SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
      SSL_CTX_set_client_CA_list(ctx_.get(), SSL_load_client_CA_file((dir / "ca.crt").c_str()));
    }
    thread_ = std::thread([this] { run(); });
  }
  ~TlsServer() {
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() const { return listener_.port; }
  // Waits for the server to finish; the client must have closed (or failed) by then.
  Seen finish() {
    if (thread_.joinable()) thread_.join();
    return seen_;
  }

 private:
  void run() {
    UniqueFd fd = accept_one(listener_.fd.get());
    if (!fd.valid()) return;
    SocketBioState bio_state{fd.get()};
    SslPtr ssl(SSL_new(ctx_.get()));
    BioPtr bio = make_socket_bio(bio_state);  // MSG_NOSIGNAL: the client may vanish mid-write
    SSL_set_bio(ssl.get(), bio.get(), bio.get());
    static_cast<void>(bio.release());
    if (SSL_accept(ssl.get()) != 1) return;
    seen_.handshake_ok = true;
    if (const char* name = SSL_get_servername(ssl.get(), TLSEXT_NAMETYPE_host_name))
      seen_.sni = name;
    seen_.client_cn = subject_cn(SSL_get0_peer_certificate(ssl.get()));
    if (script_ == ServerScript::DropAfterHandshake) return;
    if (script_ == ServerScript::CloseNotifyAfterHandshake) {
      SSL_shutdown(ssl.get());
      char c;
      SSL_read(ssl.get(), &c, 1);  // wait for the client to go away
      return;
    }
    std::string received;
    char buf[256];
    for (;;) {
      const int n = SSL_read(ssl.get(), buf, sizeof buf);
      if (n <= 0) return;
      received.append(buf, static_cast<std::size_t>(n));
      if (received == "ping") SSL_write(ssl.get(), "pong", 4);
    }
  }

  Listener listener_;
  ServerScript script_;
  SslCtxPtr ctx_;
  Seen seen_;
  std::thread thread_;
};

class NetTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char dir_template[] = "/tmp/pgw_net_tls_XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    std::ofstream(dir_ / "make_pki.sh") << kMakePki;
    const std::string cmd = "sh '" + (dir_ / "make_pki.sh").string() + "' '" + dir_.string() +
                            "' > '" + (dir_ / "make_pki.log").string() + "' 2>&1";
    pki_ok_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  void SetUp() override {
    ASSERT_TRUE(pki_ok_) << "certificate generation failed, see " << (dir_ / "make_pki.log")
                         << ":\n"
                         << read_file(dir_ / "make_pki.log");
    // An empty home, so that no real ~/.postgresql/root.crt influences the tests.
    if (const char* home = std::getenv("HOME")) saved_home_ = home;
    home_ = dir_ / ("home_" +
                    std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(home_);
    ::setenv("HOME", home_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_home_) {
      ::setenv("HOME", saved_home_->c_str(), 1);
    } else {
      ::unsetenv("HOME");
    }
  }

  static std::string file(const char* name) { return (dir_ / name).string(); }

  static TlsOptions options(SslMode mode, const std::string& root_cert = "") {
    TlsOptions o;
    o.mode = mode;
    o.root_cert = root_cert.empty() ? "" : file(root_cert.c_str());
    return o;
  }

  static std::unique_ptr<Stream> connect(std::uint16_t port, const TlsOptions& opts,
                                         const std::string& host = "localhost") {
    return start_tls(connect_tcp("127.0.0.1", port, in(10s)), opts, host, in(10s));
  }

  // Connects, exchanges ping/pong, closes; returns what the server saw.
  static Seen round_trip(const std::string& cert, const TlsOptions& opts,
                         const std::string& host = "localhost", bool request_client_cert = false) {
    TlsServer server(dir_, cert, ServerScript::PingPong, request_client_cert);
    {
      auto s = connect(server.port(), opts, host);
      EXPECT_TRUE(s->is_tls());
      s->write_all(bytes("ping"), in(10s));
      EXPECT_EQ(read_exactly(*s, 4, in(10s)), "pong");
    }
    return server.finish();
  }

  // The DriverError of a connection attempt, as "SQLSTATE: message".
  static std::string connect_error(const std::string& cert, const TlsOptions& opts,
                                   const std::string& host = "localhost") {
    TlsServer server(dir_, cert);
    return error_of([&] { connect(server.port(), opts, host); });
  }

  static std::string handshake_failure(std::uint16_t port, const std::string& reason) {
    return "08001: SSL handshake with 127.0.0.1:" + std::to_string(port) + " failed: " + reason;
  }

  static inline fs::path dir_;
  static inline bool pki_ok_ = false;
  fs::path home_;
  std::optional<std::string> saved_home_;
};

TEST_F(NetTls, RequireEncryptsWithoutRootCertificate) {
  const Seen seen = round_trip("server.crt", options(SslMode::Require));
  EXPECT_TRUE(seen.handshake_ok);
  EXPECT_EQ(seen.sni, "localhost");
  EXPECT_EQ(seen.client_cn, "");
}

TEST_F(NetTls, RequireIgnoresAMissingExplicitRootCertificate) {
  // libpq: only the verify modes insist on the root certificate file.
  EXPECT_TRUE(round_trip("server.crt", options(SslMode::Require, "missing.crt")).handshake_ok);
}

TEST_F(NetTls, RequireWithRootCertificateVerifiesLikeVerifyCa) {
  TlsServer server(dir_, "server.crt");
  EXPECT_EQ(error_of([&] { connect(server.port(), options(SslMode::Require, "other_ca.crt")); }),
            handshake_failure(server.port(),
                              "certificate verify failed: unable to get local issuer certificate"));
  // ...but, like verify-ca, does not check the host name.
  EXPECT_TRUE(
      round_trip("server.crt", options(SslMode::Require, "ca.crt"), "wrong.example").handshake_ok);
}

TEST_F(NetTls, DefaultRootCertificateInHomeIsUsed) {
  fs::create_directories(home_ / ".postgresql");
  fs::copy_file(dir_ / "other_ca.crt", home_ / ".postgresql/root.crt");
  TlsServer server(dir_, "server.crt");
  EXPECT_EQ(error_of([&] { connect(server.port(), options(SslMode::Prefer)); }),
            handshake_failure(server.port(),
                              "certificate verify failed: unable to get local issuer certificate"));
  fs::copy_file(dir_ / "ca.crt", home_ / ".postgresql/root.crt",
                fs::copy_options::overwrite_existing);
  EXPECT_TRUE(round_trip("server.crt", options(SslMode::VerifyFull)).handshake_ok);
}

TEST_F(NetTls, VerifyFullAcceptsNameAndIpSans) {
  EXPECT_EQ(round_trip("server.crt", options(SslMode::VerifyFull, "ca.crt"), "localhost").sni,
            "localhost");
  // No SNI for an IP literal (RFC 6066).
  EXPECT_EQ(round_trip("server.crt", options(SslMode::VerifyFull, "ca.crt"), "127.0.0.1").sni, "");
}

TEST_F(NetTls, VerifyFullRejectsWrongName) {
  EXPECT_EQ(
      connect_error("server.crt", options(SslMode::VerifyFull, "ca.crt"), "wrong.example"),
      "08001: server certificate does not match host name \"wrong.example\" (certificate names: "
      "localhost, 127.0.0.1, CN=localhost)");
  EXPECT_EQ(connect_error("server.crt", options(SslMode::VerifyFull, "ca.crt"), "127.0.0.2"),
            "08001: server certificate does not match host name \"127.0.0.2\" (certificate names: "
            "localhost, 127.0.0.1, CN=localhost)");
}

TEST_F(NetTls, VerifyCaDoesNotCheckTheName) {
  EXPECT_TRUE(
      round_trip("server.crt", options(SslMode::VerifyCa, "ca.crt"), "wrong.example").handshake_ok);
}

TEST_F(NetTls, VerifyCaRejectsWrongCa) {
  TlsServer server(dir_, "server.crt");
  EXPECT_EQ(error_of([&] { connect(server.port(), options(SslMode::VerifyCa, "other_ca.crt")); }),
            handshake_failure(server.port(),
                              "certificate verify failed: unable to get local issuer certificate"));
}

TEST_F(NetTls, VerifyModesNeedARootCertificate) {
  EXPECT_EQ(connect_error("server.crt", options(SslMode::VerifyCa)),
            "08001: root certificate file \"" + (home_ / ".postgresql/root.crt").string() +
                "\" does not exist; either provide the file, use the system's trusted roots with "
                "sslrootcert=system, or change sslmode to disable server certificate verification");
  EXPECT_EQ(connect_error("server.crt", options(SslMode::VerifyFull, "missing.crt")).substr(0, 60),
            "08001: root certificate file \"" + file("missing.crt").substr(0, 30));
}

TEST_F(NetTls, SystemRootStore) {
  // OpenSSL's default verify paths honour SSL_CERT_FILE.
  ::setenv("SSL_CERT_FILE", file("ca.crt").c_str(), 1);
  TlsOptions opts = options(SslMode::VerifyFull);
  opts.root_cert = "system";
  EXPECT_TRUE(round_trip("server.crt", opts).handshake_ok);
  ::setenv("SSL_CERT_FILE", file("other_ca.crt").c_str(), 1);
  const std::string err = connect_error("server.crt", opts);
  ::unsetenv("SSL_CERT_FILE");
  EXPECT_NE(err.find("certificate verify failed"), std::string::npos) << err;
}

TEST_F(NetTls, CommonNameUsedOnlyWithoutDnsSan) {
  EXPECT_TRUE(round_trip("server_cn_only.crt", options(SslMode::VerifyFull, "ca.crt"), "localhost")
                  .handshake_ok);
  // CN=localhost but SAN DNS:otherhost: the CN must be ignored.
  EXPECT_EQ(
      connect_error("server_other_san.crt", options(SslMode::VerifyFull, "ca.crt"), "localhost"),
      "08001: server certificate does not match host name \"localhost\" (certificate names: "
      "otherhost, CN=localhost)");
  EXPECT_TRUE(
      round_trip("server_other_san.crt", options(SslMode::VerifyFull, "ca.crt"), "otherhost")
          .handshake_ok);
}

TEST_F(NetTls, IpLiteralFallsBackToCnWithoutIpSan) {
  EXPECT_TRUE(round_trip("server_cn_ip.crt", options(SslMode::VerifyFull, "ca.crt"), "127.0.0.1")
                  .handshake_ok);
  EXPECT_NE(
      connect_error("server_cn_only.crt", options(SslMode::VerifyFull, "ca.crt"), "127.0.0.1"),
      "no error");
}

TEST_F(NetTls, SniCanBeDisabled) {
  TlsOptions opts = options(SslMode::Require);
  opts.sni = false;
  EXPECT_EQ(round_trip("server.crt", opts).sni, "");
}

TEST_F(NetTls, ClientCertificateIsPresented) {
  TlsOptions opts = options(SslMode::VerifyFull, "ca.crt");
  opts.cert = file("client.crt");
  opts.key = file("client.key");
  opts.key_password = "clientpw";
  EXPECT_EQ(round_trip("server.crt", opts, "localhost", true).client_cn, "alice");
  EXPECT_EQ(
      round_trip("server.crt", options(SslMode::VerifyFull, "ca.crt"), "localhost", true).client_cn,
      "");
}

TEST_F(NetTls, DerClientKeyIsAccepted) {
  TlsOptions opts = options(SslMode::Require);
  opts.cert = file("client.crt");
  opts.key = file("client_der.key");
  EXPECT_EQ(round_trip("server.crt", opts, "localhost", true).client_cn, "alice");
}

TEST_F(NetTls, DefaultClientCertificateInHomeIsUsed) {
  fs::create_directories(home_ / ".postgresql");
  fs::copy_file(dir_ / "client.crt", home_ / ".postgresql/postgresql.crt");
  fs::copy_file(dir_ / "client.key", home_ / ".postgresql/postgresql.key");
  TlsOptions opts = options(SslMode::Require);
  opts.key_password = "clientpw";
  EXPECT_EQ(round_trip("server.crt", opts, "localhost", true).client_cn, "alice");
}

TEST_F(NetTls, ClientKeyProblemsAre08001) {
  TlsOptions opts = options(SslMode::Require);
  opts.cert = file("client.crt");
  opts.key = file("client.key");
  opts.key_password = "wrong";
  // OpenSSL's reason varies ("bad decrypt", or a parse error when a wrong key happens to pass
  // the padding check), so only the part that is ours is compared.
  const std::string prefix = "08001: could not load private key file \"" + opts.key + "\": ";
  EXPECT_EQ(connect_error("server.crt", opts).substr(0, prefix.size()), prefix);
  opts.key_password.clear();  // must fail, not prompt on the terminal
  EXPECT_NE(connect_error("server.crt", opts), "no error");

  fs::copy_file(dir_ / "client.key", home_ / "open.key");
  fs::permissions(home_ / "open.key", fs::perms::others_read, fs::perm_options::add);
  opts.key = (home_ / "open.key").string();
  opts.key_password = "clientpw";
  EXPECT_EQ(
      connect_error("server.crt", opts),
      "08001: private key file \"" + opts.key +
          "\" has group or world access; file must have permissions u=rw (0600) or less if owned "
          "by the current user, or permissions u=rw,g=r (0640) or less if owned by root");

  opts.key = (home_ / "absent.key").string();
  EXPECT_EQ(connect_error("server.crt", opts),
            "08001: certificate present, but not private key file \"" + opts.key + "\"");

  opts.key = file("server.key");  // a key that does not belong to the certificate
  EXPECT_EQ(connect_error("server.crt", opts),
            "08001: certificate does not match private key file \"" + opts.key +
                "\": key values mismatch");
}

TEST_F(NetTls, RevokedServerCertificateRejected) {
  TlsOptions opts = options(SslMode::VerifyCa, "ca.crt");
  opts.crl = file("crl_empty.pem");
  EXPECT_TRUE(round_trip("server.crt", opts).handshake_ok);
  opts.crl = file("crl_revoked.pem");
  TlsServer server(dir_, "server.crt");
  EXPECT_EQ(error_of([&] { connect(server.port(), opts); }),
            handshake_failure(server.port(), "certificate verify failed: certificate revoked"));
  opts.crl = file("missing.crl");
  EXPECT_EQ(connect_error("server.crt", opts),
            "08001: certificate revocation list file \"" + opts.crl + "\" does not exist");
}

TEST_F(NetTls, ServerEndPointIsSha256OfCertificate) {
  TlsServer server(dir_, "server.crt");
  auto s = connect(server.port(), options(SslMode::Require));
  const auto ep = s->tls_server_end_point();
  const std::string expected = read_file(dir_ / "server.crt.sha256");
  ASSERT_EQ(expected.size(), 32u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ep.data()), ep.size()), expected);
}

TEST_F(NetTls, ServerEndPointFollowsSignatureHash) {
  TlsServer server(dir_, "server384.crt");
  auto s = connect(server.port(), options(SslMode::Require));
  const auto ep = s->tls_server_end_point();
  const std::string expected = read_file(dir_ / "server384.crt.sha384");
  ASSERT_EQ(expected.size(), 48u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ep.data()), ep.size()), expected);
}

TEST_F(NetTls, ServerEndPointUsesSha256ForSha1Signature) {
  TlsServer server(dir_, "server_sha1.crt");
  auto s = connect(server.port(), options(SslMode::Require));
  const auto ep = s->tls_server_end_point();
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ep.data()), ep.size()),
            read_file(dir_ / "server_sha1.crt.sha256"));
}

TEST_F(NetTls, ReadableNowCountsBufferedTlsBytes) {
  TlsServer server(dir_, "server.crt");
  {
    auto s = connect(server.port(), options(SslMode::Require));
    // Nothing sent yet (a TLS 1.3 session ticket may be on the socket, but it is no data).
    EXPECT_FALSE(s->readable_now());
    s->write_all(bytes("ping"), in(10s));
    EXPECT_EQ(read_exactly(*s, 1, in(10s)), "p");
    // The rest of the record sits decrypted inside OpenSSL, not on the socket.
    EXPECT_TRUE(s->readable_now());
    EXPECT_EQ(read_exactly(*s, 3, in(10s)), "ong");
    EXPECT_FALSE(s->readable_now());
  }
  server.finish();
}

TEST_F(NetTls, ReadDeadlineIsHYT00) {
  TlsServer server(dir_, "server.crt");
  auto s = connect(server.port(), options(SslMode::Require));
  std::byte buf[8];
  const auto start = Clock::now();
  EXPECT_EQ(error_of([&] { s->read_some(buf, start + 50ms); }),
            "HYT00: timeout expired while reading from the server");
  EXPECT_GE(Clock::now() - start, 50ms);
}

TEST_F(NetTls, HandshakeDeadlineIsHYT00) {
  Listener silent = listen_local();  // completes TCP connects, never answers ClientHello
  auto tcp = connect_tcp("127.0.0.1", silent.port, in(10s));
  const auto start = Clock::now();
  EXPECT_EQ(error_of([&] {
              start_tls(std::move(tcp), options(SslMode::Require), "localhost", start + 100ms);
            }),
            "HYT00: timeout expired during the SSL handshake with 127.0.0.1:" +
                std::to_string(silent.port));
  EXPECT_GE(Clock::now() - start, 100ms);
}

TEST_F(NetTls, ServerClosingDuringHandshakeIs08001) {
  Listener l = listen_local();
  std::thread closer([&] { accept_one(l.fd.get()).reset(); });
  const std::string err = error_of([&] { connect(l.port, options(SslMode::Require)); });
  closer.join();
  // Closing with our ClientHello unread makes the kernel send a reset, so either reason is right.
  EXPECT_TRUE(err == handshake_failure(l.port, "server closed the connection unexpectedly") ||
              err == handshake_failure(l.port, "Connection reset by peer"))
      << err;
}

TEST_F(NetTls, ServerDroppingConnectionIs08S01) {
  TlsServer server(dir_, "server.crt", ServerScript::DropAfterHandshake);
  auto s = connect(server.port(), options(SslMode::Require));
  server.finish();
  std::byte buf[8];
  EXPECT_EQ(error_of([&] { s->read_some(buf, in(10s)); }),
            "08S01: server closed the connection unexpectedly");
  // Writing to the dead peer fails cleanly (MSG_NOSIGNAL: no SIGPIPE).
  std::string err = "no error";
  for (int i = 0; i < 100 && err == "no error"; ++i) {
    err = error_of([&] { s->write_all(bytes("more"), in(10s)); });
  }
  EXPECT_EQ(err.substr(0, 6), "08S01:") << err;
}

TEST_F(NetTls, ServerCloseNotifyIs08S01) {
  TlsServer server(dir_, "server.crt", ServerScript::CloseNotifyAfterHandshake);
  {
    auto s = connect(server.port(), options(SslMode::Require));
    std::byte buf[8];
    EXPECT_EQ(error_of([&] { s->read_some(buf, in(10s)); }),
              "08S01: server closed the connection unexpectedly");
  }
  server.finish();
}

TEST_F(NetTls, ClosedStreamThrows08S01) {
  TlsServer server(dir_, "server.crt");
  auto s = connect(server.port(), options(SslMode::Require));
  s->close();
  s->close();
  std::byte buf[8];
  EXPECT_EQ(error_of([&] { s->read_some(buf, in(1s)); }),
            "08S01: connection to server lost: the connection is closed");
  EXPECT_TRUE(s->readable_now());
}

}  // namespace
}  // namespace pgw::net
