#pragma once
// RAII over libpq for the libpq cases and for the parent's setup and verification queries.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

namespace pgw::bench {

struct PGresultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PGresultDeleter>;

class PgConnection {
 public:
  explicit PgConnection(const std::string& conninfo);  // throws on failure
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  PGconn* get() const { return c_; }
  // Runs SQL (possibly several statements) and throws unless it ends in COMMAND_OK/TUPLES_OK.
  PgResult exec(const std::string& sql);
  // The first row of a query as text values (empty when no row).
  std::vector<std::string> row(const std::string& sql);
  std::string error() const;

 private:
  PGconn* c_;
};

// Throws std::runtime_error(what + server message) unless the status is one of `ok`.
void expect_status(const PGresult* r, ExecStatusType ok, const char* what, PGconn* c);

}  // namespace pgw::bench
