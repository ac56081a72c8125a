#pragma once
// A database connection (SQL_HANDLE_DBC). Owns its statements and explicitly allocated descriptors.
//
// Contract with statements: at most one statement at a time reads a result from the wire (the
// "streaming" statement). Before any statement sends, it calls claim_wire(); if another statement
// is streaming, the connection asks that one to finish_streaming(), which reads the rest of its
// result into that statement's own memory, so results stay correct when applications interleave
// statements.
#include <list>
#include <memory>
#include <string>

#include "odbc/handle.hpp"
#include "session/session.hpp"

namespace pgw::odbc {

class Environment;
class Statement;
class Descriptor;

// Implemented by Statement; lets the connection take the wire back from it.
class WireUser {
 public:
  virtual ~WireUser() = default;
  // Read whatever remains of the current result from the wire into local memory, up to
  // ReadyForQuery.
  virtual void finish_streaming() = 0;
};

class Connection : public Handle {
 public:
  static constexpr SQLSMALLINT kHandleType = SQL_HANDLE_DBC;
  explicit Connection(Environment& env);
  ~Connection() override;

  Environment& environment() { return env_; }
  bool connected() const { return session_ != nullptr; }

  // The open session; throws 08003 when not connected, 08S01 when the connection was lost.
  session::Session& session();

  // Makes the wire free for `user` (see above) and, in manual-commit mode, makes sure a transaction
  // is open (BEGIN once per transaction, never per statement).
  void claim_wire(WireUser& user);
  // `user` now reads a result from the wire / has stopped doing so.
  void set_streaming(WireUser* user) { streaming_ = user; }
  void release_wire(WireUser& user) {
    if (streaming_ == &user) streaming_ = nullptr;
  }

  bool autocommit() const { return autocommit_; }

  // ... the connection helper adds: connect/driver_connect/disconnect, attributes, end_tran,
  // statement/descriptor allocation, SQLGetInfo, configuration and vendor profile accessors.

 protected:
  Environment& env_;
  std::unique_ptr<session::Session> session_;
  WireUser* streaming_ = nullptr;
  bool autocommit_ = true;
};

}  // namespace pgw::odbc
