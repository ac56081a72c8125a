// Prints the connection keyword table (Markdown) for the README from the option registry.
#include <iostream>

#include "config/option_table.hpp"

int main() {
  std::cout << pgw::config::option_table_markdown();
  return 0;
}
