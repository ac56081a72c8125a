#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>

namespace pgw::bench {
namespace {

struct Summary {
  int runs = 0;
  int valid = 0;
  std::vector<std::string> problems;
  double median_rate = 0;  // operations per second
  long peak_rss_kib = 0;
  std::uint64_t instructions = 0;
  std::int64_t ops = 0;
  bool ok() const { return runs > 0 && valid == runs; }
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::optional<Summary> summarize(const std::vector<Run>& runs, const std::string& target, CaseId id,
                                 Variant variant) {
  Summary s;
  std::vector<double> rates;
  for (const Run& r : runs) {
    if (r.target != target || r.id != id || r.variant != variant) continue;
    ++s.runs;
    s.peak_rss_kib = std::max(s.peak_rss_kib, r.max_rss_kib);
    if (!r.ok) {
      s.problems.push_back("rep " + std::to_string(r.rep) + ": " + r.problem);
      continue;
    }
    ++s.valid;
    s.ops = r.ops;
    s.instructions = r.instructions;
    if (r.seconds > 0) rates.push_back(static_cast<double>(r.ops) / r.seconds);
  }
  if (s.runs == 0) return std::nullopt;
  s.median_rate = median(rates);
  return s;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string grouped(std::int64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string mib(long kib) {
  return fmt("%.0f MiB", static_cast<double>(kib) / 1024.0);
}

std::string rate_text(CaseId id, double rate) {
  if (id == CaseId::kConnect) return fmt("%.2f ms", rate > 0 ? 1000.0 / rate : 0);
  if (id == CaseId::kPointSelect) return fmt("%.1f k/s", rate / 1e3);
  if (rate >= 1e6) return fmt("%.2f M rows/s", rate / 1e6);
  return fmt("%.0f k rows/s", rate / 1e3);
}

const char* describe(CaseId id) {
  switch (id) {
    case CaseId::kFetchBound:
      return "SELECT *, 8 columns bound, SQLFetch per row";
    case CaseId::kFetchArray:
      return "same, SQL_ATTR_ROW_ARRAY_SIZE=1000 column-wise";
    case CaseId::kFetchGetData:
      return "same, SQLGetData as SQL_C_CHAR per column";
    case CaseId::kInsertArray:
      return "INSERT with parameter arrays of 1000 rows (libpq: pipeline)";
    case CaseId::kInsertCopy:
      return "bulk load with COPY FROM STDIN (libpq only)";
    case CaseId::kInsertLoop:
      return "INSERT one row per SQLExecute, in a transaction";
    case CaseId::kPointSelect:
      return "prepared point SELECT by primary key";
    case CaseId::kConnect:
      return "connect + disconnect";
  }
  return "?";
}

// The goals for our driver, as ratios (higher is better except for connect).
struct Goal {
  double vs_baseline = 0;  // 0: none
  double vs_libpq = 0;
  long rss_mib = 0;
};

Goal goal_for(CaseId id, Variant v) {
  if (v == Variant::kRss) return {0, 0, 20};
  switch (id) {
    case CaseId::kFetchBound:
      return {3.5, 0.8, 20};
    case CaseId::kFetchArray:
      return {0, 0.9, 0};
    case CaseId::kInsertArray:
      return {8, 0, 0};
    case CaseId::kInsertLoop:
      return {1.8, 0, 0};
    case CaseId::kPointSelect:
      return {1.0, 0.95, 0};
    case CaseId::kConnect:
      return {0.85, 0, 0};
    default:
      return {};
  }
}

// libpq's figure a case's ratio is taken against.
CaseId libpq_reference(CaseId id) {
  return is_fetch(id) ? CaseId::kFetchBound : id;
}

// subject / other, as a speed ratio; for connect, as a time ratio (lower is better).
double ratio(CaseId id, double subject_rate, double other_rate) {
  if (subject_rate <= 0 || other_rate <= 0) return 0;
  return id == CaseId::kConnect ? other_rate / subject_rate : subject_rate / other_rate;
}

std::string verdict(CaseId id, double r, double goal) {
  const bool met = id == CaseId::kConnect ? r <= goal : r >= goal;
  return met ? " (met)" : " (missed)";
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      out += fmt("\\u%04x", static_cast<unsigned char>(ch));
    } else {
      out += ch;
    }
  }
  return out;
}

const char* variant_name(Variant v) {
  return v == Variant::kRss ? "rss" : v == Variant::kCallgrind ? "callgrind" : "timed";
}

}  // namespace

namespace {
// Every run of this (target, case) ended with the driver's HYC00.
bool refused(const std::vector<Run>& runs, const std::string& label, CaseId id, Variant variant) {
  bool any = false;
  for (const Run& r : runs) {
    if (r.target != label || r.id != id || r.variant != variant) continue;
    if (!r.unsupported) return false;
    any = true;
  }
  return any;
}
}  // namespace

bool all_valid(const std::vector<Run>& runs) {
  return std::all_of(runs.begin(), runs.end(), [](const Run& r) { return r.ok || r.unsupported; });
}

std::string markdown_report(const Options& o, const std::vector<Run>& runs) {
  std::ostringstream md;
  const Target* libpq = nullptr;
  std::vector<const Target*> odbc;
  for (const Target& t : o.targets) {
    if (t.libpq)
      libpq = &t;
    else
      odbc.push_back(&t);
  }
  auto present = [&](const std::string& label) {
    return std::any_of(o.targets.begin(), o.targets.end(),
                       [&](const Target& t) { return t.label == label; });
  };
  const bool with_base = present(o.subject) && present(o.baseline) && o.subject != o.baseline;
  const bool with_libpq = present(o.subject) && libpq != nullptr && o.subject != libpq->label;

  md << "| case |";
  for (const Target& t : o.targets) md << " " << t.label << " |";
  if (with_base) md << " " << o.subject << " / " << o.baseline << " |";
  if (with_libpq) md << " " << o.subject << " / libpq |";
  md << " goal for pgwire-odbc (ratio to psqlODBC default) |\n|---|";
  for (std::size_t i = 0; i < o.targets.size() + (with_base ? 1 : 0) + (with_libpq ? 1 : 0); ++i)
    md << "---|";
  md << "---|\n";

  std::vector<std::string> problems;
  auto row = [&](CaseId id, Variant variant, const std::string& title) {
    md << "| " << title << " |";
    for (const Target& t : o.targets) {
      auto s = summarize(runs, t.label, id, variant);
      if (!s) {
        md << " |";
        continue;
      }
      if (!s->ok() && refused(runs, t.label, id, variant)) {
        md << " not supported (HYC00) |";
        continue;
      }
      if (!s->ok()) {
        md << " INVALID |";
        for (const std::string& p : s->problems) {
          problems.push_back(t.label + ", " + case_name(id) + " " + variant_name(variant) + ", " +
                             p);
        }
        continue;
      }
      if (variant == Variant::kRss) {
        md << " " << mib(s->peak_rss_kib) << " |";
      } else if (is_fetch(id)) {
        md << " " << rate_text(id, s->median_rate) << ", " << mib(s->peak_rss_kib) << " |";
      } else {
        md << " " << rate_text(id, s->median_rate) << " |";
      }
    }
    const Goal g = goal_for(id, variant);
    auto subject = summarize(runs, o.subject, id, variant);
    const bool subject_ok = subject && subject->ok();
    auto ratio_cell = [&](const std::optional<Summary>& other, double goal) {
      if (variant == Variant::kRss || !subject_ok || !other || !other->ok()) {
        md << " |";
        return;
      }
      const double r = ratio(id, subject->median_rate, other->median_rate);
      md << " " << fmt("%.2fx", r) << (goal > 0 ? verdict(id, r, goal) : "") << " |";
    };
    if (with_base) ratio_cell(summarize(runs, o.baseline, id, variant), g.vs_baseline);
    if (with_libpq)
      ratio_cell(summarize(runs, libpq->label, libpq_reference(id), variant), g.vs_libpq);
    std::string goals;
    auto add = [&](const std::string& s) { goals += (goals.empty() ? "" : "; ") + s; };
    if (g.vs_baseline > 0) {
      add(id == CaseId::kConnect ? fmt("<= %.2fx the time", g.vs_baseline)
                                 : fmt(">= %.1fx", g.vs_baseline));
    }
    if (g.vs_libpq > 0) add(fmt(">= %.2fx libpq", g.vs_libpq));
    if (g.rss_mib > 0) {
      std::string rss = fmt("RSS <= %.0f MiB", static_cast<double>(g.rss_mib));
      if (subject_ok) {
        rss += subject->peak_rss_kib <= g.rss_mib * 1024 ? " (met)" : " (missed)";
      }
      add(rss);
    }
    md << " " << goals << " |\n";
  };
  for (CaseId id : o.cases) row(id, Variant::kTimed, describe(id));
  if (o.rss_rows > 0) {
    row(CaseId::kFetchBound, Variant::kRss,
        "peak RSS of the bound fetch over " + grouped(o.rss_rows) + " rows");
  }

  if (o.callgrind_rows > 0) {
    md << "\nInstructions per row in the client process (callgrind, " << grouped(o.callgrind_rows)
       << " rows, from execute to the last fetch, including the benchmark's own checksumming):\n\n"
       << "| case |";
    for (const Target& t : o.targets) md << " " << t.label << " |";
    md << "\n|---|";
    for (std::size_t i = 0; i < o.targets.size(); ++i) md << "---|";
    md << "\n";
    for (CaseId id : o.cases) {
      if (!is_fetch(id)) continue;
      md << "| " << describe(id) << " |";
      for (const Target& t : o.targets) {
        auto s = summarize(runs, t.label, id, Variant::kCallgrind);
        if (!s) {
          md << " |";
        } else if (!s->ok() || s->ops <= 0) {
          md << " INVALID |";
          for (const std::string& p : s->problems) {
            problems.push_back(t.label + ", " + case_name(id) + " callgrind, " + p);
          }
        } else {
          md << " "
             << fmt("%.0f", static_cast<double>(s->instructions) / static_cast<double>(s->ops))
             << " |";
        }
      }
      md << "\n";
    }
  }
  if (!problems.empty()) {
    md << "\nINVALID results (wrong rows or values, or errors):\n\n";
    for (const std::string& p : problems) md << "- " << p << "\n";
  }
  return md.str();
}

std::string json_report(const Options& o, const std::vector<Run>& runs) {
  std::ostringstream js;
  js << "{\n  \"parameters\": {\"rows\": " << o.rows << ", \"insert_rows\": " << o.insert_rows
     << ", \"loop_rows\": " << o.loop_rows << ", \"point_queries\": " << o.point_queries
     << ", \"connects\": " << o.connects << ", \"repetitions\": " << o.reps
     << ", \"rss_rows\": " << o.rss_rows << ", \"callgrind_rows\": " << o.callgrind_rows
     << ", \"subject\": \"" << json_escape(o.subject) << "\", \"baseline\": \""
     << json_escape(o.baseline) << "\"},\n  \"targets\": [";
  for (std::size_t i = 0; i < o.targets.size(); ++i) {
    js << (i ? ", " : "") << "{\"label\": \"" << json_escape(o.targets[i].label)
       << "\", \"api\": \"" << (o.targets[i].libpq ? "libpq" : "odbc") << "\"}";
  }
  js << "],\n  \"summary\": [";
  bool first = true;
  for (const Target& t : o.targets) {
    for (CaseId id :
         {CaseId::kFetchBound, CaseId::kFetchArray, CaseId::kFetchGetData, CaseId::kInsertArray,
          CaseId::kInsertCopy, CaseId::kInsertLoop, CaseId::kPointSelect, CaseId::kConnect}) {
      for (Variant v : {Variant::kTimed, Variant::kRss, Variant::kCallgrind}) {
        auto s = summarize(runs, t.label, id, v);
        if (!s) continue;
        js << (first ? "\n" : ",\n") << "    {\"target\": \"" << json_escape(t.label)
           << "\", \"case\": \"" << case_name(id) << "\", \"variant\": \"" << variant_name(v)
           << "\", \"valid\": " << (s->ok() ? "true" : "false") << ", \"runs\": " << s->runs
           << ", \"median_ops_per_s\": " << fmt("%.3f", s->median_rate)
           << ", \"peak_rss_kib\": " << s->peak_rss_kib;
        if (v == Variant::kCallgrind && s->ops > 0) {
          js << ", \"instructions\": " << s->instructions << ", \"instructions_per_row\": "
             << fmt("%.1f", static_cast<double>(s->instructions) / static_cast<double>(s->ops));
        }
        js << "}";
        first = false;
      }
    }
  }
  js << "\n  ],\n  \"runs\": [";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Run& r = runs[i];
    js << (i ? ",\n" : "\n") << "    {\"target\": \"" << json_escape(r.target) << "\", \"case\": \""
       << case_name(r.id) << "\", \"variant\": \"" << variant_name(r.variant)
       << "\", \"rep\": " << r.rep << ", \"table_rows\": " << r.table_rows
       << ", \"ok\": " << (r.ok ? "true" : "false") << ", \"ops\": " << r.ops
       << ", \"seconds\": " << fmt("%.6f", r.seconds) << ", \"max_rss_kib\": " << r.max_rss_kib
       << ", \"instructions\": " << r.instructions << ", \"problem\": \"" << json_escape(r.problem)
       << "\"}";
  }
  js << "\n  ]\n}\n";
  return js.str();
}

}  // namespace pgw::bench
