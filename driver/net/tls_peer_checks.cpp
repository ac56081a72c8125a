#include "net/tls_peer_checks.hpp"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "common/error.hpp"
#include "net/openssl_handles.hpp"

namespace pgw::net {
namespace {

std::string asn1_text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
  char buf[INET6_ADDRSTRLEN] = "?";
  const unsigned char* data = ASN1_STRING_get0_data(ip);
  if (ASN1_STRING_length(ip) == 4) ::inet_ntop(AF_INET, data, buf, sizeof buf);
  if (ASN1_STRING_length(ip) == 16) ::inet_ntop(AF_INET6, data, buf, sizeof buf);
  return buf;
}

struct CertificateNames {
  std::vector<std::string> all;  // for the error message
  bool has_dns = false;
  bool has_ip = false;
};

CertificateNames names_of(X509* cert) {
  CertificateNames out;
  GeneralNamesPtr sans(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans.get(), i);
    if (name->type == GEN_DNS) {
      out.has_dns = true;
      out.all.push_back(asn1_text(name->d.dNSName));
    } else if (name->type == GEN_IPADD) {
      out.has_ip = true;
      out.all.push_back(ip_text(name->d.iPAddress));
    }
  }
  X509_NAME* subject = X509_get_subject_name(cert);
  const int cn = subject ? X509_NAME_get_index_by_NID(subject, NID_commonName, -1) : -1;
  if (cn >= 0) {
    out.all.push_back("CN=" +
                      asn1_text(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, cn))));
  }
  return out;
}

bool matches(X509* cert, const std::string& host, const CertificateNames& names) {
  if (!is_ip_literal(host)) {
    // OpenSSL's default already ignores the CN when a dNSName SAN exists (RFC 6125).
    return X509_check_host(cert, host.data(), host.size(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS,
                           nullptr) == 1;
  }
  if (X509_check_ip_asc(cert, host.c_str(), 0) == 1) return true;
  if (names.has_ip) return false;
  return X509_check_host(cert, host.data(), host.size(),
                         X509_CHECK_FLAG_NO_WILDCARDS | X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT,
                         nullptr) == 1;
}

}  // namespace

bool is_ip_literal(const std::string& host) {
  if (host.find(':') != std::string::npos) return true;
  in_addr v4{};
  return ::inet_pton(AF_INET, host.c_str(), &v4) == 1;
}

void check_host_name(X509* cert, const std::string& host) {
  if (host.empty())
    throw DriverError("08001", "host name must be specified for a verified SSL connection");
  const CertificateNames names = names_of(cert);
  if (matches(cert, host, names)) return;
  std::string listed;
  for (const auto& n : names.all) listed += (listed.empty() ? "" : ", ") + n;
  throw DriverError("08001", "server certificate does not match host name \"" + host +
                                 "\" (certificate names: " + (listed.empty() ? "none" : listed) +
                                 ")");
}

std::vector<std::byte> tls_server_end_point_hash(X509* cert) {
  int md_nid = NID_undef;
  int pk_nid = NID_undef;
  int security_bits = 0;
  std::uint32_t flags = 0;
  if (X509_get_signature_info(cert, &md_nid, &pk_nid, &security_bits, &flags) != 1) {
    md_nid = NID_undef;
  }
  const EVP_MD* md = nullptr;
  if (md_nid != NID_undef && md_nid != NID_md5 && md_nid != NID_sha1) {
    md = EVP_get_digestbynid(md_nid);
  }
  if (md == nullptr) md = EVP_sha256();
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_digest(cert, md, buf, &len) != 1) {
    throw DriverError("08001", "could not compute the server certificate hash for channel binding");
  }
  const auto* first = reinterpret_cast<const std::byte*>(buf);
  return std::vector<std::byte>(first, first + len);
}

}  // namespace pgw::net
