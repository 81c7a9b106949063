// Who is calling, after authentication and impersonation (api §8.1–8.3).
#pragma once

#include <cstdint>
#include <string>

namespace ngnpro::services {

enum class Role { kAdmin, kReseller, kCustomer };

struct Caller {
  Role role = Role::kCustomer;
  std::string login;              // the user name that authenticated (logs, audit)
  std::int64_t customer = 0;      // effective customer id; 0 for a plain admin
  std::int64_t reseller = 0;      // effective reseller id; 0 for a plain admin
  std::int64_t impersonated = 0;  // customer acted as through the header's impersonate; 0: none

  bool is_admin() const { return role == Role::kAdmin; }
  bool is_reseller() const { return role == Role::kReseller; }
  // Credits bind everyone but the plain admin; an impersonating admin has the target's role (api §9.1 Q1).
  bool bound_by_credits() const { return role != Role::kAdmin; }
};

// The contents of the SOAP auth header (api §2.4).
struct Credentials {
  bool present = false;
  std::string username;
  std::string password;
  bool admin = false;             // absent: false
  std::int64_t impersonate = 0;   // absent or 0: none
  std::string peer;               // source address, for throttling failed logins
};

}  // namespace ngnpro::services
