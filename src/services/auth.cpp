#include "ngnpro/services/auth.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "ngnpro/core/digest.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/core/ip_network.hpp"
#include "ngnpro/core/log_text.hpp"
#include "ngnpro/core/text_limits.hpp"
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

// ::ffff:192.0.2.10, as a dual-stack listener reports an IPv4 peer, is 192.0.2.10.
core::IpNetwork unmapped(const core::IpNetwork& address) {
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (!address.v6 || address.prefix != 128 || !std::equal(kMapped, kMapped + 12, address.bytes.begin())) return address;
  core::IpNetwork v4;
  std::copy(address.bytes.begin() + 12, address.bytes.end(), v4.bytes.begin());
  v4.prefix = 32;
  return v4;
}

[[noreturn]] void fail_login() { throw Error{ErrorCode::kAuthenticationFailed, "login failed"}; }

}  // namespace

Authenticator::Authenticator(storage::Database& db, const core::Config& config) : db_(db), config_(config) {}

Caller Authenticator::authenticate(const Credentials& credentials) {
  if (!credentials.present) throw Error{ErrorCode::kAuthenticationFailed, "missing auth header"};
  if (credentials.impersonate < 0)
    throw Error{ErrorCode::kInvalidArgument, "impersonate must be 0 (none) or a customer id, not " +
                                                 std::to_string(credentials.impersonate)};
  const auto now = Clock::now();
  const Throttle throttle = throttle_for(credentials);
  if (!throttle.exempt && locked_out(throttle, now))
    throw Error{ErrorCode::kAuthenticationFailed, "too many failed logins; try again later"};

  if (credentials.admin) {
    bool ok = false;
    for (const auto& admin : config_.admins)  // no early exit: the time taken must not tell which matched
      ok |= core::constant_time_equal(credentials.username, admin.username) &
            core::constant_time_equal(credentials.password, admin.password);
    if (!ok) {
      record_failure(throttle, now);
      spdlog::info("failed admin login for {} from {}", core::log_safe(credentials.username), credentials.peer);
      fail_login();
    }
    clear_failures(throttle);
    if (credentials.impersonate <= 0) return Caller{Role::kAdmin, credentials.username, 0, 0, 0};
    // Acting on behalf of customer N: every later check is made as N (api §8.2).
    const auto target = db_.read_one(  // one read: no BEGIN/COMMIT round trips on every call
        [&](storage::Tx& tx) { return storage::find_customer_identity(tx, credentials.impersonate); });
    if (!target)
      throw Error{ErrorCode::kCustomerNotFound,
                  "cannot impersonate customer " + std::to_string(credentials.impersonate) + ": no such customer"};
    return caller_for(*target, credentials.username, target->id);
  }

  // Independent reads (the login, then an impersonation target): each is current on its own.
  const auto customer =
      db_.read_one([&](storage::Tx& tx) { return storage::find_customer_login(tx, credentials.username); });
  // An unknown user costs the same hash as a wrong password, so timing does not reveal user names.
  static const std::string kDummyHash = core::hash_login_password("x", config_.auth.pbkdf2_iterations);
  const bool ok = customer ? verify_customer_password(credentials.password, customer->password_hash)
                           : (core::verify_login_password(credentials.password, kDummyHash), false);
  if (!ok) {
    record_failure(throttle, now);
    spdlog::info("failed customer login for {} from {}", core::log_safe(credentials.username), credentials.peer);
    fail_login();
  }
  clear_failures(throttle);
  Caller caller = caller_for(*customer, credentials.username, 0);
  const std::int64_t n = credentials.impersonate;
  if (n <= 0 || n == customer->id) return caller;
  // api §9.1 Q2: a customer login may act as a customer of its own reseller, and only with
  // reseller rights.
  const auto target = db_.read_one([&](storage::Tx& tx) { return storage::find_customer_identity(tx, n); });
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

Authenticator::Throttle Authenticator::throttle_for(const Credentials& credentials) const {
  Throttle t;
  // A user name longer than any login is still counted, under its first bytes: a flood of
  // megabyte names must not become megabyte keys.
  t.pair_key = credentials.peer + '\n' + credentials.username.substr(0, core::kMaxNameBytes + 1);
  t.address_key = credentials.peer;
  if (credentials.admin) {
    if (auto peer = core::parse_ip_network(credentials.peer)) {
      const core::IpNetwork address = unmapped(*peer);
      t.exempt = std::any_of(config_.auth.admin_addresses.begin(), config_.auth.admin_addresses.end(),
                             [&](const core::IpNetwork& crm) { return crm.contains(address); });
    }
  }
  return t;
}

bool Authenticator::locked_out(const Throttle& throttle, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto locked = [&](const FailureMap& map, const std::string& key) {
    const auto it = map.find(key);
    return it != map.end() && it->second.locked_until > now;
  };
  return locked(failures_, throttle.pair_key) || locked(address_failures_, throttle.address_key);
}

void Authenticator::record_failure(const Throttle& throttle, Clock::time_point now) {
  if (throttle.exempt) return;
  std::lock_guard<std::mutex> lock(mutex_);
  count_failure(failures_, throttle.pair_key, config_.auth.max_failures, now);
  count_failure(address_failures_, throttle.address_key, config_.auth.max_address_failures, now);
}

void Authenticator::count_failure(FailureMap& map, const std::string& key, int limit, Clock::time_point now) {
  if (map.size() >= kMaxFailureEntries) {
    for (auto it = map.begin(); it != map.end();)
      it = (it->second.locked_until <= now && now - it->second.window_start > config_.auth.failure_window)
               ? map.erase(it)
               : std::next(it);
  }
  Failures& f = map[key];
  if (now - f.window_start > config_.auth.failure_window) {
    f.count = 0;
    f.window_start = now;
  }
  if (++f.count >= limit) {
    f.locked_until = now + config_.auth.lockout;
    f.count = 0;
    f.window_start = now;
    spdlog::warn("logins locked for {}s after {} failures: {}", config_.auth.lockout.count(), limit,
                 core::log_safe(key));
  }
}

// A success clears the failures of its user name at its address, never those of the address as
// a whole: one valid login must not reset the count of a client guessing other users' passwords.
void Authenticator::clear_failures(const Throttle& throttle) {
  std::lock_guard<std::mutex> lock(mutex_);
  failures_.erase(throttle.pair_key);
}

}  // namespace ngnpro::services
