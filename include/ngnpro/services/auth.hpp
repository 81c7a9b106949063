// Authentication of the SOAP auth header: admin accounts from the config file, customer logins
// from the customers table, impersonation, and throttling of failed logins.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "ngnpro/core/config.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

class Authenticator {
 public:
  Authenticator(storage::Database& db, const core::Config& config);

  // Throws core::Error 8000 (bad or missing credentials, or throttled), 8003 (negative
  // impersonate), 8001 or 5000 (impersonation not allowed / no such customer).
  Caller authenticate(const Credentials& credentials);

 private:
  using Clock = std::chrono::steady_clock;
  struct Failures {
    int count = 0;
    Clock::time_point window_start;
    Clock::time_point locked_until;
  };

  using FailureMap = std::unordered_map<std::string, Failures>;
  // Failed logins are counted per (address, user name) and per address; the admin login from a
  // configured CRM address ([auth] admin_address) is never throttled, so a client sharing the
  // CRM's address cannot lock the admin out.
  struct Throttle {
    std::string pair_key;     // peer + '\n' + user name
    std::string address_key;  // peer
    bool exempt = false;
  };

  Throttle throttle_for(const Credentials& credentials) const;
  bool locked_out(const Throttle& throttle, Clock::time_point now);
  void record_failure(const Throttle& throttle, Clock::time_point now);
  void count_failure(FailureMap& map, const std::string& key, int limit, Clock::time_point now);
  void clear_failures(const Throttle& throttle);
  bool verify_customer_password(const std::string& password, const std::string& stored_hash);

  storage::Database& db_;
  const core::Config& config_;
  std::mutex mutex_;
  FailureMap failures_;          // per Throttle::pair_key
  FailureMap address_failures_;  // per Throttle::address_key
  // stored hash -> SHA-256(stored hash + password) of a password that verified against it, so a
  // repeated login costs one hash instead of PBKDF2. A changed password changes the stored hash.
  std::unordered_map<std::string, std::string> verified_;
};

}  // namespace ngnpro::services
