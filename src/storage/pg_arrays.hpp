// Reading PostgreSQL text arrays, so that a row can carry its lists (ARRAY(SELECT ...)) and an
// account is read in one statement instead of one per list.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace ngnpro::storage {

// A one-dimensional text[]: {a,b,c}. NULL elements are read as "".
std::vector<std::string> text_array(const pqxx::field& field);

// A two-dimensional text[][]: {{a,b},{c,d}} as rows {a,b} and {c,d}. '{}' is no rows.
std::vector<std::vector<std::string>> text_array_rows(const pqxx::field& field);

}  // namespace ngnpro::storage
