#pragma once
// The README's keyword table, rendered from the registry so the two cannot drift apart
// (tools/pgw_option_table prints it).
#include <string>

#include "config/options.hpp"

namespace pgw::config {

// "integer 1..65535, comma-separated list", "one of: disable, prefer, require", ...
std::string describe_type(const OptionDesc& desc);
// Every accepted spelling other than the canonical key: aliases, then the libpq keyword.
std::string describe_aliases(const OptionDesc& desc);
// A GitHub-flavoured Markdown table: Keyword | Aliases | Type | Default | Description.
std::string option_table_markdown();

}  // namespace pgw::config
