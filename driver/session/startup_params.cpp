// The StartupMessage parameter list.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "session/session_impl.hpp"

namespace pgw::session {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string os_user_name() {
  passwd pw{};
  passwd* result = nullptr;
  std::vector<char> buf(16384);
  if (::getpwuid_r(::geteuid(), &pw, buf.data(), buf.size(), &result) == 0 && result != nullptr)
    return result->pw_name;
  return {};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> startup_parameters(const ConnectParams& p) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("user", p.user.empty() ? os_user_name() : p.user);
  if (!p.database.empty()) out.emplace_back("database", p.database);
  if (!p.application_name.empty()) out.emplace_back("application_name", p.application_name);
  if (!p.options.empty()) out.emplace_back("options", p.options);
  out.emplace_back("client_encoding", "UTF8");
  out.emplace_back("DateStyle", "ISO");
  out.emplace_back("extra_float_digits", "3");
  for (const auto& [name, value] : p.extra_startup) {
    auto same =
        std::find_if(out.begin(), out.end(), [&](const auto& e) { return iequals(e.first, name); });
    if (same != out.end()) {
      same->second = value;
    } else {
      out.emplace_back(name, value);
    }
  }
  return out;
}

}  // namespace pgw::session
