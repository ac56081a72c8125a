#pragma once
// The keys the stand-in hands out in BackendKeyData, mapped to the upstream session's own key, so
// a CancelRequest sent to the stand-in cancels the right PostgreSQL backend.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>

namespace pgw::standin {

struct BackendKey {
  std::int32_t process_id = 0;
  std::int32_t secret_key = 0;
  auto operator<=>(const BackendKey&) const = default;
};

class CancelRegistry {
 public:
  // A fresh key (unique among the live ones) mapped to the upstream key.
  BackendKey add(BackendKey upstream);
  void remove(BackendKey key);
  std::optional<BackendKey> find(BackendKey key) const;

 private:
  mutable std::mutex mu_;
  std::map<BackendKey, BackendKey> keys_;
  std::mt19937 rng_{std::random_device{}()};
};

// Removes a key when the connection that owns it ends.
class CancelKeyGuard {
 public:
  CancelKeyGuard(CancelRegistry& r, BackendKey key) : r_(r), key_(key) {}
  ~CancelKeyGuard() { r_.remove(key_); }
  CancelKeyGuard(const CancelKeyGuard&) = delete;
  CancelKeyGuard& operator=(const CancelKeyGuard&) = delete;

 private:
  CancelRegistry& r_;
  BackendKey key_;
};

}  // namespace pgw::standin
