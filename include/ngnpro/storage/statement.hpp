// Named, parameterized SQL statements, prepared once per connection on first use
// (the PowerDNS gsql habit: each statement is a named constant next to the code that runs it).
// std::optional arguments go in as NULL when empty (libpqxx 6.4 string_traits).
#pragma once

#include <string>
#include <utility>

#include <pqxx/pqxx>

namespace ngnpro::storage {

struct Statement {
  const char* name;  // unique per process
  std::string sql;
};

template <class... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, Args&&... args) {
  // Re-registering the same definition is a no-op in libpqxx; the server-side PREPARE happens once.
  tx.conn().prepare(statement.name, statement.sql);
  return tx.exec_prepared(statement.name, std::forward<Args>(args)...);
}

}  // namespace ngnpro::storage
