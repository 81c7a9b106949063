#include "pg_arrays.hpp"

#include <stdexcept>

namespace ngnpro::storage {

namespace {

using Juncture = pqxx::array_parser::juncture;

// Collects the values of each innermost row; depth counts the open braces.
std::vector<std::vector<std::string>> parse(const pqxx::field& field, int dimensions) {
  std::vector<std::vector<std::string>> rows;
  if (field.is_null()) return rows;
  pqxx::array_parser parser = field.as_array();
  int depth = 0;
  for (;;) {
    const auto [juncture, value] = parser.get_next();
    switch (juncture) {
      case Juncture::row_start:
        if (++depth == dimensions) rows.emplace_back();
        break;
      case Juncture::row_end:
        --depth;
        break;
      case Juncture::string_value:
      case Juncture::null_value:
        if (depth != dimensions)
          throw std::runtime_error{"unexpected array shape in column " + std::string{field.name()}};
        rows.back().push_back(juncture == Juncture::string_value ? value : std::string{});
        break;
      case Juncture::done:
        return rows;
    }
  }
}

}  // namespace

std::vector<std::string> text_array(const pqxx::field& field) {
  auto rows = parse(field, 1);
  return rows.empty() ? std::vector<std::string>{} : std::move(rows.front());
}

std::vector<std::vector<std::string>> text_array_rows(const pqxx::field& field) { return parse(field, 2); }

}  // namespace ngnpro::storage
