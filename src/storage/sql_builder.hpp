// Builds the WHERE, ORDER BY and LIMIT of a list query from a filter (api §3). Values always
// travel as parameters; only column names chosen from fixed tables are spliced into the text.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "ngnpro/core/query.hpp"
#include "ngnpro/core/text_limits.hpp"
#include "tx.hpp"

namespace ngnpro::storage {

// An ORDER BY column and the tiebreak that makes the order total.
struct Order {
  const char* column;
  const char* tiebreak;
};

// The order for a client's orderBy attribute; unknown attributes get the fallback (api §3).
inline Order order_of(const std::map<std::string, Order>& orders, const std::string& attribute, Order fallback) {
  const auto it = orders.find(attribute);
  return it == orders.end() ? fallback : it->second;
}

class SqlBuilder {
 public:
  // An empty pattern is no condition; '%' and '_' are the client's wildcards and a backslash escapes
  // them. A lone backslash at the end, which PostgreSQL refuses as a pattern, matches itself.
  void like(const char* column, const std::string& pattern) {
    if (pattern.empty()) return;
    conditions_.push_back(std::string(column) + " LIKE " + like_placeholder(pattern));
  }
  // The "$n" of a non-empty pattern as like() takes it, for a condition that combines several.
  std::string like_placeholder(const std::string& pattern) {
    core::require_length(pattern, core::kMaxTextBytes, "filter");
    std::size_t trailing = 0;
    while (trailing < pattern.size() && pattern[pattern.size() - 1 - trailing] == '\\') ++trailing;
    return next_placeholder(trailing % 2 == 1 ? pattern + '\\' : pattern);
  }
  // A pattern without wildcards (nor the escape character) matches one value exactly.
  static bool is_exact(const std::string& pattern) { return pattern.find_first_of("%_\\") == std::string::npos; }
  void equals(const char* column, std::int64_t value) { add(std::string(column) + " = $", std::to_string(value)); }
  void equals(const char* column, const std::string& value) { add(std::string(column) + " = $", value); }
  void condition(const std::string& sql) { conditions_.push_back(sql); }
  // A condition with one parameter: text ends where the "$n" goes, suffix follows it.
  void add(const std::string& text, const std::string& value, const std::string& suffix = "") {
    params_.push_back(value);
    conditions_.push_back(text + std::to_string(params_.size()) + suffix);
  }
  std::string next_placeholder(const std::string& value) {
    params_.push_back(value);
    return "$" + std::to_string(params_.size());
  }

  std::size_t size() const { return conditions_.size(); }

  std::string where() const {
    std::string out;
    for (const auto& c : conditions_) out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
  }

  std::int64_t count(Tx& tx, const std::string& from) const {
    return scalar(tx, "count(*)", from);
  }

  // One bigint aggregate over the matching rows, e.g. "COALESCE(sum(c.n), 0)".
  std::int64_t scalar(Tx& tx, const std::string& aggregate, const std::string& from) const {
    return tx.pg().exec_params("SELECT " + aggregate + " FROM " + from + where(),
                          pqxx::prepare::make_dynamic_params(params_))[0][0]
        .as<std::int64_t>();
  }

  pqxx::result select(Tx& tx, const std::string& columns, const std::string& from,
                      const std::string& order_column, bool descending, const std::string& tiebreak,
                      const core::Range& range) const {
    std::string sql = "SELECT " + columns + " FROM " + from + where() + " ORDER BY " + order_column +
                      (descending ? " DESC" : " ASC");
    if (order_column != tiebreak) sql += ", " + tiebreak + (descending ? " DESC" : " ASC");
    if (range.count > 0) sql += " LIMIT " + std::to_string(range.count);
    if (range.start > 0) sql += " OFFSET " + std::to_string(range.start);
    return tx.pg().exec_params(sql, pqxx::prepare::make_dynamic_params(params_));
  }
  pqxx::result select(Tx& tx, const std::string& columns, const std::string& from, Order order,
                      bool descending, const core::Range& range) const {
    return select(tx, columns, from, order.column, descending, order.tiebreak, range);
  }

 private:
  std::vector<std::string> conditions_;
  std::vector<std::string> params_;
};

}  // namespace ngnpro::storage
