#pragma once

namespace pgw::auth {

// libpq's channel_binding setting: never use SCRAM-SHA-256-PLUS, use it when the server offers it
// over TLS, or refuse to authenticate without it.
enum class ChannelBindingPolicy { Disable, Prefer, Require };

}  // namespace pgw::auth
