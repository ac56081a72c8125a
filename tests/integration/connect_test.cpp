// Connecting through unixODBC to the test server: authentication methods, TLS modes, DSNs,
// connection strings, multi-host, timeouts, disconnecting and transactions at the connection level.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "direct_driver.hpp"
#include "odbc_test_support.hpp"

namespace pgwtest {
namespace {

std::string base(const std::string& host = env("PGW_HOST")) {
  return "Driver=PGWire;Server=" + host + ";Port=" + env("PGW_PORT") +
         ";Database=" + env("PGW_DB") + ";";
}
std::string tls_base() {
  return base(env("PGW_TLS_HOST"));
}

// SQLSTATE and message of the first record after a failed connect.
struct Failure {
  std::string state;
  std::string message;
};
Failure first_record(SQLHDBC dbc) {
  SQLCHAR state[6] = {0}, msg[2048] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_DBC, dbc, 1, state, &native, msg, sizeof msg, &len)))
    return {};
  return {reinterpret_cast<char*>(state), reinterpret_cast<char*>(msg)};
}

bool driver_has(SQLHDBC dbc, SQLUSMALLINT function) {
  SQLUSMALLINT supported = SQL_FALSE;
  return SQL_SUCCEEDED(SQLGetFunctions(dbc, function, &supported)) && supported == SQL_TRUE;
}

// First column of the first row of `sql`, through the statement half.
std::string query_value(const Dbc& dbc, const std::string& sql) {
  Stmt stmt(dbc);
  SQLRETURN rc = stmt.exec(sql);
  if (!SQL_SUCCEEDED(rc)) return "<error " + stmt.diag() + ">";
  if (!SQL_SUCCEEDED(SQLFetch(stmt.get()))) return "<no row>";
  SQLCHAR buf[512];
  SQLLEN ind = 0;
  if (!SQL_SUCCEEDED(SQLGetData(stmt.get(), 1, SQL_C_CHAR, buf, sizeof buf, &ind)))
    return "<getdata>";
  return ind == SQL_NULL_DATA ? "<null>" : std::string(reinterpret_cast<char*>(buf));
}

#define PGW_NEED_STATEMENTS(dbc)                       \
  if (!driver_has((dbc).get(), SQL_API_SQLEXECDIRECT)) \
  GTEST_SKIP() << "needs SQLExecDirect from the statement half (not in this build)"

// --- authentication ---

TEST(Connect, TrustUser) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(base() + "UID=" + env("PGW_TRUST_USER") + ";SSLMode=disable"),
                SQL_HANDLE_DBC, dbc.get());
}

TEST(Connect, Md5RightPassword) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      dbc.connect(base() + "UID=md5user;PWD=" + env("PGW_MD5_PASSWORD") + ";SSLMode=disable"),
      SQL_HANDLE_DBC, dbc.get());
}

TEST(Connect, ScramRightPassword) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      dbc.connect(base() + "UID=scramuser;PWD=" + env("PGW_SCRAM_PASSWORD") + ";SSLMode=disable"),
      SQL_HANDLE_DBC, dbc.get());
}

TEST(Connect, CleartextRightPassword) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(base() + "UID=cleartextuser;PWD=" + env("PGW_CLEARTEXT_PASSWORD") +
                            ";SSLMode=disable"),
                SQL_HANDLE_DBC, dbc.get());
}

class WrongPassword : public ::testing::TestWithParam<const char*> {};

TEST_P(WrongPassword, Is28P01WithTheServersMessage) {
  Env e;
  Dbc dbc(e);
  const std::string user = GetParam();
  EXPECT_EQ(dbc.connect(base() + "UID=" + user + ";PWD=not-the-password;SSLMode=disable"),
            SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "28P01");
  EXPECT_EQ(f.message, "[pgwire-odbc][server] FATAL: password authentication failed for user \"" +
                           user + "\"");
}

INSTANTIATE_TEST_SUITE_P(Users, WrongPassword,
                         ::testing::Values("md5user", "scramuser", "cleartextuser"));

TEST(Connect, UnknownDatabaseIsTheServers3D000) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect("Driver=PGWire;Server=" + env("PGW_HOST") + ";Port=" + env("PGW_PORT") +
                        ";Database=no_such_db;UID=trustuser;SSLMode=disable"),
            SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "3D000");
  EXPECT_EQ(f.message, "[pgwire-odbc][server] FATAL: database \"no_such_db\" does not exist");
}

// --- TLS ---

TEST(ConnectTls, SslModeRequire) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      dbc.connect(base() + "UID=tlsonly;PWD=" + env("PGW_TLSONLY_PASSWORD") + ";SSLMode=require"),
      SQL_HANDLE_DBC, dbc.get());
  PGW_NEED_STATEMENTS(dbc);
  EXPECT_EQ(query_value(dbc, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"),
            "true");
}

TEST(ConnectTls, TlsOnlyUserIsRejectedWithoutTls) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(
      dbc.connect(base() + "UID=tlsonly;PWD=" + env("PGW_TLSONLY_PASSWORD") + ";SSLMode=disable"),
      SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "28000");  // pg_hba "reject"
}

TEST(ConnectTls, VerifyFullWithTheCaAndAMatchingName) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(tls_base() + "UID=tlsonly;PWD=" + env("PGW_TLSONLY_PASSWORD") +
                            ";SSLMode=verify-full;SSLRootCert=" + env("PGW_CA_CERT")),
                SQL_HANDLE_DBC, dbc.get());
}

TEST(ConnectTls, VerifyFullFailsForANameNotInTheCertificate) {
  // The server also listens on this address, which its certificate does not name.
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(
      dbc.connect(base(env("PGW_NOSAN_HOST")) + "UID=tlsonly;PWD=" + env("PGW_TLSONLY_PASSWORD") +
                  ";SSLMode=verify-full;SSLRootCert=" + env("PGW_CA_CERT")),
      SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "08001");
  EXPECT_NE(f.message.find(env("PGW_NOSAN_HOST")), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("certificate"), std::string::npos) << f.message;
}

TEST(ConnectTls, VerifyCaWithTheWrongCaFails) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(tls_base() + "UID=tlsonly;PWD=" + env("PGW_TLSONLY_PASSWORD") +
                        ";SSLMode=verify-ca;SSLRootCert=" + env("PGW_WRONG_CA")),
            SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "08001");
  EXPECT_NE(f.message.find("certificate"), std::string::npos) << f.message;
}

TEST(ConnectTls, ClientCertificateLogsInAsCertuser) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(tls_base() + "UID=certuser;SSLMode=verify-full;SSLRootCert=" +
                            env("PGW_CA_CERT") + ";SSLCert=" + env("PGW_CLIENT_CERT") +
                            ";SSLKey=" + env("PGW_CLIENT_KEY")),
                SQL_HANDLE_DBC, dbc.get());
  char user[64];
  SQLSMALLINT len = 0;
  PGW_ASSERT_OK(SQLGetInfo(dbc.get(), SQL_USER_NAME, user, sizeof user, &len), SQL_HANDLE_DBC,
                dbc.get());
  EXPECT_STREQ(user, "certuser");
}

TEST(ConnectTls, CertuserWithoutACertificateIsRejected) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(tls_base() +
                        "UID=certuser;SSLMode=verify-full;SSLRootCert=" + env("PGW_CA_CERT")),
            SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "28000");
}

TEST(ConnectTls, ChannelBindingRequireWithScramOverTls) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(base() + "UID=scramuser;PWD=" + env("PGW_SCRAM_PASSWORD") +
                            ";SSLMode=require;ChannelBinding=require"),
                SQL_HANDLE_DBC, dbc.get());
}

TEST(ConnectTls, ChannelBindingRequireWithoutTlsFails) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(base() + "UID=scramuser;PWD=" + env("PGW_SCRAM_PASSWORD") +
                        ";SSLMode=disable;ChannelBinding=require"),
            SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "08001");
  EXPECT_NE(f.message.find("channel binding"), std::string::npos) << f.message;
}

// --- DSNs (the generated odbc.ini) ---

class Dsn : public ::testing::TestWithParam<const char*> {};

TEST_P(Dsn, SQLConnectUsesTheDsnsOptions) {
  Env e;
  Dbc dbc(e);
  const std::string name = GetParam();
  PGW_ASSERT_OK(SQLConnect(dbc.get(), (SQLCHAR*)name.c_str(), SQL_NTS, nullptr, 0, nullptr, 0),
                SQL_HANDLE_DBC, dbc.get());
  char dsn[64];
  SQLSMALLINT len = 0;
  PGW_ASSERT_OK(SQLGetInfo(dbc.get(), SQL_DATA_SOURCE_NAME, dsn, sizeof dsn, &len), SQL_HANDLE_DBC,
                dbc.get());
  EXPECT_EQ(std::string(dsn), name);
  SQLDisconnect(dbc.get());
}

INSTANTIATE_TEST_SUITE_P(Generated, Dsn,
                         ::testing::Values("pgw", "pgw_md5", "pgw_scram", "pgw_cleartext",
                                           "pgw_tls", "pgw_cert"));

TEST(ConnectDsn, ArgumentsOverrideTheDsnsUserAndPassword) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(SQLConnect(dbc.get(), (SQLCHAR*)"pgw_scram", SQL_NTS, (SQLCHAR*)"scramuser", SQL_NTS,
                       (SQLCHAR*)"wrong", SQL_NTS),
            SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "28P01");
}

TEST(ConnectDsn, DriverConnectWithDsnAndOverride) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect("DSN=pgw_md5;ApplicationName=from-string"), SQL_HANDLE_DBC, dbc.get());
  EXPECT_EQ(dbc.out_string(), "DSN=pgw_md5;ApplicationName=from-string");
}

// --- connection strings ---

TEST(ConnectString, OutConnectionStringWithoutPasswordAndTruncation) {
  Env e;
  Dbc dbc(e);
  const std::string in =
      base() + "UID=scramuser;PWD=" + env("PGW_SCRAM_PASSWORD") + ";SSLMode=disable";
  SQLCHAR out[16];
  SQLSMALLINT len = 0;
  SQLRETURN rc = SQLDriverConnect(dbc.get(), nullptr, (SQLCHAR*)in.c_str(), SQL_NTS, out,
                                  sizeof out, &len, SQL_DRIVER_NOPROMPT);
  EXPECT_EQ(rc, SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(first_record(dbc.get()).state, "01004");
  const std::string expected = base() + "UID=scramuser;SSLMode=disable";
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(expected.size()));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out)), expected.substr(0, 15));
  SQLDisconnect(dbc.get());

  Dbc again(e);
  PGW_ASSERT_OK(again.connect(in), SQL_HANDLE_DBC, again.get());
  EXPECT_EQ(again.out_string(), expected);
}

TEST(ConnectString, UnknownKeywordIsA01S00Warning) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(conn_str() + ";NoSuchKeyword=1"), SQL_SUCCESS_WITH_INFO);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "01S00");
  EXPECT_NE(f.message.find("NoSuchKeyword"), std::string::npos);
}

TEST(ConnectString, BadValueIs08001NamingTheKey) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(base() + "UID=trustuser;SSLMode=sometimes"), SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "08001");
  EXPECT_NE(f.message.find("SSLMode"), std::string::npos) << f.message;
}

TEST(ConnectString, UnterminatedBraceIs08001) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(base() + "UID={trustuser"), SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "08001");
}

TEST(ConnectString, UnreachablePortIs08001) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect("Driver=PGWire;Server=127.0.0.1;Port=1;UID=trustuser;SSLMode=disable"),
            SQL_ERROR);
  const Failure f = first_record(dbc.get());
  EXPECT_EQ(f.state, "08001");
  EXPECT_NE(f.message.find("127.0.0.1"), std::string::npos) << f.message;
}

TEST(ConnectString, MultiHostConnectsToTheFirstThatAnswers) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect("Driver=PGWire;Server=127.0.0.1,127.0.0.1;Port=1," + env("PGW_PORT") +
                            ";Database=" + env("PGW_DB") + ";UID=trustuser;SSLMode=disable"),
                SQL_HANDLE_DBC, dbc.get());
  PGW_NEED_STATEMENTS(dbc);
  EXPECT_EQ(query_value(dbc, "SELECT inet_server_port()::text"), env("PGW_PORT"));
}

TEST(ConnectString, StartupOptionsReachTheServer) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(conn_str() + ";Options={-c search_path=foo}"), SQL_HANDLE_DBC,
                dbc.get());
  PGW_NEED_STATEMENTS(dbc);
  EXPECT_EQ(query_value(dbc, "SHOW search_path"), "foo");
}

TEST(ConnectString, ConnSettingsRunAfterConnecting) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      dbc.connect(conn_str() + ";ConnSettings={SET application_name = 'from_connsettings'}"),
      SQL_HANDLE_DBC, dbc.get());
  PGW_NEED_STATEMENTS(dbc);
  EXPECT_EQ(query_value(dbc, "SHOW application_name"), "from_connsettings");
}

TEST(ConnectString, FailingConnSettingsFailTheConnect) {
  Env e;
  Dbc dbc(e);
  EXPECT_EQ(dbc.connect(conn_str() + ";ConnSettings={SELECT no_such_column}"), SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "42703");
  // The handle is usable again.
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
}

TEST(ConnectString, CompleteWithoutAWindowConnectsWhenTheStringSuffices) {
  Env e;
  for (SQLUSMALLINT completion : {SQL_DRIVER_COMPLETE, SQL_DRIVER_COMPLETE_REQUIRED}) {
    Dbc dbc(e);
    const std::string in = conn_str();
    SQLCHAR out[1024];
    SQLSMALLINT len = 0;
    EXPECT_EQ(SQLDriverConnect(dbc.get(), nullptr, (SQLCHAR*)in.c_str(), SQL_NTS, out, sizeof out,
                               &len, completion),
              SQL_SUCCESS)
        << completion << dbc.diag();
    SQLDisconnect(dbc.get());
  }
}

TEST(ConnectString, SecondConnectOnAnOpenConnectionIs08002) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
  SQLCHAR out[256];
  SQLSMALLINT len = 0;
  const std::string in = conn_str();
  EXPECT_EQ(SQLDriverConnect(dbc.get(), nullptr, (SQLCHAR*)in.c_str(), SQL_NTS, out, sizeof out,
                             &len, SQL_DRIVER_NOPROMPT),
            SQL_ERROR);
  EXPECT_EQ(first_record(dbc.get()).state, "08002");
}

// --- timeouts ---

// A TCP listener that never answers: the connection is accepted by the kernel, the startup never
// is.
class SilentServer {
 public:
  SilentServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 8) != 0)
      throw std::runtime_error("silent server");
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(ConnectTimeout, LoginTimeoutBoundsASilentServer) {
  SilentServer silent;
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      SQLSetConnectAttr(dbc.get(), SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0),
      SQL_HANDLE_DBC, dbc.get());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(dbc.connect("Driver=PGWire;Server=127.0.0.1;Port=" + std::to_string(silent.port()) +
                        ";UID=trustuser;SSLMode=disable;ConnectTimeout=30"),
            SQL_ERROR);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
  const std::string state = first_record(dbc.get()).state;
  EXPECT_TRUE(state == "HYT00" || state == "08001")
      << state << ": " << first_record(dbc.get()).message;
}

TEST(ConnectTimeout, ConnectTimeoutOptionWhenSmaller) {
  SilentServer silent;
  Env e;
  Dbc dbc(e);
  SQLSetConnectAttr(dbc.get(), SQL_ATTR_LOGIN_TIMEOUT, reinterpret_cast<SQLPOINTER>(30), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(dbc.connect("Driver=PGWire;Server=127.0.0.1;Port=" + std::to_string(silent.port()) +
                        ";UID=trustuser;SSLMode=disable;ConnectTimeout=1"),
            SQL_ERROR);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// --- connection attributes on a live connection ---

TEST(ConnectAttr, IsolationIsSetAndReadBackFromTheServer) {
  Connected c;
  SQLUINTEGER level = 0;
  PGW_ASSERT_OK(SQLGetConnectAttr(c.dbc.get(), SQL_ATTR_TXN_ISOLATION, &level, 0, nullptr),
                SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(level, static_cast<SQLUINTEGER>(SQL_TXN_READ_COMMITTED));
  PGW_ASSERT_OK(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_TXN_ISOLATION,
                                  reinterpret_cast<SQLPOINTER>(SQL_TXN_SERIALIZABLE), 0),
                SQL_HANDLE_DBC, c.dbc.get());
  PGW_ASSERT_OK(SQLGetConnectAttr(c.dbc.get(), SQL_ATTR_TXN_ISOLATION, &level, 0, nullptr),
                SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(level, static_cast<SQLUINTEGER>(SQL_TXN_SERIALIZABLE));
}

TEST(ConnectAttr, IsolationSetBeforeConnectingIsApplied) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(SQLSetConnectAttr(dbc.get(), SQL_ATTR_TXN_ISOLATION,
                                  reinterpret_cast<SQLPOINTER>(SQL_TXN_REPEATABLE_READ), 0),
                SQL_HANDLE_DBC, dbc.get());
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
  SQLUINTEGER level = 0;
  PGW_ASSERT_OK(SQLGetConnectAttr(dbc.get(), SQL_ATTR_TXN_ISOLATION, &level, 0, nullptr),
                SQL_HANDLE_DBC, dbc.get());
  EXPECT_EQ(level, static_cast<SQLUINTEGER>(SQL_TXN_REPEATABLE_READ));
}

TEST(ConnectAttr, ReadOnlyAccessMode) {
  Connected c;
  PGW_ASSERT_OK(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_ACCESS_MODE,
                                  reinterpret_cast<SQLPOINTER>(SQL_MODE_READ_ONLY), 0),
                SQL_HANDLE_DBC, c.dbc.get());
  char ro[4];
  SQLSMALLINT len = 0;
  PGW_ASSERT_OK(SQLGetInfo(c.dbc.get(), SQL_DATA_SOURCE_READ_ONLY, ro, sizeof ro, &len),
                SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_STREQ(ro, "Y");
  PGW_NEED_STATEMENTS(c.dbc);
  EXPECT_EQ(query_value(c.dbc, "SHOW transaction_read_only"), "on");
  Stmt stmt(c.dbc);
  EXPECT_EQ(stmt.exec("CREATE TEMP TABLE t_ro (i int)"), SQL_ERROR);
  EXPECT_EQ(sqlstate(SQL_HANDLE_STMT, stmt.get()), "25006");
}

TEST(ConnectAttr, CurrentCatalogIsTheDatabaseAndCannotChange) {
  Connected c;
  char name[64];
  SQLINTEGER len = 0;
  PGW_ASSERT_OK(SQLGetConnectAttr(c.dbc.get(), SQL_ATTR_CURRENT_CATALOG, name, sizeof name, &len),
                SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(std::string(name), env("PGW_DB"));
  EXPECT_EQ(len, static_cast<SQLINTEGER>(env("PGW_DB").size()));
  const std::string same = env("PGW_DB");
  EXPECT_EQ(
      SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER)same.c_str(), SQL_NTS),
      SQL_SUCCESS);
  PGW_EXPECT_STATE(
      SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "postgres", SQL_NTS),
      SQL_HANDLE_DBC, c.dbc.get(), SQL_ERROR, "HYC00");
}

TEST(ConnectAttr, CurrentCatalogBeforeConnectingChoosesTheDatabase) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(
      SQLSetConnectAttr(dbc.get(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "postgres", SQL_NTS),
      SQL_HANDLE_DBC, dbc.get());
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
  char name[64];
  SQLSMALLINT len = 0;
  PGW_ASSERT_OK(SQLGetInfo(dbc.get(), SQL_DATABASE_NAME, name, sizeof name, &len), SQL_HANDLE_DBC,
                dbc.get());
  EXPECT_STREQ(name, "postgres");
}

TEST(ConnectAttr, ConnectionDeadAndAsync) {
  Connected c;
  SQLUINTEGER dead = 99;
  PGW_ASSERT_OK(SQLGetConnectAttr(c.dbc.get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr),
                SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_FALSE));
  PGW_EXPECT_STATE(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_ASYNC_ENABLE,
                                     reinterpret_cast<SQLPOINTER>(SQL_ASYNC_ENABLE_ON), 0),
                   SQL_HANDLE_DBC, c.dbc.get(), SQL_ERROR, "HYC00");
}

TEST(ConnectAttr, ConnectionDeadAfterTheServerEndsTheSession) {
  Connected victim;
  PGW_NEED_STATEMENTS(victim.dbc);
  const std::string pid = query_value(victim.dbc, "SELECT pg_backend_pid()::text");
  Connected killer;
  EXPECT_EQ(query_value(killer.dbc, "SELECT pg_terminate_backend(" + pid + ")::text"), "true");
  // The driver learns of it on the next use of the wire.
  Stmt stmt(victim.dbc);
  EXPECT_EQ(stmt.exec("SELECT 1"), SQL_ERROR);
  SQLUINTEGER dead = 0;
  PGW_ASSERT_OK(SQLGetConnectAttr(victim.dbc.get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr),
                SQL_HANDLE_DBC, victim.dbc.get());
  EXPECT_EQ(dead, static_cast<SQLUINTEGER>(SQL_CD_TRUE));
}

// --- transactions and disconnecting ---

TEST(Transactions, EndTranInAutocommitIsANoOp) {
  Connected c;
  EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_SUCCESS);
  EXPECT_EQ(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_ROLLBACK), SQL_SUCCESS);
  EXPECT_EQ(SQLEndTran(SQL_HANDLE_ENV, c.env.get(), SQL_COMMIT), SQL_SUCCESS);
}

TEST(Transactions, ManualCommitOpensOneTransactionAndCommits) {
  Connected c;
  PGW_NEED_STATEMENTS(c.dbc);
  {
    Stmt s(c.dbc);
    PGW_ASSERT_OK(s.exec("CREATE TEMP TABLE t_tx (i int)"), SQL_HANDLE_STMT, s.get());
  }
  PGW_ASSERT_OK(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_AUTOCOMMIT,
                                  reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0),
                SQL_HANDLE_DBC, c.dbc.get());
  const std::string xid = query_value(c.dbc, "SELECT txid_current()::text");
  {
    Stmt s(c.dbc);
    PGW_ASSERT_OK(s.exec("INSERT INTO t_tx VALUES (1)"), SQL_HANDLE_STMT, s.get());
  }
  EXPECT_EQ(query_value(c.dbc, "SELECT txid_current()::text"), xid);  // same transaction
  // Disconnecting with the transaction open is refused.
  PGW_EXPECT_STATE(SQLDisconnect(c.dbc.get()), SQL_HANDLE_DBC, c.dbc.get(), SQL_ERROR, "25000");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_ROLLBACK), SQL_HANDLE_DBC, c.dbc.get());
  EXPECT_EQ(query_value(c.dbc, "SELECT count(*)::text FROM t_tx"), "0");
  {
    Stmt s(c.dbc);
    PGW_ASSERT_OK(s.exec("INSERT INTO t_tx VALUES (2)"), SQL_HANDLE_STMT, s.get());
  }
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_ENV, c.env.get(), SQL_COMMIT), SQL_HANDLE_ENV, c.env.get());
  EXPECT_NE(query_value(c.dbc, "SELECT txid_current()::text"), xid);
  EXPECT_EQ(query_value(c.dbc, "SELECT count(*)::text FROM t_tx"), "1");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
}

TEST(Transactions, SwitchingAutocommitOnCommits) {
  Connected c;
  PGW_NEED_STATEMENTS(c.dbc);
  {
    Stmt s(c.dbc);
    PGW_ASSERT_OK(s.exec("CREATE TEMP TABLE t_ac (i int)"), SQL_HANDLE_STMT, s.get());
  }
  SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_AUTOCOMMIT,
                    reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  {
    Stmt s(c.dbc);
    PGW_ASSERT_OK(s.exec("INSERT INTO t_ac VALUES (1)"), SQL_HANDLE_STMT, s.get());
  }
  PGW_ASSERT_OK(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_AUTOCOMMIT,
                                  reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0),
                SQL_HANDLE_DBC, c.dbc.get());
  Connected other;
  EXPECT_EQ(query_value(c.dbc, "SELECT count(*)::text FROM t_ac"), "1");
  PGW_ASSERT_OK(SQLDisconnect(c.dbc.get()), SQL_HANDLE_DBC, c.dbc.get());
}

TEST(Transactions, CommitOfAFailedTransactionReportsTheRollback) {
  Connected c;
  PGW_NEED_STATEMENTS(c.dbc);
  SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_AUTOCOMMIT,
                    reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  {
    Stmt s(c.dbc);
    EXPECT_EQ(s.exec("SELECT 1/0"), SQL_ERROR);
  }
  PGW_EXPECT_STATE(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get(),
                   SQL_ERROR, "40000");
  // The transaction is over: the next one works.
  EXPECT_EQ(query_value(c.dbc, "SELECT 1::text"), "1");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_COMMIT), SQL_HANDLE_DBC, c.dbc.get());
}

TEST(Transactions, IsolationCannotChangeInsideATransaction) {
  Connected c;
  PGW_NEED_STATEMENTS(c.dbc);
  SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_AUTOCOMMIT,
                    reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  EXPECT_EQ(query_value(c.dbc, "SELECT 1::text"), "1");
  PGW_EXPECT_STATE(SQLSetConnectAttr(c.dbc.get(), SQL_ATTR_TXN_ISOLATION,
                                     reinterpret_cast<SQLPOINTER>(SQL_TXN_SERIALIZABLE), 0),
                   SQL_HANDLE_DBC, c.dbc.get(), SQL_ERROR, "HY011");
  PGW_ASSERT_OK(SQLEndTran(SQL_HANDLE_DBC, c.dbc.get(), SQL_ROLLBACK), SQL_HANDLE_DBC, c.dbc.get());
}

TEST(Disconnect, FreesTheStatements) {
  Env e;
  Dbc dbc(e);
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
  PGW_NEED_STATEMENTS(dbc);
  SQLHSTMT stmt = nullptr;
  PGW_ASSERT_OK(SQLAllocHandle(SQL_HANDLE_STMT, dbc.get(), &stmt), SQL_HANDLE_DBC, dbc.get());
  PGW_ASSERT_OK(SQLDisconnect(dbc.get()), SQL_HANDLE_DBC, dbc.get());
  // The driver manager forgets the statement too.
  EXPECT_EQ(SQLFreeHandle(SQL_HANDLE_STMT, stmt), SQL_INVALID_HANDLE);
  // The connection handle can connect again.
  PGW_ASSERT_OK(dbc.connect(conn_str()), SQL_HANDLE_DBC, dbc.get());
}

// --- what the driver itself answers (no driver manager in between) ---

TEST(DirectConnect, ConnectionNeedsTheOdbcVersionFirst) {
  DirectDriver d;
  SQLHANDLE env = nullptr, dbc = nullptr;
  ASSERT_EQ(d.AllocHandle(SQL_HANDLE_ENV, nullptr, &env), SQL_SUCCESS);
  EXPECT_EQ(d.AllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_ENV, env), "HY010");
  EXPECT_EQ(dbc, nullptr);
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

TEST(DirectConnect, FreeingAnOpenConnectionIsHY010) {
  DirectDriver d;
  DirectHandles h(d);
  ASSERT_TRUE(SQL_SUCCEEDED(h.connect(conn_str()))) << d.diag(SQL_HANDLE_DBC, h.dbc);
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_DBC, h.dbc), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_DBC, h.dbc), "HY010");
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_ENV, h.env), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_ENV, h.env), "HY010");
}

TEST(DirectConnect, PromptWithAWindowHasNoDialog) {
  DirectDriver d;
  DirectHandles h(d);
  const std::string cs = conn_str();
  SQLCHAR out[256];
  SQLSMALLINT len = 0;
  int fake_window = 0;
  EXPECT_EQ(d.DriverConnect(h.dbc, &fake_window, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out,
                            &len, SQL_DRIVER_PROMPT),
            SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_DBC, h.dbc), "IM008");
  // Without a window there is nothing to show: it connects when the string suffices.
  EXPECT_EQ(h.connect(cs, SQL_DRIVER_PROMPT), SQL_SUCCESS) << d.diag(SQL_HANDLE_DBC, h.dbc);
}

TEST(DirectConnect, InvalidCompletionIsHY110) {
  DirectDriver d;
  DirectHandles h(d);
  EXPECT_EQ(h.connect(conn_str(), 42), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_DBC, h.dbc), "HY110");
}

}  // namespace
}  // namespace pgwtest
