#pragma once
// Turning OpenSSL's thread-local error queue into message text.
#include <string>

namespace pgw::net {

// Reason text of the earliest queued error ("certificate verify failed"), or "no SSL error
// reported"; empties the queue either way so a later call does not see stale errors.
std::string take_openssl_error();

}  // namespace pgw::net
