// storage::Database on a real PostgreSQL: timeouts become 9003 with nothing written, lost
// connections are replaced and the work rerun, deadlocks are rerun, /health never waits for the
// pool, and a request holds one pooled connection.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "ngnpro/storage/customers.hpp"
#include "pg_fixture.hpp"

namespace ngnpro::testing {
namespace {

using Clock = std::chrono::steady_clock;
using core::CustomerText;
using core::ErrorCode;
using services::Caller;
using services::Role;
using std::chrono::milliseconds;

const Caller kAdmin{Role::kAdmin, "admin", 0, 0, 0};
// The pool's backends carry this name in pg_stat_activity, so that a test can find (and kill) them.
constexpr const char* kApplication = "ngnpro_database_pgtest";
// Longer than any limit the fixtures set: today's code, without those limits, waits this long
// for a lock held by the test itself and then fails, instead of hanging.
constexpr milliseconds kSafetyRelease{4000};

// A pool of two that names itself, with the given limits (0: none).
core::Config pool_config(milliseconds lock_timeout, milliseconds statement_timeout) {
  core::Config config = test_config();
  config.db.dsn += std::string(" application_name=") + kApplication;
  config.db.pool_size = 2;
  config.db.lock_timeout = lock_timeout;
  config.db.statement_timeout = statement_timeout;
  config.db.lease_timeout = milliseconds{1000};
  return config;
}

struct ShortLockTimeout : PgFixture {
  ShortLockTimeout() : PgFixture(pool_config(milliseconds{300}, milliseconds{10'000})) {}
};
struct ShortStatementTimeout : PgFixture {
  ShortStatementTimeout() : PgFixture(pool_config(milliseconds{0}, milliseconds{300})) {}
};
// Waits for locks long enough for the test to act while a request is blocked.
struct PatientPool : PgFixture {
  PatientPool() : PgFixture(pool_config(milliseconds{8000}, milliseconds{10'000})) {}
};

core::CustomerInput new_customer(const std::string& username) {
  core::CustomerInput in;
  in[CustomerText::kUsername] = username;
  in.password = username + "-pw";
  return in;
}

core::CustomerInput city_update(std::int64_t id, const std::string& city) {
  core::CustomerInput in;
  in.id = id;
  in[CustomerText::kCity] = city;
  return in;
}

bool eventually(const std::function<bool()>& done, milliseconds limit = milliseconds{5000}) {
  const auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds{10});
  }
  return true;
}

std::int64_t superuser_count(const std::string& sql) {
  pqxx::connection conn{required_env("NGNPRO_TEST_PG_SUPERUSER_DSN")};
  pqxx::nontransaction tx{conn};
  return tx.exec_params(sql, kApplication)[0][0].as<std::int64_t>();
}

// Pool backends waiting for a lock.
std::int64_t blocked_backends() {
  return superuser_count(
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'");
}

// pg_terminate_backend on the pool's backends (those matching `condition`); how many.
std::int64_t terminate_backends(const std::string& condition = "true") {
  const auto n = superuser_count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                 " WHERE application_name = $1 AND " + condition);
  const bool gone = eventually([&] {
    return superuser_count("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND " + condition) ==
           0;
  });
  CHECK(gone);
  return n;
}

// Another client holding a lock in an open transaction until release(), or kSafetyRelease.
class HeldLock {
 public:
  explicit HeldLock(const std::string& sql) : conn_{required_env("NGNPRO_TEST_DSN")} {
    tx_ = std::make_unique<pqxx::work>(conn_);
    tx_->exec(sql);
    releaser_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!released_.wait_for(lock, kSafetyRelease, [&] { return !tx_; })) tx_.reset();  // rolls back
    });
  }
  ~HeldLock() {
    release();
    releaser_.join();
  }
  HeldLock(const HeldLock&) = delete;
  HeldLock& operator=(const HeldLock&) = delete;

  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    tx_.reset();
    released_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable released_;
  pqxx::connection conn_;
  std::unique_ptr<pqxx::work> tx_;
  std::thread releaser_;
};

std::string row_lock(std::int64_t customer) {
  return "SELECT 1 FROM ngnpro.customers WHERE id = " + std::to_string(customer) + " FOR UPDATE";
}

milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

// How a call ended: nullopt for success, else the core::Error code; any other exception fails.
std::optional<ErrorCode> outcome_of(const std::function<void()>& call, std::atomic<bool>& other_exception) {
  try {
    call();
  } catch (const core::Error& e) {
    return e.code();
  } catch (...) {
    other_exception = true;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE_METHOD(ShortLockTimeout, "a write waiting for another client's row lock answers 9003 after lock_timeout, "
                                   "and writes nothing", "[pg][database][timeout]") {
  const auto carla = services.customers.add(kAdmin, new_customer("carla"));
  {
    HeldLock lock{row_lock(carla.id)};
    const auto start = Clock::now();
    CHECK(error_code_of([&] { services.customers.update(kAdmin, city_update(carla.id, "Amsterdam")); }) ==
          ErrorCode::kDatabaseUnavailable);
    CHECK(since(start) < milliseconds{2000});
  }
  CHECK(services.customers.get(kAdmin, carla.id)[CustomerText::kCity].empty());
}

TEST_CASE_METHOD(ShortStatementTimeout, "a statement running past statement_timeout answers 9003",
                 "[pg][database][timeout]") {
  services.sip.add_domain(kAdmin, [] {
    core::SipDomainInput d;
    d.domain = "example.com";
    return d;
  }());
  // Without a lock_timeout, a read behind an exclusive table lock waits until statement_timeout.
  HeldLock lock{"LOCK TABLE ngnpro.sip_domains IN ACCESS EXCLUSIVE MODE"};
  const auto start = Clock::now();
  CHECK(error_code_of([&] { services.sip.list_domains(kAdmin, {}); }) == ErrorCode::kDatabaseUnavailable);
  CHECK(since(start) < milliseconds{2000});
  lock.release();
  CHECK(services.sip.list_domains(kAdmin, {}).total == 1);
}

TEST_CASE_METHOD(PatientPool, "after the pool's connections were killed between requests, the next requests succeed",
                 "[pg][database][reconnect]") {
  const auto carla = services.customers.add(kAdmin, new_customer("carla"));
  REQUIRE(terminate_backends() >= 1);
  CHECK(services.customers.get(kAdmin, carla.id).id == carla.id);  // read_one
  REQUIRE(terminate_backends() >= 1);
  services.customers.update(kAdmin, city_update(carla.id, "Amsterdam"));  // write
  CHECK(services.customers.get(kAdmin, carla.id)[CustomerText::kCity] == "Amsterdam");
}

TEST_CASE_METHOD(PatientPool, "a connection killed inside a transaction ends in success or 9003, and the pool "
                              "recovers", "[pg][database][reconnect]") {
  const auto carla = services.customers.add(kAdmin, new_customer("carla"));
  std::atomic<bool> other_exception{false};
  std::optional<ErrorCode> outcome;
  {
    HeldLock lock{row_lock(carla.id)};
    std::thread writer([&] {
      outcome = outcome_of([&] { services.customers.update(kAdmin, city_update(carla.id, "Amsterdam")); },
                           other_exception);
    });
    // BEGIN and a SELECT ... FOR UPDATE are in when it waits for the lock.
    const bool blocked = eventually([] { return blocked_backends() == 1; });
    CHECK(blocked);
    if (blocked) CHECK(terminate_backends("wait_event_type = 'Lock'") == 1);
    lock.release();
    writer.join();
  }
  CHECK_FALSE(other_exception);
  CHECK((!outcome || *outcome == ErrorCode::kDatabaseUnavailable));
  for (const char* city : {"Berlin", "Paris", "Rome"}) {
    services.customers.update(kAdmin, city_update(carla.id, city));
    CHECK(services.customers.get(kAdmin, carla.id)[CustomerText::kCity] == city);
  }
}

// Every pooled connection leased by a request that waits for another client's row lock.
struct BlockedPool : PatientPool {
  BlockedPool() {
    const auto carla = services.customers.add(kAdmin, new_customer("carla"));
    lock = std::make_unique<HeldLock>(row_lock(carla.id));
    for (int i = 0; i < config.db.pool_size; ++i)
      writers.emplace_back([this, id = carla.id] {
        outcome_of([&] { services.customers.update(kAdmin, city_update(id, "Amsterdam")); }, other_exception);
      });
    const bool blocked = eventually([&] { return blocked_backends() == config.db.pool_size; });
    if (!blocked) unblock();  // REQUIRE throws: no destructor runs to join the threads
    REQUIRE(blocked);
  }
  ~BlockedPool() {
    unblock();
    CHECK_FALSE(other_exception);
  }
  void unblock() {
    lock->release();
    for (auto& w : writers)
      if (w.joinable()) w.join();
  }

  std::unique_ptr<HeldLock> lock;
  std::vector<std::thread> writers;
  std::atomic<bool> other_exception{false};
};

TEST_CASE_METHOD(BlockedPool, "healthy() answers within a second while every pooled connection is blocked",
                 "[pg][database][health]") {
  const auto start = Clock::now();
  CHECK(db.healthy());
  CHECK(since(start) < milliseconds{1500});
}

TEST_CASE_METHOD(BlockedPool, "a request that finds no free pooled connection within lease_timeout answers 9003",
                 "[pg][database][timeout]") {
  const auto start = Clock::now();
  CHECK(error_code_of([&] { services.sip.list_domains(kAdmin, {}); }) == ErrorCode::kDatabaseUnavailable);
  CHECK(since(start) >= config.db.lease_timeout);
  CHECK(since(start) < config.db.lease_timeout + milliseconds{1000});
}

TEST_CASE_METHOD(PatientPool, "healthy() opens a new connection when its own was killed", "[pg][database][health]") {
  CHECK(db.healthy());
  REQUIRE(terminate_backends() == 1);
  CHECK(db.healthy());
}

TEST_CASE_METHOD(PatientPool, "one request (a customer's login, then getAccount) leases one pooled connection",
                 "[pg][database][session]") {
  const auto carla = services.customers.add(kAdmin, new_customer("carla"));
  const services::Credentials login{true, "carla", "carla-pw", false, 0, "192.0.2.1"};
  const auto request = [&] {
    const Caller caller = services.auth.authenticate(login);
    CHECK(services.customers.get(caller, carla.id).id == carla.id);
  };
  auto before = db.lease_count();
  {
    const auto scope = services.request_scope();
    request();
  }
  CHECK(db.lease_count() - before == 1);
  before = db.lease_count();
  request();  // without a scope, each call leases on its own
  CHECK(db.lease_count() - before == 2);
}

TEST_CASE_METHOD(PatientPool, "two writes locking two rows in opposite order deadlock, and both commit after a rerun",
                 "[pg][database][retry]") {
  const auto a = services.customers.add(kAdmin, new_customer("a")).id;
  const auto b = services.customers.add(kAdmin, new_customer("b")).id;
  std::atomic<int> attempts{0};
  std::atomic<int> holding_first{0};
  std::atomic<bool> other_exception{false};
  std::optional<ErrorCode> outcome[2];
  const auto lock_both = [&](std::int64_t first, std::int64_t second) {
    bool first_attempt = true;
    db.write([&](storage::Tx& tx) {
      ++attempts;
      storage::lock_customer(tx, first);
      if (first_attempt) {  // both hold their first row before either asks for its second
        first_attempt = false;
        ++holding_first;
        eventually([&] { return holding_first == 2; });
      }
      storage::lock_customer(tx, second);
      storage::touch_customer(tx, first, {"deadlock-test", 0});
    });
  };
  std::thread t1([&] { outcome[0] = outcome_of([&] { lock_both(a, b); }, other_exception); });
  std::thread t2([&] { outcome[1] = outcome_of([&] { lock_both(b, a); }, other_exception); });
  t1.join();
  t2.join();
  CHECK_FALSE(other_exception);
  CHECK_FALSE(outcome[0]);
  CHECK_FALSE(outcome[1]);
  CHECK(attempts == 3);  // PostgreSQL aborted one side; it ran once more
  CHECK(count("ngnpro.customers WHERE changed_by = 'deadlock-test'") == 2);
}

TEST_CASE_METHOD(PatientPool, "a core::Error thrown inside write() passes through and rolls back",
                 "[pg][database]") {
  const auto carla = services.customers.add(kAdmin, new_customer("carla")).id;
  CHECK(error_code_of([&] {
          db.write([&](storage::Tx& tx) {
            storage::touch_customer(tx, carla, {"rolled-back", 0});
            throw core::Error{ErrorCode::kCreditExceeded, "no"};
          });
        }) == ErrorCode::kCreditExceeded);
  CHECK(count("ngnpro.customers WHERE changed_by = 'rolled-back'") == 0);
}

TEST_CASE_METHOD(PatientPool, "write() inside write() is refused, not nested", "[pg][database]") {
  CHECK_THROWS_AS(db.write([&](storage::Tx&) { db.write([](storage::Tx&) {}); }), std::logic_error);
  CHECK_THROWS_AS(db.write([&](storage::Tx&) { db.read_one([](storage::Tx&) {}); }), std::logic_error);
}

}  // namespace ngnpro::testing
