#include "net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "net/fd_wait.hpp"
#include "net/openssl_errors.hpp"

namespace pgw::net {
namespace {

// libpq's default file names under ~/.postgresql.
constexpr const char* kRootCertFile = ".postgresql/root.crt";
constexpr const char* kRootCrlFile = ".postgresql/root.crl";
constexpr const char* kUserCertFile = ".postgresql/postgresql.crt";
constexpr const char* kUserKeyFile = ".postgresql/postgresql.key";

[[noreturn]] void fail(const std::string& message) {
  throw DriverError("08001", message);
}

std::optional<std::string> home_directory() {
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return home;
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* result = nullptr;
  if (::getpwuid_r(::geteuid(), &pw, buf.data(), buf.size(), &result) == 0 && result != nullptr &&
      result->pw_dir != nullptr) {
    return std::string(result->pw_dir);
  }
  return std::nullopt;
}

// The explicit path if given, else the default under the home directory (empty if no home).
std::string file_or_default(const std::string& given, const char* default_name) {
  if (!given.empty()) return given;
  const auto home = home_directory();
  return home ? *home + "/" + default_name : std::string();
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return !path.empty() && ::stat(path.c_str(), &st) == 0;
}

// OpenSSL asks this for the key passphrase. It is always installed so that OpenSSL never falls
// back to prompting on the application's terminal; an empty password simply fails to decrypt.
int key_password_callback(char* buf, int size, int, void* userdata) {
  const auto* password = static_cast<const std::string*>(userdata);
  if (password == nullptr || size <= 0) return 0;
  const std::size_t n = std::min(password->size(), static_cast<std::size_t>(size));
  std::memcpy(buf, password->data(), n);
  return static_cast<int>(n);
}

void load_crl(SSL_CTX* ctx, const TlsOptions& opts) {
  std::string path = opts.crl;
  if (path.empty()) {
    path = file_or_default("", kRootCrlFile);
    if (!file_exists(path)) return;  // the default CRL is optional
  } else if (!file_exists(path)) {
    // Stricter than libpq (which silently skips it): a CRL the user named but we cannot find
    // would otherwise mean revoked certificates are quietly accepted.
    fail("certificate revocation list file \"" + path + "\" does not exist");
  }
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  if (store == nullptr || X509_STORE_load_file(store, path.c_str()) != 1) {
    fail("could not load certificate revocation list file \"" + path +
         "\": " + take_openssl_error());
  }
  // As libpq: check every certificate of the chain, not only the server's own.
  X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
}

// Returns whether the chain will be verified.
bool load_root_certificates(SSL_CTX* ctx, const TlsOptions& opts) {
  const bool verify_mode = opts.mode == SslMode::VerifyCa || opts.mode == SslMode::VerifyFull;
  if (opts.root_cert == "system") {
    if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
      fail("could not load system root certificate paths: " + take_openssl_error());
    }
    load_crl(ctx, opts);
    return true;
  }
  const std::string path = file_or_default(opts.root_cert, kRootCertFile);
  if (!file_exists(path)) {
    if (!verify_mode) return false;  // libpq: encrypt without verifying
    if (path.empty()) {
      fail(
          "could not get home directory to locate root certificate file; either provide the "
          "file, use the system's trusted roots with sslrootcert=system, or change sslmode to "
          "disable server certificate verification");
    }
    fail("root certificate file \"" + path +
         "\" does not exist; either provide the file, use the system's trusted roots with "
         "sslrootcert=system, or change sslmode to disable server certificate verification");
  }
  if (SSL_CTX_load_verify_locations(ctx, path.c_str(), nullptr) != 1) {
    fail("could not read root certificate file \"" + path + "\": " + take_openssl_error());
  }
  load_crl(ctx, opts);
  return true;
}

// libpq refuses private keys that others can read: mode 0600 or less, or 0640 if owned by root.
void check_key_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) fail("certificate present, but not private key file \"" + path + "\"");
    fail("could not stat private key file \"" + path + "\": " + errno_text(errno));
  }
  if (!S_ISREG(st.st_mode)) fail("private key file \"" + path + "\" is not a regular file");
  const mode_t forbidden = st.st_uid == 0 ? (S_IWGRP | S_IXGRP | S_IRWXO) : (S_IRWXG | S_IRWXO);
  if ((st.st_mode & forbidden) != 0) {
    fail("private key file \"" + path +
         "\" has group or world access; file must have permissions u=rw (0600) or less if owned "
         "by the current user, or permissions u=rw,g=r (0640) or less if owned by root");
  }
}

// PEM (possibly encrypted), else DER (PKCS#8, possibly encrypted, or traditional), as libpq.
EvpPkeyPtr read_private_key(const std::string& path, const std::string& password) {
  BioPtr bio(BIO_new_file(path.c_str(), "rb"));
  if (!bio) fail("could not open private key file \"" + path + "\": " + take_openssl_error());
  void* pw = const_cast<std::string*>(&password);
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, key_password_callback, pw));
  if (key) return key;
  const std::string pem_error = take_openssl_error();
  if (BIO_reset(bio.get()) == 0)
    key.reset(d2i_PKCS8PrivateKey_bio(bio.get(), nullptr, key_password_callback, pw));
  if (!key && BIO_reset(bio.get()) == 0) key.reset(d2i_PrivateKey_bio(bio.get(), nullptr));
  ERR_clear_error();
  if (!key) fail("could not load private key file \"" + path + "\": " + pem_error);
  return key;
}

void load_client_certificate(SSL_CTX* ctx, const TlsOptions& opts) {
  const std::string cert = file_or_default(opts.cert, kUserCertFile);
  if (cert.empty()) return;
  struct stat st {};
  if (::stat(cert.c_str(), &st) != 0) {
    // As libpq: no certificate file means no client certificate; the server decides.
    if (errno == ENOENT || errno == ENOTDIR) return;
    fail("could not open certificate file \"" + cert + "\": " + errno_text(errno));
  }
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1) {
    fail("could not read certificate file \"" + cert + "\": " + take_openssl_error());
  }
  const std::string key = file_or_default(opts.key, kUserKeyFile);
  if (key.empty()) fail("certificate present, but no private key file could be located");
  check_key_file(key);
  const EvpPkeyPtr pkey = read_private_key(key, opts.key_password);
  if (SSL_CTX_use_PrivateKey(ctx, pkey.get()) != 1) {
    fail("certificate does not match private key file \"" + key + "\": " + take_openssl_error());
  }
}

}  // namespace

ClientTlsContext make_client_tls_context(const TlsOptions& opts) {
  ERR_clear_error();
  ClientTlsContext out;
  out.ctx.reset(SSL_CTX_new(TLS_client_method()));
  if (!out.ctx) fail("could not create SSL context: " + take_openssl_error());
  SSL_CTX* ctx = out.ctx.get();
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
    fail("could not set minimum TLS protocol version: " + take_openssl_error());
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  // write_all() retries with the remaining span, which may sit at a different address.
  SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  // OpenSSL must never prompt on the application's terminal for a passphrase.
  SSL_CTX_set_default_passwd_cb(ctx, key_password_callback);

  out.verify_chain = load_root_certificates(ctx, opts);
  load_client_certificate(ctx, opts);
  SSL_CTX_set_verify(ctx, out.verify_chain ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
  return out;
}

}  // namespace pgw::net
