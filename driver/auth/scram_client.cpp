#include "auth/scram_client.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <climits>
#include <span>

#include "auth/base64.hpp"
#include "auth/saslprep.hpp"
#include "common/error.hpp"

namespace pgw::auth {
namespace {

constexpr std::size_t kKeyLen = SHA256_DIGEST_LENGTH;
constexpr std::size_t kRawNonceLen = 18;  // as libpq: 24 base64 characters
using Key = std::array<unsigned char, kKeyLen>;

// Wipes key material when it goes out of scope, however the function is left.
struct Wiped {
  Key key{};
  ~Wiped() { OPENSSL_cleanse(key.data(), key.size()); }
};

[[noreturn]] void malformed(const std::string& what) {
  throw DriverError("08P01", "invalid SCRAM message from the server: " + what);
}

[[noreturn]] void misuse() {
  throw DriverError("HY000", "SCRAM exchange used out of order");
}

std::vector<std::string_view> split_attributes(std::string_view message) {
  std::vector<std::string_view> out;
  for (;;) {
    const std::size_t comma = message.find(',');
    out.push_back(message.substr(0, comma));
    if (comma == std::string_view::npos) return out;
    message.remove_prefix(comma + 1);
  }
}

bool is_attribute(std::string_view attr, char name) {
  return attr.size() >= 2 && attr[0] == name && attr[1] == '=';
}

std::string_view value_of(std::string_view attr, char name, const char* what) {
  if (!is_attribute(attr, name)) malformed(std::string("expected ") + what + " (" + name + "=)");
  return attr.substr(2);
}

bool printable_nonce(std::string_view nonce) {
  return !nonce.empty() && std::all_of(nonce.begin(), nonce.end(),
                                       [](char c) { return c >= 0x21 && c <= 0x7E && c != ','; });
}

// saslname: '=' and ',' are escaped (RFC 5802 section 5.1).
std::string escape_username(std::string_view user) {
  std::string out;
  for (char c : user) {
    if (c == '=') {
      out += "=3D";
    } else if (c == ',') {
      out += "=2C";
    } else {
      out += c;
    }
  }
  return out;
}

int parse_iterations(std::string_view text) {
  if (text.empty() || text.size() > 10 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    malformed("iteration count is not a number");
  }
  long long value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  if (value <= 0 || value > INT_MAX) malformed("iteration count out of range");
  return static_cast<int>(value);
}

void hmac_sha256(const Key& key, std::string_view data, Key& out) {
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &len) == nullptr ||
      len != kKeyLen) {
    throw DriverError("HY000", "HMAC-SHA-256 failed");
  }
}

std::string server_error(std::string_view attr) {
  return "SCRAM authentication failed: server reported error \"" + std::string(attr.substr(2)) +
         "\"";
}

}  // namespace

ScramClient::ScramClient(std::string password, std::vector<std::byte> tls_server_end_point,
                         bool use_plus, std::string client_nonce, std::string username)
    : password_(std::move(password)),
      end_point_(std::move(tls_server_end_point)),
      use_plus_(use_plus),
      client_nonce_(std::move(client_nonce)),
      username_(std::move(username)) {
  if (use_plus_ && end_point_.empty()) {
    throw DriverError(
        "08001", "SCRAM-SHA-256-PLUS needs the TLS server certificate hash, which is unavailable");
  }
  if (client_nonce_.empty()) {
    std::array<unsigned char, kRawNonceLen> raw{};
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
      throw DriverError("HY000", "could not generate a random SCRAM nonce");
    }
    client_nonce_ = base64_encode(std::as_bytes(std::span(raw)));
  } else if (!printable_nonce(client_nonce_)) {
    throw DriverError("HY000", "SCRAM client nonce must be printable ASCII without ','");
  }
}

ScramClient::~ScramClient() {
  OPENSSL_cleanse(password_.data(), password_.size());
}

std::optional<std::string> ScramClient::choose_mechanism(const std::vector<std::string>& offered,
                                                         bool tls_end_point_available,
                                                         ChannelBindingPolicy policy) {
  const auto has = [&](std::string_view m) {
    return std::find(offered.begin(), offered.end(), m) != offered.end();
  };
  if (policy != ChannelBindingPolicy::Disable && tls_end_point_available && has(kScramSha256Plus)) {
    return std::string(kScramSha256Plus);
  }
  if (policy != ChannelBindingPolicy::Require && has(kScramSha256))
    return std::string(kScramSha256);
  return std::nullopt;
}

std::string ScramClient::mechanism() const {
  return std::string(use_plus_ ? kScramSha256Plus : kScramSha256);
}

std::string ScramClient::gs2_header() const {
  if (use_plus_) return "p=tls-server-end-point,,";
  // RFC 5802: "y" = the client could bind but believes the server cannot.
  return end_point_.empty() ? "n,," : "y,,";
}

std::string ScramClient::client_first() {
  if (state_ != State::Initial) misuse();
  client_first_bare_ = "n=" + escape_username(username_) + ",r=" + client_nonce_;
  state_ = State::FirstSent;
  return gs2_header() + client_first_bare_;
}

std::string ScramClient::client_final(std::string_view server_first) {
  if (state_ != State::FirstSent) misuse();
  const auto attrs = split_attributes(server_first);
  if (is_attribute(attrs[0], 'e')) throw DriverError("28000", server_error(attrs[0]));
  if (is_attribute(attrs[0], 'm')) malformed("unsupported mandatory extension");
  if (attrs.size() < 3) malformed("server-first-message is incomplete");
  const std::string_view nonce = value_of(attrs[0], 'r', "nonce");
  const std::string_view salt_text = value_of(attrs[1], 's', "salt");
  const std::string_view iter_text = value_of(attrs[2], 'i', "iteration count");
  for (std::size_t i = 3; i < attrs.size(); ++i) {
    if (attrs[i].size() < 2 || attrs[i][1] != '=')
      malformed("garbage at end of server-first-message");
  }
  // The server must extend our nonce with its own part, or the exchange could be a replay.
  if (!printable_nonce(nonce) || nonce.size() <= client_nonce_.size() ||
      nonce.substr(0, client_nonce_.size()) != client_nonce_) {
    malformed("nonce mismatch");
  }
  const auto salt = base64_decode(salt_text);
  if (!salt || salt->empty()) malformed("salt is not valid base64");
  const int iterations = parse_iterations(iter_text);

  std::string channel_binding = gs2_header();
  if (use_plus_) {
    channel_binding.append(reinterpret_cast<const char*>(end_point_.data()), end_point_.size());
  }
  const std::string final_without_proof =
      "c=" + base64_encode(channel_binding) + ",r=" + std::string(nonce);
  const std::string auth_message =
      client_first_bare_ + "," + std::string(server_first) + "," + final_without_proof;

  std::string prepared = saslprep_password(password_);
  Wiped salted, client_key, stored_key, client_signature, server_key;
  const int ok = PKCS5_PBKDF2_HMAC(prepared.data(), static_cast<int>(prepared.size()),
                                   reinterpret_cast<const unsigned char*>(salt->data()),
                                   static_cast<int>(salt->size()), iterations, EVP_sha256(),
                                   static_cast<int>(kKeyLen), salted.key.data());
  OPENSSL_cleanse(prepared.data(), prepared.size());
  if (ok != 1) throw DriverError("HY000", "PBKDF2-HMAC-SHA-256 failed");
  hmac_sha256(salted.key, "Client Key", client_key.key);
  SHA256(client_key.key.data(), client_key.key.size(), stored_key.key.data());
  hmac_sha256(stored_key.key, auth_message, client_signature.key);
  hmac_sha256(salted.key, "Server Key", server_key.key);
  Key server_signature{};
  hmac_sha256(server_key.key, auth_message, server_signature);
  server_signature_.assign(server_signature.begin(), server_signature.end());

  Wiped proof;
  for (std::size_t i = 0; i < kKeyLen; ++i)
    proof.key[i] = client_key.key[i] ^ client_signature.key[i];
  state_ = State::FinalSent;
  return final_without_proof + ",p=" + base64_encode(std::as_bytes(std::span(proof.key)));
}

void ScramClient::verify_server_final(std::string_view server_final) {
  if (state_ != State::FinalSent) misuse();
  const auto attrs = split_attributes(server_final);
  if (is_attribute(attrs[0], 'e')) throw DriverError("28000", server_error(attrs[0]));
  const auto signature = base64_decode(value_of(attrs[0], 'v', "server signature"));
  if (!signature) malformed("server signature is not valid base64");
  if (signature->size() != server_signature_.size() ||
      CRYPTO_memcmp(signature->data(), server_signature_.data(), server_signature_.size()) != 0) {
    throw DriverError("28000", "SCRAM authentication failed: server signature mismatch");
  }
  state_ = State::Verified;
}

}  // namespace pgw::auth
