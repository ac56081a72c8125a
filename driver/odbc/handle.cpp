#include "odbc/handle.hpp"

#include <mutex>
#include <unordered_map>

namespace pgw::odbc {
namespace {

// Live handles by address. A pointer not in here (freed, never allocated, or another driver's) is
// answered with SQL_INVALID_HANDLE instead of being dereferenced.
struct Registry {
  std::mutex mutex;
  std::unordered_map<const void*, Handle*> live;
};

Registry& registry() {
  static Registry* instance = new Registry();  // never destroyed: entry points may run during exit
  return *instance;
}

}  // namespace

Handle::Handle(SQLSMALLINT handle_type) : handle_type_(handle_type) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.live.emplace(this, this);
}

Handle::~Handle() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.live.erase(this);
}

Handle* find_handle(const void* pointer, SQLSMALLINT handle_type) {
  if (pointer == nullptr) return nullptr;
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.live.find(pointer);
  if (it == r.live.end() || it->second->handle_type() != handle_type) return nullptr;
  return it->second;
}

}  // namespace pgw::odbc
