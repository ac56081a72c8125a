#include "case.hpp"

#include <iterator>

namespace pgw::bench {
namespace {

struct NamedCase {
  CaseId id;
  const char* name;
};
constexpr NamedCase kCases[] = {
    {CaseId::kFetchBound, "fetch_bound"},     {CaseId::kFetchArray, "fetch_array"},
    {CaseId::kFetchGetData, "fetch_getdata"}, {CaseId::kInsertArray, "insert_array"},
    {CaseId::kInsertCopy, "insert_copy"},     {CaseId::kInsertLoop, "insert_loop"},
    {CaseId::kPointSelect, "point_select"},   {CaseId::kConnect, "connect"},
};

}  // namespace

const char* case_name(CaseId c) {
  for (const NamedCase& n : kCases) {
    if (n.id == c) return n.name;
  }
  return "?";
}

bool case_from_name(const std::string& name, CaseId& out) {
  for (const NamedCase& n : kCases) {
    if (name == n.name) return out = n.id, true;
  }
  return false;
}

bool is_fetch(CaseId c) {
  return c == CaseId::kFetchBound || c == CaseId::kFetchArray || c == CaseId::kFetchGetData;
}

bool is_insert(CaseId c) {
  return c == CaseId::kInsertArray || c == CaseId::kInsertCopy || c == CaseId::kInsertLoop;
}

}  // namespace pgw::bench
