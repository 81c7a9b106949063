// What storage::Tx (include/ngnpro/storage/database.hpp) stands for: the libpqxx transaction
// that Database::write/read/read_one opened. Only storage sees this header.
#pragma once

#include <stdexcept>

#include <pqxx/pqxx>

#include "ngnpro/storage/database.hpp"

namespace ngnpro::storage {

class Tx {
 public:
  explicit Tx(pqxx::dbtransaction& tx) : tx_(tx), db_(&tx) {}
  explicit Tx(pqxx::transaction_base& tx) : tx_(tx) {}  // read_one: no BEGIN
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  pqxx::transaction_base& pg() { return tx_; }

  // For a subtransaction (SAVEPOINT), which needs a real transaction around it.
  pqxx::dbtransaction& transaction() {
    if (db_ == nullptr) throw std::logic_error("a savepoint needs Database::write or read, not read_one");
    return *db_;
  }

 private:
  pqxx::transaction_base& tx_;
  pqxx::dbtransaction* db_ = nullptr;
};

}  // namespace ngnpro::storage
