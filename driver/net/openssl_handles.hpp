#pragma once
// unique_ptr aliases that free OpenSSL objects with their own free functions.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace pgw::net {

template <auto FreeFn>
struct OpenSslDeleter {
  template <class T>
  void operator()(T* p) const noexcept {
    FreeFn(p);
  }
};

template <class T, auto FreeFn>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<FreeFn>>;

using SslCtxPtr = OpenSslPtr<SSL_CTX, SSL_CTX_free>;
using SslPtr = OpenSslPtr<SSL, SSL_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free_all>;
using BioMethodPtr = OpenSslPtr<BIO_METHOD, BIO_meth_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509CrlPtr = OpenSslPtr<X509_CRL, X509_CRL_free>;
using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;

inline void free_general_names(GENERAL_NAMES* names) noexcept {
  GENERAL_NAMES_free(names);
}
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, free_general_names>;

}  // namespace pgw::net
