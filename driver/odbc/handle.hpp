#pragma once
// Base of the four ODBC handle kinds, the registry that tells a live handle from a stale or foreign
// pointer, and the exception barrier every entry point goes through.
#include <mutex>
#include <new>
#include <type_traits>

#include "common/error.hpp"
#include "odbc/diagnostics.hpp"
#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

class Handle {
 public:
  explicit Handle(SQLSMALLINT handle_type);  // registers itself
  virtual ~Handle();                         // unregisters itself
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  SQLSMALLINT handle_type() const { return handle_type_; }
  Diagnostics& diag() { return diag_; }
  std::recursive_mutex& mutex() { return mutex_; }

 private:
  SQLSMALLINT handle_type_;
  Diagnostics diag_;
  std::recursive_mutex mutex_;
};

// Returns the live handle of that type behind the pointer, or nullptr (stale, freed, foreign, wrong
// type).
Handle* find_handle(const void* pointer, SQLSMALLINT handle_type);

template <class H>
H* find(const void* pointer) {
  return static_cast<H*>(find_handle(pointer, H::kHandleType));
}

enum class DiagPolicy { Clear, Keep };

// The one place exceptions stop. Looks the handle up (SQL_INVALID_HANDLE if it is not a live handle
// of type H), locks it, clears its diagnostics (unless Keep: SQLGetDiagRec/Field must not), runs
// body(H&), and maps exceptions to diagnostic records: DriverError -> its SQLSTATE, bad_alloc ->
// HY001, anything else -> HY000. SQL_SUCCESS becomes SQL_SUCCESS_WITH_INFO when the body left
// records.
template <class H, DiagPolicy Policy = DiagPolicy::Clear, class Body>
SQLRETURN guarded(const void* pointer, Body&& body) noexcept {
  H* handle = find<H>(pointer);
  if (handle == nullptr) return SQL_INVALID_HANDLE;
  std::lock_guard lock(handle->mutex());
  Diagnostics& diag = handle->diag();
  SQLRETURN rc = SQL_ERROR;
  try {
    if constexpr (Policy == DiagPolicy::Clear) diag.clear();
    rc = body(*handle);
    if (rc == SQL_SUCCESS && !diag.empty()) rc = SQL_SUCCESS_WITH_INFO;
  } catch (const DriverError& e) {
    try {
      diag.add(e);
    } catch (...) {
    }
    rc = SQL_ERROR;
  } catch (const std::bad_alloc&) {
    try {
      diag.add("HY001", "memory allocation failed");
    } catch (...) {
    }
    rc = SQL_ERROR;
  } catch (const std::exception& e) {
    try {
      diag.add("HY000", e.what());
    } catch (...) {
    }
    rc = SQL_ERROR;
  } catch (...) {
    try {
      diag.add("HY000", "unexpected internal error");
    } catch (...) {
    }
    rc = SQL_ERROR;
  }
  if constexpr (Policy == DiagPolicy::Clear) diag.return_code = rc;
  return rc;
}

}  // namespace pgw::odbc
