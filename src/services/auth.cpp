#include "ngnpro/services/auth.hpp"

#include <spdlog/spdlog.h>

#include "ngnpro/core/digest.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/storage/customers.hpp"

namespace ngnpro::services {

namespace {

using core::Error;
using core::ErrorCode;

// Bounds on the in-memory tables: a flood of distinct user names must not grow memory forever.
constexpr std::size_t kMaxFailureEntries = 100'000;
constexpr std::size_t kMaxVerifiedEntries = 10'000;

// A customer has reseller rights when it is a reseller, or when its impersonate field names its
// reseller (api §8.2, last point).
Role role_of(const storage::CustomerIdentity& c) {
  return (c.id == c.reseller || c.impersonate == c.reseller) ? Role::kReseller : Role::kCustomer;
}

Caller caller_for(const storage::CustomerIdentity& c, const std::string& login, std::int64_t impersonated) {
  Caller caller;
  caller.role = role_of(c);
  caller.login = login;
  caller.customer = c.id;
  caller.reseller = c.reseller;
  caller.impersonated = impersonated;
  return caller;
}

[[noreturn]] void fail_login() { throw Error{ErrorCode::kAuthenticationFailed, "login failed"}; }

}  // namespace

Authenticator::Authenticator(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

Caller Authenticator::authenticate(const Credentials& credentials) {
  if (!credentials.present) throw Error{ErrorCode::kAuthenticationFailed, "missing auth header"};
  const std::string key = credentials.peer + '\n' + credentials.username;
  const auto now = Clock::now();
  if (locked_out(key, now))
    throw Error{ErrorCode::kAuthenticationFailed, "too many failed logins; try again later"};

  if (credentials.admin) {
    bool ok = false;
    for (const auto& admin : config_.admins)  // no early exit: the time taken must not tell which matched
      ok |= core::constant_time_equal(credentials.username, admin.username) &
            core::constant_time_equal(credentials.password, admin.password);
    if (!ok) {
      record_failure(key, now);
      spdlog::info("failed admin login for '{}' from {}", credentials.username, credentials.peer);
      fail_login();
    }
    clear_failures(key);
    if (credentials.impersonate <= 0) return Caller{Role::kAdmin, credentials.username, 0, 0, 0};
    // Acting on behalf of customer N: every later check is made as N (api §8.2).
    auto conn = db_.lease();
    pqxx::nontransaction tx{*conn};  // one read: no BEGIN/COMMIT round trips on every call
    const auto target = storage::find_customer_identity(tx, credentials.impersonate);
    if (!target)
      throw Error{ErrorCode::kCustomerNotFound,
                  "cannot impersonate customer " + std::to_string(credentials.impersonate) + ": no such customer"};
    return caller_for(*target, credentials.username, target->id);
  }

  auto conn = db_.lease();
  // Independent reads (the login, then an impersonation target): each is current on its own.
  pqxx::nontransaction tx{*conn};
  const auto customer = storage::find_customer_login(tx, credentials.username);
  // An unknown user costs the same hash as a wrong password, so timing does not reveal user names.
  static const std::string kDummyHash = core::hash_login_password("x", config_.auth.pbkdf2_iterations);
  const bool ok = customer ? verify_customer_password(credentials.password, customer->password_hash)
                           : (core::verify_login_password(credentials.password, kDummyHash), false);
  if (!ok) {
    record_failure(key, now);
    spdlog::info("failed customer login for '{}' from {}", credentials.username, credentials.peer);
    fail_login();
  }
  clear_failures(key);
  Caller caller = caller_for(*customer, credentials.username, 0);
  const std::int64_t n = credentials.impersonate;
  if (n <= 0 || n == customer->id) return caller;
  // api §9.1 Q2: a customer login may act as a customer of its own reseller, and only with
  // reseller rights.
  const auto target = storage::find_customer_identity(tx, n);
  if (!caller.is_reseller() || !target || target->reseller != caller.reseller)
    throw Error{ErrorCode::kPermissionDenied, "impersonation of customer " + std::to_string(n) + " is not allowed"};
  return caller_for(*target, credentials.username, target->id);
}

bool Authenticator::verify_customer_password(const std::string& password, const std::string& stored_hash) {
  if (stored_hash.empty()) return false;  // customer without a login password
  const std::string fingerprint = core::sha256_hex(stored_hash + '\n' + password);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = verified_.find(stored_hash);
    if (it != verified_.end() && core::constant_time_equal(it->second, fingerprint)) return true;
  }
  if (!core::verify_login_password(password, stored_hash)) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  if (verified_.size() >= kMaxVerifiedEntries) verified_.clear();
  verified_[stored_hash] = fingerprint;
  return true;
}

bool Authenticator::locked_out(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = failures_.find(key);
  return it != failures_.end() && it->second.locked_until > now;
}

void Authenticator::record_failure(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failures_.size() >= kMaxFailureEntries) {
    for (auto it = failures_.begin(); it != failures_.end();)
      it = (it->second.locked_until <= now && now - it->second.window_start > config_.auth.failure_window)
               ? failures_.erase(it)
               : std::next(it);
  }
  Failures& f = failures_[key];
  if (now - f.window_start > config_.auth.failure_window) {
    f.count = 0;
    f.window_start = now;
  }
  if (++f.count >= config_.auth.max_failures) {
    f.locked_until = now + config_.auth.lockout;
    f.count = 0;
    f.window_start = now;
    spdlog::warn("login locked for {}s after {} failures: {}", config_.auth.lockout.count(),
                 config_.auth.max_failures, key.substr(key.find('\n') + 1));
  }
}

void Authenticator::clear_failures(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.erase(key);
}

}  // namespace ngnpro::services
