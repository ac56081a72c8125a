#pragma once
// The driver library called directly (dlopen), without the driver manager: for behaviour the driver
// manager hides or answers itself (environment attributes, invalid handles, handle-allocation
// order), and for checking what the library exports.
#include <dlfcn.h>
#include <elf.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace pgwtest {

class DirectDriver {
 public:
  DirectDriver() : lib_(dlopen(PGW_DRIVER_PATH, RTLD_NOW | RTLD_LOCAL)) {
    if (lib_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
    load(AllocHandle, "SQLAllocHandle");
    load(FreeHandle, "SQLFreeHandle");
    load(SetEnvAttr, "SQLSetEnvAttr");
    load(GetEnvAttr, "SQLGetEnvAttr");
    load(DriverConnect, "SQLDriverConnect");
    load(Disconnect, "SQLDisconnect");
    load(GetInfo, "SQLGetInfo");
    load(GetDiagRec, "SQLGetDiagRec");
    load(GetDiagField, "SQLGetDiagField");
    load(SetConnectAttr, "SQLSetConnectAttr");
    load(GetConnectAttr, "SQLGetConnectAttr");
    load(GetFunctions, "SQLGetFunctions");
    load(EndTran, "SQLEndTran");
  }
  ~DirectDriver() { dlclose(lib_); }
  DirectDriver(const DirectDriver&) = delete;
  DirectDriver& operator=(const DirectDriver&) = delete;

  void* symbol(const std::string& name) const { return dlsym(lib_, name.c_str()); }

  // The driver's first diagnostic record: "SQLSTATE: message", or "<none>".
  std::string diag(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT record = 1) const {
    SQLCHAR state[6] = {0}, msg[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (!SQL_SUCCEEDED(GetDiagRec(type, h, record, state, &native, msg, sizeof msg, &len)))
      return "<none>";
    return std::string(reinterpret_cast<char*>(state)) + ": " + reinterpret_cast<char*>(msg);
  }
  std::string state(SQLSMALLINT type, SQLHANDLE h) const { return diag(type, h).substr(0, 5); }

  SQLRETURN (*AllocHandle)(SQLSMALLINT, SQLHANDLE, SQLHANDLE*) = nullptr;
  SQLRETURN (*FreeHandle)(SQLSMALLINT, SQLHANDLE) = nullptr;
  SQLRETURN (*SetEnvAttr)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER) = nullptr;
  SQLRETURN (*GetEnvAttr)(SQLHENV, SQLINTEGER, SQLPOINTER, SQLINTEGER, SQLINTEGER*) = nullptr;
  SQLRETURN (*DriverConnect)
  (SQLHDBC, SQLHWND, SQLCHAR*, SQLSMALLINT, SQLCHAR*, SQLSMALLINT, SQLSMALLINT*,
   SQLUSMALLINT) = nullptr;
  SQLRETURN (*Disconnect)(SQLHDBC) = nullptr;
  SQLRETURN (*GetInfo)(SQLHDBC, SQLUSMALLINT, SQLPOINTER, SQLSMALLINT, SQLSMALLINT*) = nullptr;
  SQLRETURN (*GetDiagRec)
  (SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLCHAR*, SQLINTEGER*, SQLCHAR*, SQLSMALLINT,
   SQLSMALLINT*) = nullptr;
  SQLRETURN (*GetDiagField)
  (SQLSMALLINT, SQLHANDLE, SQLSMALLINT, SQLSMALLINT, SQLPOINTER, SQLSMALLINT,
   SQLSMALLINT*) = nullptr;
  SQLRETURN (*SetConnectAttr)(SQLHDBC, SQLINTEGER, SQLPOINTER, SQLINTEGER) = nullptr;
  SQLRETURN (*GetConnectAttr)(SQLHDBC, SQLINTEGER, SQLPOINTER, SQLINTEGER, SQLINTEGER*) = nullptr;
  SQLRETURN (*GetFunctions)(SQLHDBC, SQLUSMALLINT, SQLUSMALLINT*) = nullptr;
  SQLRETURN (*EndTran)(SQLSMALLINT, SQLHANDLE, SQLSMALLINT) = nullptr;

 private:
  template <class F>
  void load(F& f, const char* name) {
    f = reinterpret_cast<F>(dlsym(lib_, name));
    if (f == nullptr) throw std::runtime_error(std::string("driver does not export ") + name);
  }
  void* lib_;
};

// An environment and a connection handle of the driver itself (ODBC 3).
struct DirectHandles {
  explicit DirectHandles(const DirectDriver& d) : d(d) {
    if (d.AllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS)
      throw std::runtime_error("env");
    d.SetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    if (d.AllocHandle(SQL_HANDLE_DBC, env, &dbc) != SQL_SUCCESS) throw std::runtime_error("dbc");
  }
  ~DirectHandles() {
    if (connected) d.Disconnect(dbc);
    if (dbc != nullptr) d.FreeHandle(SQL_HANDLE_DBC, dbc);
    d.FreeHandle(SQL_HANDLE_ENV, env);
  }
  SQLRETURN connect(const std::string& cs, SQLUSMALLINT completion = SQL_DRIVER_NOPROMPT) {
    SQLCHAR out[1024];
    SQLSMALLINT len = 0;
    SQLRETURN rc =
        d.DriverConnect(dbc, nullptr, reinterpret_cast<SQLCHAR*>(const_cast<char*>(cs.c_str())),
                        SQL_NTS, out, sizeof out, &len, completion);
    connected = SQL_SUCCEEDED(rc);
    return rc;
  }
  const DirectDriver& d;
  SQLHANDLE env = nullptr;
  SQLHANDLE dbc = nullptr;
  bool connected = false;
};

// Names of the functions the shared library exports (its .dynsym: defined, global, functions).
inline std::set<std::string> exported_functions(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> image((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (image.size() < sizeof(Elf64_Ehdr)) throw std::runtime_error("not an ELF file: " + path);
  Elf64_Ehdr eh;
  std::memcpy(&eh, image.data(), sizeof eh);
  auto section = [&](std::size_t i) {
    Elf64_Shdr sh;
    std::memcpy(&sh, image.data() + eh.e_shoff + i * eh.e_shentsize, sizeof sh);
    return sh;
  };
  std::set<std::string> names;
  for (std::size_t i = 0; i < eh.e_shnum; ++i) {
    const Elf64_Shdr sh = section(i);
    if (sh.sh_type != SHT_DYNSYM) continue;
    const Elf64_Shdr strtab = section(sh.sh_link);
    for (std::size_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size; off += sizeof(Elf64_Sym)) {
      Elf64_Sym sym;
      std::memcpy(&sym, image.data() + sh.sh_offset + off, sizeof sym);
      if (sym.st_shndx == SHN_UNDEF || ELF64_ST_TYPE(sym.st_info) != STT_FUNC) continue;
      if (ELF64_ST_BIND(sym.st_info) != STB_GLOBAL && ELF64_ST_BIND(sym.st_info) != STB_WEAK)
        continue;
      names.insert(std::string(image.data() + strtab.sh_offset + sym.st_name));
    }
  }
  return names;
}

}  // namespace pgwtest
