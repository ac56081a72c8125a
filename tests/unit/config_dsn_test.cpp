// odbc.ini through unixODBC's odbcinst, in-process, with ODBCINI/ODBCSYSINI pointing at a temp dir.
// unixODBC caches single-entry reads by (section, key) for ~20 s per process, so every test uses
// DSN names of its own; writes are checked in the file itself. unixODBC also latches ODBCSYSINI on
// its first use in a process (ODBCINI is read on every call), so the system directory is one per
// process and each test gets its own user odbc.ini.
#include <gtest/gtest.h>
#include <odbcinst.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "common/error.hpp"
#include "config/connect_params.hpp"
#include "config/dsn_setup.hpp"
#include "config/odbc_ini.hpp"
#include "config/resolve.hpp"

using namespace pgw::config;
namespace fs = std::filesystem;

namespace {

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

fs::path make_temp_dir() {
  std::string tmpl = (fs::temp_directory_path() / "pgw-config-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

// The process-wide ODBCSYSINI directory, set before odbcinst first looks at it.
class SystemIniDir {
 public:
  static const fs::path& get() {
    static SystemIniDir instance;
    return instance.dir_;
  }
  ~SystemIniDir() { fs::remove_all(dir_); }

 private:
  SystemIniDir() : dir_(make_temp_dir()) {
    std::ofstream(dir_ / "odbcinst.ini") << "[PGWire]\nDriver=/nonexistent/libpgwireodbc.so\n";
    std::ofstream(dir_ / "odbc.ini") << "[sys_only_dsn]\nDriver=PGWire\nServer=syshost\n";
    setenv("ODBCSYSINI", dir_.c_str(), 1);
  }
  fs::path dir_;
};

class ConfigDsnTest : public ::testing::Test {
 protected:
  ConfigDsnTest()
      : dir_(make_temp_dir()),
        user_ini_(dir_ / "user-odbc.ini"),
        odbcini_("ODBCINI", user_ini_.string()) {
    SystemIniDir::get();
    std::ofstream(user_ini_) << "[read_dsn]\n"
                                "Driver = PGWire\n"
                                "Servername = db1, db2\n"
                                "Port = 6001,6002\n"
                                "Username = alice\n"
                                "Password = {se;cret}\n"
                                "SSLmode = verify-full\n"
                                "pqopt = sslrootcert=/ca.pem application_name='bi tool'\n"
                                "KeepaliveTime = 30\n"
                                "MaxVarcharSize = 255\n"
                                "\n"
                                "[bad_dsn]\n"
                                "Driver = PGWire\n"
                                "Port = abc\n"
                                "\n"
                                "[existing_dsn]\n"
                                "Driver = PGWire\n"
                                "Servername = old\n"
                                "Host = older\n"
                                "Port = 5433\n"
                                "Description = keep me\n";
  }
  ~ConfigDsnTest() override { fs::remove_all(dir_); }

  std::string user_ini_text() const {
    std::ifstream in(user_ini_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // The [section] of the user odbc.ini as "key=value\n" lines, whitespace around '=' removed.
  std::string section_text(const std::string& section) const {
    std::istringstream in(user_ini_text());
    std::string line, out;
    bool inside = false;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] == '[') {
        inside = line == "[" + section + "]";
        continue;
      }
      if (!inside || trim(line).empty()) continue;
      const auto eq = line.find('=');
      out += std::string(trim(line.substr(0, eq))) + "=" + std::string(trim(line.substr(eq + 1))) +
             "\n";
    }
    return out;
  }

  fs::path dir_;
  fs::path user_ini_;
  ScopedEnv odbcini_;
};

int installer_error_code(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const InstallerError& e) {
    if (message != nullptr) *message = e.what();
    return e.code();
  }
  ADD_FAILURE() << "no InstallerError";
  return 0;
}

}  // namespace

TEST_F(ConfigDsnTest, ReadsEveryEntryInFileOrder) {
  const IniEntries entries = read_dsn_entries("read_dsn");
  const IniEntries expected = {{"Driver", "PGWire"},
                               {"Servername", "db1, db2"},
                               {"Port", "6001,6002"},
                               {"Username", "alice"},
                               {"Password", "{se;cret}"},
                               {"SSLmode", "verify-full"},
                               {"pqopt", "sslrootcert=/ca.pem application_name='bi tool'"},
                               {"KeepaliveTime", "30"},
                               {"MaxVarcharSize", "255"}};
  EXPECT_EQ(entries, expected);
  EXPECT_TRUE(read_dsn_entries("no_such_dsn").empty());
}

TEST_F(ConfigDsnTest, SystemIniIsReadToo) {
  EXPECT_EQ(read_dsn_entries("sys_only_dsn"),
            (IniEntries{{"Driver", "PGWire"}, {"Server", "syshost"}}));
  EXPECT_TRUE(dsn_exists("sys_only_dsn"));
  EXPECT_TRUE(dsn_exists("READ_DSN"));
  EXPECT_FALSE(dsn_exists("no_such_dsn"));
}

TEST_F(ConfigDsnTest, ResolvesThroughUnixOdbc) {
  const ConnectionConfig c = resolve("DSN=read_dsn;UID=bob");
  EXPECT_EQ(c.text(OptionId::Uid), "bob");
  EXPECT_EQ(c.text(OptionId::Pwd), "{se;cret}");  // odbc.ini values are literal
  EXPECT_EQ(c.text(OptionId::SslMode), "verify-full");
  EXPECT_EQ(c.text(OptionId::SslRootCert), "/ca.pem");
  EXPECT_EQ(c.text(OptionId::ApplicationName), "bi tool");
  EXPECT_EQ(type_options(c).max_varchar_size, 255);
  const auto hosts = host_list(c);
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(hosts[0].host, "db1");
  EXPECT_EQ(hosts[0].port, 6001);
  EXPECT_EQ(hosts[1].host, "db2");
  EXPECT_EQ(hosts[1].port, 6002);
  ASSERT_EQ(c.ignored().size(), 1u);
  EXPECT_EQ(c.ignored()[0].key, "KeepaliveTime");
}

TEST_F(ConfigDsnTest, InvalidDsnValueIsAnError) {
  try {
    resolve("DSN=bad_dsn");
    ADD_FAILURE() << "no error";
  } catch (const pgw::DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08001");
    EXPECT_STREQ(e.what(), "Invalid value 'abc' for Port: expected an integer from 1 to 65535");
  }
  // Overridden by the connection string: never looked at.
  EXPECT_EQ(resolve("DSN=bad_dsn;Port=7").integer(OptionId::Port), 7);
}

TEST_F(ConfigDsnTest, ParsesInstallerAttributeLists) {
  const char list[] = "DSN=x\0 Server = h \0Port=1\0";
  EXPECT_EQ(parse_attribute_list(list), (IniEntries{{"DSN", "x"}, {"Server", "h"}, {"Port", "1"}}));
  EXPECT_TRUE(parse_attribute_list("\0").empty());
  EXPECT_TRUE(parse_attribute_list(nullptr).empty());
  std::string message;
  EXPECT_EQ(installer_error_code([] { parse_attribute_list("DSN=x\0Server\0"); }, &message),
            ODBC_ERROR_INVALID_KEYWORD_VALUE);
  EXPECT_EQ(message, "Attribute 'Server' is not of the form keyword=value");
}

TEST_F(ConfigDsnTest, AddWritesCanonicalKeysAndValidatedValues) {
  configure_dsn(DsnRequest::Add, "PGWire",
                {{"DSN", "added_dsn"},
                 {"Host", "h1,h2"},
                 {"port", "5433"},
                 {"sslmode", "VERIFY-FULL"},
                 {"Servername", "second-spelling-ignored"},
                 {"Driver", "ignored"},
                 {"TextAsLongVarchar", "yes"}});
  EXPECT_EQ(section_text("added_dsn"),
            "Driver=PGWire\nServer=h1,h2\nPort=5433\nSSLMode=verify-full\nTextAsLongVarchar=1\n");
  const ConnectionConfig c = resolve("DSN=added_dsn");
  EXPECT_EQ(c.text(OptionId::Server), "h1,h2");
  EXPECT_EQ(c.text(OptionId::Driver), "PGWire");
}

TEST_F(ConfigDsnTest, ConfigureReplacesOtherSpellingsAndKeepsTheRest) {
  configure_dsn(DsnRequest::Configure, "",
                {{"DSN", "existing_dsn"}, {"Server", "new"}, {"Port", ""}});
  EXPECT_EQ(section_text("existing_dsn"), "Driver=PGWire\nDescription=keep me\nServer=new\n");
}

TEST_F(ConfigDsnTest, RefusesUnknownKeysAndBadValuesWithoutWriting) {
  const std::string before = user_ini_text();
  std::string message;
  EXPECT_EQ(
      installer_error_code(
          [] {
            configure_dsn(DsnRequest::Add, "PGWire", {{"DSN", "refused_dsn"}, {"Colour", "red"}});
          },
          &message),
      ODBC_ERROR_INVALID_KEYWORD_VALUE);
  EXPECT_EQ(message, "Unknown keyword 'Colour' (see the driver's keyword list)");
  EXPECT_EQ(
      installer_error_code(
          [] {
            configure_dsn(DsnRequest::Add, "PGWire", {{"DSN", "refused_dsn"}, {"SSLMode", "x"}});
          },
          &message),
      ODBC_ERROR_INVALID_KEYWORD_VALUE);
  EXPECT_EQ(message,
            "Invalid value 'x' for SSLMode: allowed values are disable, allow, prefer, require, "
            "verify-ca, verify-full");
  EXPECT_EQ(user_ini_text(), before);
}

TEST_F(ConfigDsnTest, RequestErrors) {
  std::string message;
  EXPECT_EQ(installer_error_code(
                [] {
                  configure_dsn(DsnRequest::Add, "PGWire", {{"Server", "h"}});
                },
                &message),
            ODBC_ERROR_INVALID_KEYWORD_VALUE);
  EXPECT_EQ(message, "Missing DSN attribute");
  EXPECT_EQ(installer_error_code([] {
              configure_dsn(DsnRequest::Add, "", {{"DSN", "d"}});
            }),
            ODBC_ERROR_INVALID_NAME);
  EXPECT_EQ(installer_error_code([] {
              configure_dsn(DsnRequest::Add, "PGWire", {{"DSN", "bad[name]"}});
            }),
            ODBC_ERROR_INVALID_DSN);
  EXPECT_EQ(installer_error_code(
                [] {
                  configure_dsn(DsnRequest::Configure, "", {{"DSN", "missing_dsn"}, {"Port", "1"}});
                },
                &message),
            ODBC_ERROR_REQUEST_FAILED);
  EXPECT_EQ(message, "Data source 'missing_dsn' does not exist");
}

TEST_F(ConfigDsnTest, RemoveDeletesTheSection) {
  configure_dsn(DsnRequest::Add, "PGWire", {{"DSN", "doomed_dsn"}, {"Server", "h"}});
  ASSERT_TRUE(dsn_exists("doomed_dsn"));
  configure_dsn(DsnRequest::Remove, "", {{"DSN", "doomed_dsn"}});
  EXPECT_FALSE(dsn_exists("doomed_dsn"));
  EXPECT_EQ(section_text("doomed_dsn"), "");
  EXPECT_NE(section_text("read_dsn"), "");
}
