#include "config/option_table.hpp"

namespace pgw::config {
namespace {

std::string escape_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string code(std::string_view text) {
  return "`" + std::string(text) + "`";
}

}  // namespace

std::string describe_type(const OptionDesc& desc) {
  std::string out;
  switch (desc.type) {
    case OptionType::String:
      out = desc.secret ? "string (secret)" : "string";
      break;
    case OptionType::Int:
      out = "integer " + std::to_string(desc.min) + ".." + std::to_string(desc.max);
      break;
    case OptionType::Bool:
      out = "boolean (1/0)";
      break;
    case OptionType::Enum: {
      out = "one of:";
      bool first = true;
      for (const std::string_view v : desc.allowed) {
        out += first ? " " : ", ";
        out += v;
        first = false;
      }
      break;
    }
  }
  if (desc.list) out += ", comma-separated list";
  return out;
}

std::string describe_aliases(const OptionDesc& desc) {
  std::string out;
  const auto add = [&out](std::string_view alias) {
    if (!out.empty()) out += ", ";
    out += alias;
  };
  for (const std::string_view alias : desc.aliases) add(alias);
  bool libpq_listed = desc.libpq.empty() || iequals(desc.libpq, desc.key);
  for (const std::string_view alias : desc.aliases)
    libpq_listed = libpq_listed || iequals(alias, desc.libpq);
  if (!libpq_listed) add(desc.libpq);
  return out;
}

std::string option_table_markdown() {
  std::string out =
      "| Keyword | Aliases | Type | Default | Description |\n"
      "|---|---|---|---|---|\n";
  for (const OptionDesc& desc : all_options()) {
    std::string aliases;
    const std::string names = describe_aliases(desc);
    std::size_t start = 0;
    while (start < names.size()) {
      std::size_t comma = names.find(", ", start);
      if (comma == std::string::npos) comma = names.size();
      if (!aliases.empty()) aliases += ", ";
      aliases += code(std::string_view(names).substr(start, comma - start));
      start = comma + 2;
    }
    out += "| " + code(desc.key) + " | " + aliases + " | " + escape_cell(describe_type(desc)) +
           " | " + (desc.default_value.empty() ? std::string() : code(desc.default_value)) + " | " +
           escape_cell(desc.help) + " |\n";
  }
  return out;
}

}  // namespace pgw::config
