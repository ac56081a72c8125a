#include "pq_util.hpp"

#include <stdexcept>

namespace pgw::bench {

PgConnection::PgConnection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
  if (c_ == nullptr) throw std::runtime_error("PQconnectdb: out of memory");
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string msg = "libpq connection failed: " + error();
    PQfinish(c_);
    throw std::runtime_error(msg);
  }
}

PgConnection::~PgConnection() {
  PQfinish(c_);
}

std::string PgConnection::error() const {
  std::string e = PQerrorMessage(c_);
  while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
  return e;
}

void expect_status(const PGresult* r, ExecStatusType ok, const char* what, PGconn* c) {
  if (r != nullptr && PQresultStatus(r) == ok) return;
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  throw std::runtime_error(std::string(what) + ": " + msg);
}

PgResult PgConnection::exec(const std::string& sql) {
  PgResult r(PQexec(c_, sql.c_str()));
  const ExecStatusType s = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
    expect_status(r.get(), PGRES_COMMAND_OK, ("query failed: " + sql.substr(0, 200)).c_str(), c_);
  }
  return r;
}

std::vector<std::string> PgConnection::row(const std::string& sql) {
  PgResult r = exec(sql);
  std::vector<std::string> out;
  if (PQntuples(r.get()) == 0) return out;
  for (int i = 0; i < PQnfields(r.get()); ++i) {
    out.emplace_back(PQgetisnull(r.get(), 0, i) ? "" : PQgetvalue(r.get(), 0, i));
  }
  return out;
}

}  // namespace pgw::bench
