#include "cancel_registry.hpp"

namespace pgw::standin {

BackendKey CancelRegistry::add(BackendKey upstream) {
  std::lock_guard lock(mu_);
  std::uniform_int_distribution<std::int32_t> dist(1, 0x7FFFFFFF);
  BackendKey key;
  do {
    key = BackendKey{dist(rng_), dist(rng_)};
  } while (keys_.count(key) != 0);
  keys_[key] = upstream;
  return key;
}

void CancelRegistry::remove(BackendKey key) {
  std::lock_guard lock(mu_);
  keys_.erase(key);
}

std::optional<BackendKey> CancelRegistry::find(BackendKey key) const {
  std::lock_guard lock(mu_);
  const auto it = keys_.find(key);
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

}  // namespace pgw::standin
