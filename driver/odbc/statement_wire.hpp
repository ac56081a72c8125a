#pragma once
// Statement::on_wire, shared by the statement's source files: every call that talks to the server
// runs inside it. It arms the query timeout, lets SQLCancel find the request, and turns the ways a
// request can end badly into the ODBC answers: HYT00 after the timeout (the request is cancelled
// and read to its end so the connection stays usable), HY008 after SQLCancel, and for a lost
// connection a statement that stays a valid handle and keeps saying 08S01.
#include <chrono>

#include "odbc/statement.hpp"

namespace pgw::odbc {

template <class F>
auto Statement::on_wire(F&& body) {
  deadline_ = query_timeout_ > 0 ? session::Clock::now() + std::chrono::seconds(query_timeout_)
                                 : session::kNoDeadline;
  {
    std::lock_guard lock(cancel_mutex_);
    try {
      active_cancel_ = connection_.session().cancel_target();
    } catch (...) {
      active_cancel_.reset();
    }
  }
  struct Clear {
    Statement& s;
    ~Clear() {
      std::lock_guard lock(s.cancel_mutex_);
      s.active_cancel_.reset();
    }
  } clear{*this};
  try {
    return body();
  } catch (const DriverError& e) {
    if (e.sqlstate() == "HYT00") {
      abandon_after_timeout();
      throw DriverError("HYT00", "the query timeout (" + std::to_string(query_timeout_) +
                                     " s) expired; the request was cancelled");
    }
    if (e.sqlstate() == "57014" && cancel_requested_)
      throw DriverError("HY008", "the operation was cancelled by SQLCancel");
    if (e.sqlstate().rfind("08", 0) == 0 && !e.from_server()) {
      lost_ = true;
      reply_.reset();
      connection_.release_wire(*this);
    }
    throw;
  }
}

}  // namespace pgw::odbc
