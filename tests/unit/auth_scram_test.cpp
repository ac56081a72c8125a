#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "auth/scram_client.hpp"
#include "common/error.hpp"

namespace pgw::auth {
namespace {

// RFC 7677 section 3.
constexpr const char* kRfcNonce = "rOprNGfwEbeRWgbNEkqO";
constexpr const char* kRfcServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr const char* kRfcClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr const char* kRfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

// Vectors computed independently with Python's hashlib/hmac for a fixed exchange.
constexpr const char* kNonce = "fixedclientnonce123";
constexpr const char* kServerFirst = "r=fixedclientnonce123SERVERPART,s=c2FsdHNhbHQ=,i=4096";

std::string sqlstate_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DriverError& e) {
    return e.sqlstate() + ": " + e.what();
  }
  return "no error";
}

ScramClient rfc_client() {
  return ScramClient("pencil", {}, false, kRfcNonce, "user");
}

TEST(AuthScram, Rfc7677VectorExact) {
  ScramClient c = rfc_client();
  EXPECT_EQ(c.mechanism(), "SCRAM-SHA-256");
  EXPECT_EQ(c.client_first(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  EXPECT_EQ(c.client_final(kRfcServerFirst), kRfcClientFinal);
  EXPECT_FALSE(c.server_verified());
  EXPECT_NO_THROW(c.verify_server_final(kRfcServerFinal));
  EXPECT_TRUE(c.server_verified());
}

TEST(AuthScram, PostgresStyleEmptyUserName) {
  ScramClient c("pencil", {}, false, kRfcNonce);
  EXPECT_EQ(c.client_first(), "n,,n=,r=rOprNGfwEbeRWgbNEkqO");
}

TEST(AuthScram, UserNameIsEscaped) {
  ScramClient c("x", {}, false, "abc", "a=b,c");
  EXPECT_EQ(c.client_first(), "n,,n=a=3Db=2Cc,r=abc");
}

TEST(AuthScram, TamperedServerSignatureRejected) {
  ScramClient c = rfc_client();
  c.client_first();
  c.client_final(kRfcServerFirst);
  // One character changed: a server that does not know the password.
  EXPECT_EQ(
      sqlstate_of([&] { c.verify_server_final("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="); }),
      "28000: SCRAM authentication failed: server signature mismatch");
  EXPECT_FALSE(c.server_verified());
}

TEST(AuthScram, ShortServerSignatureRejected) {
  ScramClient c = rfc_client();
  c.client_first();
  c.client_final(kRfcServerFirst);
  EXPECT_EQ(sqlstate_of([&] { c.verify_server_final("v=6rriTRBi23WpRR/w"); }),
            "28000: SCRAM authentication failed: server signature mismatch");
}

TEST(AuthScram, NonceMismatchRejected) {
  ScramClient c = rfc_client();
  c.client_first();
  EXPECT_EQ(sqlstate_of([&] {
              c.client_final("r=XOprNGfwEbeRWgbNEkqO%hvYD,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
            }),
            "08P01: invalid SCRAM message from the server: nonce mismatch");
}

TEST(AuthScram, ServerNonceMustExtendClientNonce) {
  ScramClient c = rfc_client();
  c.client_first();
  EXPECT_EQ(sqlstate_of([&] {
              c.client_final("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
            }),
            "08P01: invalid SCRAM message from the server: nonce mismatch");
}

TEST(AuthScram, ServerErrorAttribute) {
  ScramClient c = rfc_client();
  c.client_first();
  c.client_final(kRfcServerFirst);
  EXPECT_EQ(sqlstate_of([&] { c.verify_server_final("e=invalid-proof"); }),
            "28000: SCRAM authentication failed: server reported error \"invalid-proof\"");
}

TEST(AuthScram, ServerErrorInServerFirst) {
  ScramClient c = rfc_client();
  c.client_first();
  EXPECT_EQ(sqlstate_of([&] { c.client_final("e=other-error"); }),
            "28000: SCRAM authentication failed: server reported error \"other-error\"");
}

TEST(AuthScram, MalformedServerFirstRejected) {
  const std::string nonce = "r=rOprNGfwEbeRWgbNEkqOxyz";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", "iteration count out of range"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-1", "iteration count is not a number"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096x", "iteration count is not a number"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999999", "iteration count is not a number"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=2147483648", "iteration count out of range"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ=,i=4096", "salt is not valid base64"},
      {nonce + ",s=W22ZaJ0SNY7so*sUEjb6gQ==,i=4096", "salt is not valid base64"},
      {nonce + ",s=,i=4096", "salt is not valid base64"},
      {nonce + ",i=4096,s=W22ZaJ0SNY7soEsUEjb6gQ==", "expected salt (s=)"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==", "server-first-message is incomplete"},
      {nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,garbage",
       "garbage at end of server-first-message"},
      {"m=ext," + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "unsupported mandatory extension"},
      {"", "server-first-message is incomplete"},
  };
  for (const auto& [message, reason] : cases) {
    ScramClient c = rfc_client();
    c.client_first();
    EXPECT_EQ(sqlstate_of([&] { c.client_final(message); }),
              "08P01: invalid SCRAM message from the server: " + reason)
        << message;
  }
}

TEST(AuthScram, ExtensionsAfterIterationCountAreIgnored) {
  ScramClient c = rfc_client();
  c.client_first();
  const std::string final = c.client_final(std::string(kRfcServerFirst) + ",x=ext");
  EXPECT_EQ(final.substr(0, 60), std::string(kRfcClientFinal).substr(0, 60));
}

TEST(AuthScram, ClientAnnouncesBindingSupportWithY) {
  ScramClient c("secret", std::vector<std::byte>(32, std::byte{7}), false, kNonce);
  EXPECT_EQ(c.mechanism(), "SCRAM-SHA-256");
  EXPECT_EQ(c.client_first(), "y,,n=,r=fixedclientnonce123");
  EXPECT_EQ(
      c.client_final(kServerFirst),
      "c=eSws,r=fixedclientnonce123SERVERPART,p=n/GjiVcZthyE2Io3/zJu3WC42+u34c/WQr+jJg3tnQQ=");
  EXPECT_NO_THROW(c.verify_server_final("v=FjAPtLF7rdcrOWf5ZFvpjDfxBYUqSakuh86b0xtNTrs="));
}

TEST(AuthScram, PlusBindsTheCertificateHash) {
  std::vector<std::byte> end_point;
  for (int i = 0; i < 32; ++i) end_point.push_back(static_cast<std::byte>(i));
  ScramClient c("secret", end_point, true, kNonce);
  EXPECT_EQ(c.mechanism(), "SCRAM-SHA-256-PLUS");
  EXPECT_EQ(c.client_first(), "p=tls-server-end-point,,n=,r=fixedclientnonce123");
  EXPECT_EQ(c.client_final(kServerFirst),
            "c=cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,"
            "r=fixedclientnonce123SERVERPART,p=ifojSRedjZLSjAz+BULECbXkhtY5NxJTktbTPXdu6lw=");
  EXPECT_NO_THROW(c.verify_server_final("v=7r3B7wsp0WBD7z5qJHCvo5pY5k4S0mKbpaO7GqBuM0Q="));
}

TEST(AuthScram, PlusWithoutEndPointRefused) {
  EXPECT_EQ(sqlstate_of([] { ScramClient c("secret", {}, true); }).substr(0, 5), "08001");
}

TEST(AuthScram, RandomNonceIs24Base64Chars) {
  ScramClient a("x", {}, false);
  ScramClient b("x", {}, false);
  const std::string fa = a.client_first();
  const std::string fb = b.client_first();
  ASSERT_EQ(fa.size(), std::string("n,,n=,r=").size() + 24);
  EXPECT_EQ(
      fa.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 8),
      std::string::npos);
  EXPECT_NE(fa, fb);
}

TEST(AuthScram, InvalidGivenNonceRefused) {
  EXPECT_EQ(sqlstate_of([] { ScramClient c("x", {}, false, "has,comma"); }).substr(0, 5), "HY000");
}

TEST(AuthScram, OutOfOrderCallsRefused) {
  ScramClient c = rfc_client();
  EXPECT_EQ(sqlstate_of([&] { c.client_final(kRfcServerFirst); }).substr(0, 5), "HY000");
  EXPECT_EQ(sqlstate_of([&] { c.verify_server_final(kRfcServerFinal); }).substr(0, 5), "HY000");
  c.client_first();
  EXPECT_EQ(sqlstate_of([&] { c.client_first(); }).substr(0, 5), "HY000");
}

TEST(AuthScram, NonAsciiSpaceIsMappedLikeSaslprep) {
  // U+00A0 maps to ' ' and U+00AD to nothing, so both hash like "pen cil".
  ScramClient ascii("pen cil", {}, false, kRfcNonce);
  ScramClient mapped(
      "pen\xC2\xA0\xC2\xAD"
      "cil",
      {}, false, kRfcNonce);
  ascii.client_first();
  mapped.client_first();
  EXPECT_EQ(mapped.client_final(kRfcServerFirst), ascii.client_final(kRfcServerFirst));
}

TEST(AuthScram, ChooseMechanism) {
  const std::vector<std::string> both = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"};
  const std::vector<std::string> plain = {"SCRAM-SHA-256"};
  const std::vector<std::string> plus_only = {"SCRAM-SHA-256-PLUS"};
  const std::vector<std::string> other = {"OAUTHBEARER"};
  using P = ChannelBindingPolicy;
  EXPECT_EQ(ScramClient::choose_mechanism(both, true, P::Prefer), "SCRAM-SHA-256-PLUS");
  EXPECT_EQ(ScramClient::choose_mechanism(both, true, P::Require), "SCRAM-SHA-256-PLUS");
  EXPECT_EQ(ScramClient::choose_mechanism(both, true, P::Disable), "SCRAM-SHA-256");
  EXPECT_EQ(ScramClient::choose_mechanism(both, false, P::Prefer), "SCRAM-SHA-256");
  EXPECT_EQ(ScramClient::choose_mechanism(both, false, P::Require), std::nullopt);
  EXPECT_EQ(ScramClient::choose_mechanism(plain, true, P::Prefer), "SCRAM-SHA-256");
  EXPECT_EQ(ScramClient::choose_mechanism(plain, true, P::Require), std::nullopt);
  EXPECT_EQ(ScramClient::choose_mechanism(plus_only, true, P::Disable), std::nullopt);
  EXPECT_EQ(ScramClient::choose_mechanism(plus_only, false, P::Prefer), std::nullopt);
  EXPECT_EQ(ScramClient::choose_mechanism(other, true, P::Prefer), std::nullopt);
  EXPECT_EQ(ScramClient::choose_mechanism({}, true, P::Prefer), std::nullopt);
}

}  // namespace
}  // namespace pgw::auth
