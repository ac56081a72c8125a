#pragma once
// The password preparation PostgreSQL applies before SCRAM hashing (RFC 4013 SASLprep), reduced
// to what matters for matching what the server stored.
#include <string>
#include <string_view>

namespace pgw::auth {

// Like PostgreSQL's client (libpq's pg_saslprep use):
//  - ASCII passwords are used unchanged;
//  - invalid UTF-8 is used as raw bytes;
//  - otherwise non-ASCII spaces (RFC 3454 C.1.2) become U+0020 and "commonly mapped to nothing"
//    characters (B.1) are removed; if the result is empty or contains a prohibited character
//    (C.2-C.9) the raw password is used instead, as PostgreSQL does when SASLprep fails.
// Not implemented: NFKC normalization and the unassigned-code-point and bidi checks. Passwords
// that NFKC would change (compatibility characters such as ligatures or full-width forms) hash
// differently from what the server stored; such users can set the password in NFKC form.
std::string saslprep_password(std::string_view password);

}  // namespace pgw::auth
