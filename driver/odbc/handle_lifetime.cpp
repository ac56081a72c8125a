#include "odbc/handle_lifetime.hpp"

#include "odbc/connection.hpp"
#include "odbc/environment.hpp"

// The statement half provides these; until it is merged, statement and descriptor handles cannot
// be allocated (HYC00) and this file still builds.
#if __has_include("odbc/statement.hpp") && __has_include("odbc/descriptor.hpp")
#define PGW_HAVE_STATEMENTS 1
#include "odbc/descriptor.hpp"
#include "odbc/statement.hpp"
#else
#define PGW_HAVE_STATEMENTS 0
#endif

namespace pgw::odbc {
namespace {

#if PGW_HAVE_STATEMENTS
// Statements and explicit descriptors are owned by their connection; the statement half's destroy()
// detaches one and hands it back to the connection. Statement::destroy takes the locks it needs
// itself (the caller must hold none); Descriptor::destroy changes its connection's statements and
// list, so it runs under the connection's lock.
template <class H>
SQLRETURN free_child(const void* pointer, void (*destroy)(H&),
                     bool under_connection_lock) noexcept {
  H* child = find<H>(pointer);
  if (child == nullptr) return SQL_INVALID_HANDLE;
  try {
    {
      std::lock_guard child_lock(child->mutex());
      child->diag().clear();
    }
    std::unique_lock<std::recursive_mutex> connection_lock;
    if (under_connection_lock) connection_lock = std::unique_lock(child->connection().mutex());
    destroy(*child);
    return SQL_SUCCESS;
  } catch (const DriverError& e) {
    if (H* still = find<H>(pointer)) {  // not freed (an implicit descriptor: HY017, ...)
      try {
        std::lock_guard again(still->mutex());
        still->diag().add(e);
        still->diag().return_code = SQL_ERROR;
      } catch (...) {
      }
    }
    return SQL_ERROR;
  } catch (...) {
    return SQL_ERROR;
  }
}
#endif

}  // namespace

SQLRETURN allocate_handle(SQLSMALLINT handle_type, SQLHANDLE input, SQLHANDLE* output) noexcept {
  switch (handle_type) {
    case SQL_HANDLE_ENV:
      if (output == nullptr) return SQL_ERROR;
      try {
        *output = static_cast<Handle*>(&Environment::create());
        return SQL_SUCCESS;
      } catch (...) {
        *output = SQL_NULL_HENV;
        return SQL_ERROR;
      }
    case SQL_HANDLE_DBC:
      return guarded<Environment>(input, [&](Environment& env) -> SQLRETURN {
        if (output == nullptr) throw DriverError("HY009", "OutputHandlePtr is a null pointer");
        *output = SQL_NULL_HDBC;
        *output = static_cast<Handle*>(&env.add_connection());
        return SQL_SUCCESS;
      });
    case SQL_HANDLE_STMT:
    case SQL_HANDLE_DESC:
      return guarded<Connection>(input, [&](Connection& connection) -> SQLRETURN {
        if (output == nullptr) throw DriverError("HY009", "OutputHandlePtr is a null pointer");
        *output = SQL_NULL_HANDLE;
        if (!connection.connected()) throw DriverError("08003", "the connection is not open");
#if PGW_HAVE_STATEMENTS
        if (handle_type == SQL_HANDLE_STMT)
          *output = static_cast<Handle*>(&Statement::create(connection));
        else
          *output = static_cast<Handle*>(&Descriptor::create_explicit(connection));
        return SQL_SUCCESS;
#else
        throw DriverError("HYC00", "statements are not available in this build");
#endif
      });
    default:
      return SQL_ERROR;  // HY092 is the driver manager's to report: there is no handle to post it
                         // on
  }
}

SQLRETURN free_handle(SQLSMALLINT handle_type, SQLHANDLE handle) noexcept {
  switch (handle_type) {
    case SQL_HANDLE_ENV:
      return Environment::free_handle(handle);
    case SQL_HANDLE_DBC:
      return Connection::free_handle(handle);
#if PGW_HAVE_STATEMENTS
    case SQL_HANDLE_STMT:
      return free_child<Statement>(handle, &Statement::destroy, false);
    case SQL_HANDLE_DESC:
      return free_child<Descriptor>(handle, &Descriptor::destroy, true);
#else
    case SQL_HANDLE_STMT:
    case SQL_HANDLE_DESC:
      return SQL_INVALID_HANDLE;  // none can exist
#endif
    default:
      return SQL_ERROR;
  }
}

}  // namespace pgw::odbc
