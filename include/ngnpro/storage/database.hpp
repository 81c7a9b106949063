// A fixed pool of PostgreSQL connections. A request leases one connection for its one
// transaction; a connection is one thread's at a time (libpqxx thread-safety rules).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include <pqxx/pqxx>

#include "ngnpro/core/config.hpp"

namespace ngnpro::storage {

class Database {
 public:
  class Lease {
   public:
    Lease(Database& db, std::unique_ptr<pqxx::connection> conn) : db_(&db), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }

   private:
    Database* db_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  explicit Database(core::DbConfig config);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Waits for a free connection (opening one if the pool is not full yet); throws
  // core::Error kInternal when none is free within the wait limit or the database is down.
  Lease lease();
  // True when a leased connection answers SELECT 1 (GET /health).
  bool healthy();

 private:
  void give_back(std::unique_ptr<pqxx::connection> conn);

  core::DbConfig config_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;  // connections leased or idle
};

}  // namespace ngnpro::storage
