#pragma once
// SCRAM-SHA-256 and SCRAM-SHA-256-PLUS client (RFC 5802, RFC 7677) as PostgreSQL uses them.
// A pure state machine: the session feeds it the server's SASL payloads and sends what it returns.
//
//   ScramClient scram(password, stream.tls_server_end_point(), mechanism == kScramSha256Plus);
//   send SASLInitialResponse(scram.mechanism(), scram.client_first());
//   send SASLResponse(scram.client_final(<AuthenticationSASLContinue payload>));
//   scram.verify_server_final(<AuthenticationSASLFinal payload>);
//
// The session must refuse an AuthenticationOk that arrives before verify_server_final() has
// succeeded (server_verified()): skipping SASLFinal is how a fake server would get past us.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/channel_binding.hpp"

namespace pgw::auth {

inline constexpr std::string_view kScramSha256 = "SCRAM-SHA-256";
inline constexpr std::string_view kScramSha256Plus = "SCRAM-SHA-256-PLUS";

class ScramClient {
 public:
  // tls_server_end_point: RFC 5929 hash of the server certificate, empty when not on TLS. Pass it
  // empty too when channel binding is disabled: a non-empty value without use_plus makes the
  // client announce "y" (supports binding, server did not offer it), which lets a server that
  // does offer PLUS detect a downgrade. use_plus requires it non-empty (else DriverError 08001).
  // client_nonce: empty = 18 random bytes, base64; a given nonce must be printable ASCII without
  // ','. username: PostgreSQL ignores the SCRAM user name and uses the startup user, so libpq sends
  // ""; it exists so the RFC 7677 test vector can be reproduced.
  ScramClient(std::string password, std::vector<std::byte> tls_server_end_point, bool use_plus,
              std::string client_nonce = "", std::string username = "");
  ~ScramClient();
  ScramClient(const ScramClient&) = delete;
  ScramClient& operator=(const ScramClient&) = delete;

  // Picks the mechanism from AuthenticationSASL's list: SCRAM-SHA-256-PLUS when offered, TLS end
  // point available and the policy is not Disable; otherwise SCRAM-SHA-256 unless the policy is
  // Require; nullopt if nothing acceptable is offered.
  static std::optional<std::string> choose_mechanism(const std::vector<std::string>& offered,
                                                     bool tls_end_point_available,
                                                     ChannelBindingPolicy policy);

  std::string mechanism() const;
  // client-first-message: gs2 header + "n=<user>,r=<nonce>".
  std::string client_first();
  // Takes server-first-message, returns client-final-message with the proof.
  // Throws DriverError: 28000 if the server sent e=<error>; 08P01 if the message is malformed
  // (nonce not extending ours, bad salt, iteration count not a positive integer, ...).
  std::string client_final(std::string_view server_first);
  // Checks server-final-message. Throws DriverError 28000 on e=<error> or a server signature that
  // does not prove knowledge of the password ("server signature mismatch"); 08P01 if malformed.
  void verify_server_final(std::string_view server_final);
  bool server_verified() const noexcept { return state_ == State::Verified; }

 private:
  enum class State { Initial, FirstSent, FinalSent, Verified };

  std::string gs2_header() const;

  std::string password_;
  std::vector<std::byte> end_point_;
  bool use_plus_;
  std::string client_nonce_;
  std::string username_;
  State state_ = State::Initial;
  std::string client_first_bare_;
  std::vector<unsigned char> server_signature_;
};

}  // namespace pgw::auth
