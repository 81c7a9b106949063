// The database: a fixed pool of PostgreSQL connections and the one way to use them. A service
// hands write(), read() or read_one() a function of a storage::Tx; Database leases a connection,
// begins, runs it, commits, retries what is worth retrying, and turns every database failure into
// a core::Error, so that nothing above storage sees the client library.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "ngnpro/core/config.hpp"

namespace ngnpro::storage {

// An open transaction (or, in read_one, a connection without BEGIN): what every storage function
// runs its statements in. Opaque here; defined in src/storage/tx.hpp.
class Tx;

class Database {
 public:
  class Session;

  explicit Database(core::DbConfig config);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs fn(Tx&) in one READ COMMITTED transaction, commits, and returns what fn returns.
  // fn may run more than once (deadlock, serialization failure, connection lost before the
  // commit): it must only read and write through tx, so slow work such as hashing goes before.
  // Throws fn's core::Error unchanged (after the rollback); 9003 when the database is away, too
  // slow (statement_timeout, lock_timeout) or has no free connection within lease_timeout, and
  // nothing was written; 8003 for a value the database refuses; 9000 for anything else.
  // Refuses with std::logic_error to run inside another write/read/read_one: one request is one
  // transaction.
  template <class F>
  auto write(F&& fn) {
    return run(Mode::kWrite, std::forward<F>(fn));
  }
  // As write(), in a READ ONLY transaction: for several statements that belong together.
  template <class F>
  auto read(F&& fn) {
    return run(Mode::kRead, std::forward<F>(fn));
  }
  // As read(), without BEGIN/COMMIT: for one statement, which is atomic on its own, and saves
  // two round trips on the hottest reads (getAccount, authentication).
  template <class F>
  auto read_one(F&& fn) {
    return run(Mode::kSingle, std::forward<F>(fn));
  }

  // True when the database answers SELECT 1 within a second (GET /health). Never waits for the
  // pool: a connection of its own; a call made while another one runs returns that one's last
  // result.
  bool healthy();

  // How many times a pooled connection was handed out (a Session counts once), for tests.
  std::int64_t lease_count() const;

 private:
  enum class Mode { kWrite, kRead, kSingle };
  struct Pool;
  class Lease;

  template <class F>
  auto run(Mode mode, F&& fn);
  void run_erased(Mode mode, const std::function<void(Tx&)>& fn);

  std::unique_ptr<Pool> pool_;
};

// One pooled connection for everything one request does on this thread (authentication, then
// the operation), so that a request never holds two. While a Session is open, write(), read()
// and read_one() on its thread use its connection, leased on first use and returned when the
// Session ends; without one, each call leases a connection of its own. A Session opened while
// another one of the same Database is open on the thread joins it. Not to be moved across threads.
class Database::Session {
 public:
  explicit Session(Database& db);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  friend class Database;
  Lease& lease();

  Database& db_;
  bool joined_ = false;       // another Session of db_ was already open: this one does nothing
  Session* outer_ = nullptr;  // the thread's Session before this one (of another Database)
  std::unique_ptr<Lease> lease_;
};

template <class F>
auto Database::run(Mode mode, F&& fn) {
  using Result = std::invoke_result_t<F&, Tx&>;
  if constexpr (std::is_void_v<Result>) {
    run_erased(mode, [&fn](Tx& tx) { fn(tx); });
  } else {
    std::optional<Result> result;  // a rerun replaces what an abandoned attempt returned
    run_erased(mode, [&fn, &result](Tx& tx) { result.emplace(fn(tx)); });
    return std::move(*result);
  }
}

}  // namespace ngnpro::storage
