#include "ngnpro/storage/database.hpp"

#include <spdlog/spdlog.h>

#include "ngnpro/core/error.hpp"

namespace ngnpro::storage {

namespace {
// Long enough to ride out a burst; short enough that a stuck database becomes a fault, not a hang.
constexpr std::chrono::seconds kLeaseWait{10};
}  // namespace

Database::Lease::~Lease() {
  if (db_ && conn_) db_->give_back(std::move(conn_));
}

Database::Database(core::DbConfig config) : config_(std::move(config)) {}

Database::Lease Database::lease() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!available_.wait_for(lock, kLeaseWait, [&] { return !idle_.empty() || open_ < config_.pool_size; }))
    throw core::Error{core::ErrorCode::kInternal, "database busy: no free connection"};
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease{*this, std::move(conn)};
  }
  ++open_;
  lock.unlock();
  try {
    return Lease{*this, std::make_unique<pqxx::connection>(config_.dsn)};
  } catch (const std::exception& e) {
    std::lock_guard<std::mutex> relock(mutex_);
    --open_;
    available_.notify_one();
    spdlog::error("database connection failed: {}", e.what());
    throw core::Error{core::ErrorCode::kInternal, "database unavailable"};
  }
}

void Database::give_back(std::unique_ptr<pqxx::connection> conn) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (conn->is_open()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // broken: a fresh one is opened on demand
  }
  available_.notify_one();
}

bool Database::healthy() {
  try {
    auto conn = lease();
    pqxx::nontransaction tx{*conn};
    tx.exec("SELECT 1");
    return true;
  } catch (const std::exception& e) {
    spdlog::warn("health check failed: {}", e.what());
    return false;
  }
}

}  // namespace ngnpro::storage
