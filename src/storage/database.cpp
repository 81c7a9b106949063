#include "ngnpro/storage/database.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <libpq-fe.h>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "ngnpro/core/error.hpp"
#include "tx.hpp"

namespace ngnpro::storage {

namespace {

using std::chrono::milliseconds;

// A deadlock or serialization failure reruns the transaction this often before the caller
// gets 9003; PostgreSQL aborted one side so that the other could go on, so a rerun soon wins.
constexpr int kMaxConflictReruns = 3;
// libpq's connect_timeout when the DSN sets none: a database host that vanished must become a
// 9003 within seconds, not a worker stuck in connect() for the kernel's minutes.
constexpr int kConnectTimeoutSeconds = 5;
// The health check's own limits, so that /health answers quickly whatever the pool is doing.
constexpr int kHealthConnectTimeoutSeconds = 2;  // libpq's smallest
constexpr milliseconds kHealthStatementTimeout{1000};

thread_local Database::Session* t_session = nullptr;  // the thread's open Session, if any
thread_local bool t_running = false;                  // inside write(), read() or read_one()

class RunningFlag {
 public:
  RunningFlag() {
    if (t_running)
      throw std::logic_error("Database::write/read/read_one called inside another: one request is one transaction");
    t_running = true;
  }
  ~RunningFlag() { t_running = false; }
  RunningFlag(const RunningFlag&) = delete;
  RunningFlag& operator=(const RunningFlag&) = delete;
};

// libpq ends its messages with a newline, and some span lines: one log line each.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// The database's text goes to the log only; the caller learns that a retry may help.
core::Error unavailable(const std::string& why) {
  spdlog::warn("database unavailable: {}", one_line(why));
  return core::Error{core::ErrorCode::kDatabaseUnavailable, "database unavailable, retry"};
}

bool sets_connect_timeout(const std::string& dsn) {
  if (const char* env = std::getenv("PGCONNECT_TIMEOUT"); env != nullptr && *env != '\0') return true;
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(dsn.c_str(), &error);
  if (options == nullptr) {  // a malformed DSN: connecting will say what is wrong with it
    PQfreemem(error);
    return false;
  }
  bool set = false;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o)
    set |= std::strcmp(o->keyword, "connect_timeout") == 0 && o->val != nullptr && *o->val != '\0';
  PQconninfoFree(options);
  return set;
}

// In both of libpq's forms (key=value and URI) a later setting of a key wins.
std::string with_connect_timeout(const std::string& dsn, int seconds) {
  const std::string setting = "connect_timeout=" + std::to_string(seconds);
  const bool uri = dsn.rfind("postgresql://", 0) == 0 || dsn.rfind("postgres://", 0) == 0;
  if (!uri) return dsn + " " + setting;
  return dsn + (dsn.find('?') == std::string::npos ? "?" : "&") + setting;
}

// set_variable (not a plain SET) so that libpqxx restores them, should it ever reconnect on
// its own. 0 means no limit.
void set_timeouts(pqxx::connection& conn, milliseconds statement, milliseconds lock) {
  conn.set_variable("statement_timeout", std::to_string(statement.count()));
  conn.set_variable("lock_timeout", std::to_string(lock.count()));
  // We never idle inside a transaction; a client process stopped mid-transaction must not hold
  // its row locks for longer than a statement could.
  const auto idle = statement.count() == 0 ? 0 : statement.count() + 1000;
  conn.set_variable("idle_in_transaction_session_timeout", std::to_string(idle));
}

std::unique_ptr<pqxx::connection> open_connection(const std::string& dsn, milliseconds statement_timeout,
                                                  milliseconds lock_timeout) {
  try {
    auto conn = std::make_unique<pqxx::connection>(dsn);
    set_timeouts(*conn, statement_timeout, lock_timeout);
    return conn;
  } catch (const std::exception& e) {  // refused, unreachable, authentication, too many clients
    throw unavailable(std::string("cannot connect: ") + e.what());
  }
}

enum class Failure {
  kConflict,        // deadlock or serialization failure: rerun
  kConnectionLost,  // before COMMIT: nothing was written, rerun on a new connection
  kUnavailable,     // statement or lock timeout: 9003
  kBadValue,        // data_exception that validation let through: 8003
  kOther,           // 9000
};

template <class Kind>
bool is(const pqxx::pqxx_exception& e) {
  return dynamic_cast<const Kind*>(&e) != nullptr;
}

// libpqxx 6.4 gives some errors a class of their own but no SQLSTATE (class 40 derives from
// failure, not sql_error), others only a SQLSTATE: both are looked at.
Failure classify(const pqxx::pqxx_exception& e, const pqxx::connection* conn) {
  if (is<pqxx::broken_connection>(e) || (conn != nullptr && !conn->is_open())) return Failure::kConnectionLost;
  if (is<pqxx::serialization_failure>(e) || is<pqxx::deadlock_detected>(e)) return Failure::kConflict;
  if (is<pqxx::statement_completion_unknown>(e)) return Failure::kUnavailable;  // not rerun: it may have run
  if (is<pqxx::data_exception>(e)) return Failure::kBadValue;
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  const std::string state = sql != nullptr ? sql->sqlstate() : std::string{};
  if (state == "40001" || state == "40P01") return Failure::kConflict;
  // Class 08 and the shutdown codes (pg_terminate_backend, server restart): the session is gone.
  if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03")
    return Failure::kConnectionLost;
  if (state == "57014" || state == "55P03") return Failure::kUnavailable;  // statement_timeout, lock_timeout
  if (state.rfind("22", 0) == 0) return Failure::kBadValue;
  return Failure::kOther;
}

std::string sqlstate_of(const pqxx::pqxx_exception& e) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  return sql != nullptr && !sql->sqlstate().empty() ? sql->sqlstate() : "none";
}

// Jittered, so that the two sides of a deadlock do not meet again at the same moment.
void pause_before_rerun(int rerun) {
  thread_local std::minstd_rand random{std::random_device{}()};
  std::uniform_int_distribution<int> ms(5 * rerun, 25 * rerun);
  std::this_thread::sleep_for(milliseconds(ms(random)));
}

// SELECT 1 on the health check's connection.
bool answers(pqxx::connection& conn, bool log_failure) {
  try {
    pqxx::nontransaction tx{conn};
    tx.exec("SELECT 1");
    return true;
  } catch (const std::exception& e) {
    if (log_failure) spdlog::warn("health check failed: {}", one_line(e.what()));
    return false;
  }
}

template <class Transaction>
void run_in(pqxx::connection& conn, const std::function<void(Tx&)>& fn) {
  Transaction transaction{conn};
  Tx tx{transaction};
  fn(tx);
  transaction.commit();  // a no-op for nontransaction
}

}  // namespace

struct Database::Pool {
  explicit Pool(core::DbConfig db)
      : config(std::move(db)),
        dsn(sets_connect_timeout(config.dsn) ? config.dsn : with_connect_timeout(config.dsn, kConnectTimeoutSeconds)),
        health_dsn(with_connect_timeout(config.dsn, kHealthConnectTimeoutSeconds)) {}

  std::unique_ptr<pqxx::connection> connect() const {
    return open_connection(dsn, config.statement_timeout, config.lock_timeout);
  }

  // Waits up to lease_timeout for a slot: an idle connection, or nullptr when the pool may open
  // one more (Lease connects on first use).
  std::unique_ptr<pqxx::connection> take() {
    std::unique_lock<std::mutex> lock(mutex);
    if (!available.wait_for(lock, config.lease_timeout,
                            [&] { return !idle.empty() || open < config.pool_size; }))
      throw unavailable("no free connection within " + std::to_string(config.lease_timeout.count()) +
                        " ms (pool of " + std::to_string(config.pool_size) + ")");
    ++leases;
    if (idle.empty()) {
      ++open;
      return nullptr;
    }
    auto conn = std::move(idle.back());
    idle.pop_back();
    return conn;
  }

  void give_back(std::unique_ptr<pqxx::connection> conn) {
    std::lock_guard<std::mutex> lock(mutex);
    if (conn && conn->is_open()) {
      idle.push_back(std::move(conn));
    } else {
      --open;  // never opened, or broken: a fresh one is opened on demand
    }
    available.notify_one();
  }

  const core::DbConfig config;
  const std::string dsn;  // config.dsn with a connect_timeout
  const std::string health_dsn;
  std::mutex mutex;
  std::condition_variable available;
  std::vector<std::unique_ptr<pqxx::connection>> idle;
  int open = 0;  // slots leased or idle
  std::atomic<std::int64_t> leases{0};

  std::mutex health_mutex;  // held while a health check runs
  std::unique_ptr<pqxx::connection> health_conn;
  std::atomic<bool> last_health{false};
};

// One pool slot, and its connection once opened.
class Database::Lease {
 public:
  explicit Lease(Pool& pool) : pool_(pool), conn_(pool.take()) {}
  ~Lease() { pool_.give_back(std::move(conn_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  pqxx::connection& connection() {
    if (!conn_) conn_ = pool_.connect();
    return *conn_;
  }
  // After the connection broke: the next connection() opens a new one in the same slot.
  void drop() { conn_.reset(); }

 private:
  Pool& pool_;
  std::unique_ptr<pqxx::connection> conn_;
};

Database::Database(core::DbConfig config) : pool_(std::make_unique<Pool>(std::move(config))) {}

Database::~Database() = default;

std::int64_t Database::lease_count() const { return pool_->leases; }

void Database::run_erased(Mode mode, const std::function<void(Tx&)>& fn) {
  const RunningFlag running;
  Session* session = t_session != nullptr && &t_session->db_ == this ? t_session : nullptr;
  std::optional<Lease> own;
  Lease& lease = session != nullptr ? session->lease() : own.emplace(*pool_);

  int conflicts = 0;
  bool reconnected = false;
  for (;;) {
    pqxx::connection* conn = nullptr;
    try {
      conn = &lease.connection();
      switch (mode) {
        case Mode::kWrite: run_in<pqxx::work>(*conn, fn); break;
        case Mode::kRead: run_in<pqxx::read_transaction>(*conn, fn); break;
        case Mode::kSingle: run_in<pqxx::nontransaction>(*conn, fn); break;
      }
      return;
    } catch (const core::Error&) {
      throw;  // fn's own (rolled back by now), or 9003 from connecting
    } catch (const pqxx::in_doubt_error& e) {
      // The connection broke during COMMIT: the transaction may or may not have committed, so
      // rerunning it could do it twice.
      lease.drop();
      throw unavailable(std::string("connection lost during COMMIT, outcome unknown: ") + e.what());
    } catch (const pqxx::pqxx_exception& e) {
      const std::string what = e.base().what();
      switch (classify(e, conn)) {
        case Failure::kConflict:
          if (conflicts == kMaxConflictReruns)
            throw unavailable("still conflicting after " + std::to_string(conflicts) + " reruns: " + what);
          ++conflicts;
          spdlog::debug("database: {} (SQLSTATE {}); rerun {}", one_line(what), sqlstate_of(e), conflicts);
          pause_before_rerun(conflicts);
          continue;
        case Failure::kConnectionLost:
          lease.drop();
          if (reconnected) throw unavailable("connection lost again: " + what);
          reconnected = true;
          spdlog::info("database: connection lost ({}); rerunning on a new one", one_line(what));
          continue;
        case Failure::kUnavailable:
          throw unavailable(what);
        case Failure::kBadValue:
          spdlog::warn("database refused a value (SQLSTATE {}): {}", sqlstate_of(e), one_line(what));
          throw core::Error{core::ErrorCode::kInvalidArgument, "a value is too long or out of range"};
        case Failure::kOther:
          break;
      }
      spdlog::error("database failure (SQLSTATE {}): {}", sqlstate_of(e), one_line(what));
      throw core::Error{core::ErrorCode::kInternal, "internal server error"};
    }
  }
}

bool Database::healthy() {
  Pool& pool = *pool_;
  std::unique_lock<std::mutex> lock(pool.health_mutex, std::try_to_lock);
  if (!lock.owns_lock()) return pool.last_health;
  // The connection kept from the last check may have broken since (database restart): one more
  // try on a new one before answering false.
  bool ok = pool.health_conn && answers(*pool.health_conn, false);
  if (!ok) {
    pool.health_conn.reset();
    try {
      pool.health_conn = open_connection(pool.health_dsn, kHealthStatementTimeout, kHealthStatementTimeout);
      ok = answers(*pool.health_conn, true);
    } catch (const core::Error&) {
      // open_connection logged why
    }
    if (!ok) pool.health_conn.reset();
  }
  pool.last_health = ok;
  return ok;
}

Database::Session::Session(Database& db) : db_(db) {
  joined_ = t_session != nullptr && &t_session->db_ == &db;
  if (joined_) return;
  outer_ = t_session;
  t_session = this;
}

Database::Session::~Session() {
  if (!joined_) t_session = outer_;
}

Database::Lease& Database::Session::lease() {
  if (!lease_) lease_ = std::make_unique<Lease>(*db_.pool_);
  return *lease_;
}

}  // namespace ngnpro::storage
