// Reading PostgreSQL text arrays, so that a row can carry its lists (ARRAY(SELECT ...)) and an
// account is read in one statement instead of one per list; and writing them, so that a whole
// list is one parameter.
//
// Our own reader of PostgreSQL's array output, not libpqxx 6.4's array_parser: that one also
// takes ' as a quote, and an element starting with ' (a group named "'", stored by any
// customer) made it throw from deep inside and abort the server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

namespace ngnpro::storage {

// A PostgreSQL array literal of text(item) for each item: every element double-quoted, so no
// value can break out of it. Writes lists in one statement (unnest($n::text[])).
template <class Items, class Text>
std::string array_literal(const Items& items, Text text) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : text(item)) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// A one-dimensional text[]: {a,b,c}. NULL elements are read as "".
std::vector<std::string> text_array(const pqxx::field& field);

// A two-dimensional text[][]: {{a,b},{c,d}} as rows {a,b} and {c,d}. '{}' is no rows.
std::vector<std::vector<std::string>> text_array_rows(const pqxx::field& field);

// The innermost rows of an array literal of `dimensions` (1 or 2) dimensions, as PostgreSQL's
// array_out writes it; throws std::runtime_error on anything else.
std::vector<std::vector<std::string>> parse_text_array(std::string_view literal, int dimensions);

}  // namespace ngnpro::storage
