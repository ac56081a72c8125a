#include "child.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace pgw::bench {

namespace {

std::string self_exe() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot resolve /proc/self/exe");
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace

// fork+exec of this binary in child mode, optionally under callgrind; the peak RSS is the
// child's own ru_maxrss from wait4(), so each measurement is of one process and one driver.
ChildOutcome launch(const Options& o, const Target& t, const CaseParams& p,
                    const std::string& callgrind_out) {
  std::vector<std::string> args;
  if (!callgrind_out.empty()) {
    args = {"valgrind", "--tool=callgrind", "--collect-atstart=no", "--quiet",
            "--callgrind-out-file=" + callgrind_out};
  }
  args.insert(args.end(),
              {self_exe(), "child", "--case", case_name(p.id), "--table", p.table, "--table-rows",
               std::to_string(p.table_rows), "--count", std::to_string(p.count), "--insert-table",
               p.insert_table, t.libpq ? "--libpq" : "--odbc", t.spec});
  if (p.callgrind) args.emplace_back("--callgrind");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // stderr too: a failure's own message becomes the reason shown in the report.
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    // A hung driver must not stall the run: the alarm survives exec and kills the child.
    alarm(static_cast<unsigned>(o.child_timeout_s * (callgrind_out.empty() ? 1 : 4)));
    execvp(argv[0], argv.data());
    std::fprintf(stderr, "pgw_bench: exec %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  ChildOutcome c;
  c.max_rss_kib = ru.ru_maxrss;
  if (WIFSIGNALED(status)) {
    c.problem = WTERMSIG(status) == SIGALRM
                    ? "timed out after " + std::to_string(o.child_timeout_s) + " s"
                    : "killed by signal " + std::to_string(WTERMSIG(status));
    return c;
  }
  const std::size_t at = out.rfind("RESULT ");
  if (WEXITSTATUS(status) != 0 || at == std::string::npos) {
    std::string msg = out;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (msg.size() > 600) msg = "..." + msg.substr(msg.size() - 600);
    for (char& ch : msg) {
      if (ch == '\n' || ch == '|') ch = ' ';
    }
    c.problem = "failed (exit " + std::to_string(WEXITSTATUS(status)) + ")" +
                (msg.empty() ? "" : ": " + msg);
    return c;
  }
  std::istringstream line(out.substr(at + 7));
  std::string ops, secs, sums;
  line >> ops >> secs >> sums;
  auto value = [](const std::string& kv, const char* key) {
    const std::string k = std::string(key) + "=";
    return kv.rfind(k, 0) == 0 ? kv.substr(k.size()) : std::string();
  };
  auto checksum = Checksum::parse(value(sums, "checksum"));
  try {
    c.result.ops = std::stoll(value(ops, "ops"));
    c.result.seconds = std::stod(value(secs, "seconds"));
  } catch (const std::exception&) {
    checksum.reset();
  }
  if (!checksum) {
    c.problem = "unreadable result line";
    return c;
  }
  c.result.checksum = *checksum;
  c.ok = true;
  return c;
}

std::uint64_t callgrind_total(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::uint64_t total = 0;
  while (std::getline(in, line)) {
    for (const char* key : {"totals:", "summary:"}) {
      if (line.rfind(key, 0) == 0)
        total = std::strtoull(line.c_str() + std::strlen(key), nullptr, 10);
    }
  }
  return total;
}

int child_main(int argc, char** argv) {
  CaseParams p;
  std::string odbc, libpq;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--case") {
      if (!case_from_name(next(), p.id)) throw std::runtime_error("unknown case");
    } else if (a == "--table") {
      p.table = next();
    } else if (a == "--table-rows") {
      p.table_rows = std::stoll(next());
    } else if (a == "--count") {
      p.count = std::stoll(next());
    } else if (a == "--insert-table") {
      p.insert_table = next();
    } else if (a == "--odbc") {
      odbc = next();
    } else if (a == "--libpq") {
      libpq = next();
    } else if (a == "--callgrind") {
      p.callgrind = true;
    } else {
      throw std::runtime_error("unknown child argument " + a);
    }
  }
  // SQL_C_TYPE_TIMESTAMP values must not pass through a local time zone.
  setenv("TZ", "UTC", 1);
  tzset();
  const CaseResult r = libpq.empty() ? run_odbc_case(odbc, p) : run_libpq_case(libpq, p);
  std::printf("RESULT ops=%lld seconds=%.9f checksum=%s\n", static_cast<long long>(r.ops),
              r.seconds, r.checksum.serialize().c_str());
  return 0;
}

}  // namespace pgw::bench
