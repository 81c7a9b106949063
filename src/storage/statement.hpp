// Named, parameterized SQL statements, prepared once per connection on first use
// (the PowerDNS gsql habit: each statement is a named constant next to the code that runs it).
// std::optional arguments go in as NULL when empty (libpqxx 6.4 string_traits).
#pragma once

#include <string>
#include <utility>

#include <pqxx/pqxx>

#include "tx.hpp"

namespace ngnpro::storage {

struct Statement {
  const char* name;  // unique per process
  std::string sql;
};

// The one way storage runs SQL.
template <class... Args>
pqxx::result exec(Tx& tx, const Statement& statement, Args&&... args) {
  pqxx::transaction_base& pg = tx.pg();
  // Re-registering the same definition is a no-op in libpqxx; the server-side PREPARE happens once.
  pg.conn().prepare(statement.name, statement.sql);
  return pg.exec_prepared(statement.name, std::forward<Args>(args)...);
}

}  // namespace ngnpro::storage
