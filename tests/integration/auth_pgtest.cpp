// Authentication, impersonation and login throttling (api §2.4, §8.1, §8.2) on a real PostgreSQL.
#include <catch2/catch.hpp>

#include "pg_fixture.hpp"

namespace ngnpro::testing {
namespace {

using core::CustomerText;
using core::ErrorCode;
using services::Caller;
using services::Credentials;
using services::Role;

const Caller kAdmin{Role::kAdmin, "admin", 0, 0, 0};

Credentials admin_login(std::int64_t impersonate = 0) { return {true, "admin", "admin-secret", true, impersonate, "192.0.2.1"}; }
Credentials customer_login(const std::string& user, const std::string& password, std::int64_t impersonate = 0) {
  return {true, user, password, false, impersonate, "192.0.2.1"};
}

core::Customer add(services::Services& s, const std::string& username, const Caller& caller = kAdmin) {
  core::CustomerInput in;
  in[CustomerText::kUsername] = username;
  in.password = username + "-pw";
  return s.customers.add(caller, in);
}

}  // namespace

TEST_CASE_METHOD(PgFixture, "a missing header or wrong admin password fails with 8000", "[pg][auth]") {
  CHECK(error_code_of([&] { services.auth.authenticate(Credentials{}); }) == ErrorCode::kAuthenticationFailed);
  auto wrong = admin_login();
  wrong.password = "nope";
  CHECK(error_code_of([&] { services.auth.authenticate(wrong); }) == ErrorCode::kAuthenticationFailed);
  CHECK(services.auth.authenticate(admin_login()).is_admin());
}

TEST_CASE_METHOD(PgFixture, "admin credentials do not log in as a customer and vice versa", "[pg][auth]") {
  add(services, "carla");
  CHECK(error_code_of([&] { services.auth.authenticate(customer_login("admin", "admin-secret")); }) ==
        ErrorCode::kAuthenticationFailed);
  auto as_admin = customer_login("carla", "carla-pw");
  as_admin.admin = true;
  CHECK(error_code_of([&] { services.auth.authenticate(as_admin); }) == ErrorCode::kAuthenticationFailed);
}

TEST_CASE_METHOD(PgFixture, "an impersonating admin gets the rights of the impersonated customer", "[pg][auth]") {
  const auto r = add(services, "reseller");
  const Caller as_reseller = services.auth.authenticate(admin_login(r.id));
  CHECK(as_reseller.role == Role::kReseller);
  CHECK(as_reseller.reseller == r.id);
  CHECK(as_reseller.impersonated == r.id);
  CHECK(as_reseller.bound_by_credits());
  const auto c = add(services, "sub", as_reseller);
  const Caller as_customer = services.auth.authenticate(admin_login(c.id));
  CHECK(as_customer.role == Role::kCustomer);
  CHECK(error_code_of([&] { services.auth.authenticate(admin_login(999999)); }) == ErrorCode::kCustomerNotFound);
}

TEST_CASE_METHOD(PgFixture, "a customer whose impersonate field names its reseller has reseller rights",
                 "[pg][auth]") {
  const auto r = add(services, "reseller");
  const Caller as_reseller{Role::kReseller, "reseller", r.id, r.id, 0};
  const auto c = add(services, "deputy", as_reseller);
  core::CustomerInput update;
  update.id = c.id;
  update.impersonate = r.id;
  services.customers.update(as_reseller, update);
  CHECK(services.auth.authenticate(customer_login("deputy", "deputy-pw")).role == Role::kReseller);
}

TEST_CASE_METHOD(PgFixture, "a customer login may impersonate only customers of its reseller, with reseller rights",
                 "[pg][auth]") {
  const auto r = add(services, "reseller");
  const Caller as_reseller{Role::kReseller, "reseller", r.id, r.id, 0};
  const auto c1 = add(services, "c1", as_reseller);
  const auto c2 = add(services, "c2", as_reseller);
  const auto other = add(services, "other");
  CHECK(services.auth.authenticate(customer_login("reseller", "reseller-pw", c1.id)).customer == c1.id);
  CHECK(services.auth.authenticate(customer_login("c1", "c1-pw", c1.id)).customer == c1.id);
  CHECK(error_code_of([&] { services.auth.authenticate(customer_login("c1", "c1-pw", c2.id)); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.auth.authenticate(customer_login("reseller", "reseller-pw", other.id)); }) ==
        ErrorCode::kPermissionDenied);
}

TEST_CASE_METHOD(PgFixture, "repeated failed logins lock the user out even with the right password",
                 "[pg][auth][throttle]") {
  add(services, "carla");
  for (int i = 0; i < config.auth.max_failures; ++i)
    CHECK(error_code_of([&] { services.auth.authenticate(customer_login("carla", "wrong")); }) ==
          ErrorCode::kAuthenticationFailed);
  CHECK(error_code_of([&] { services.auth.authenticate(customer_login("carla", "carla-pw")); }) ==
        ErrorCode::kAuthenticationFailed);
  // Another source address is not locked out.
  auto elsewhere = customer_login("carla", "carla-pw");
  elsewhere.peer = "198.51.100.9";
  CHECK(services.auth.authenticate(elsewhere).role == Role::kReseller);
}

TEST_CASE_METHOD(PgFixture, "a customer without a password cannot log in", "[pg][auth]") {
  core::CustomerInput in;
  in[CustomerText::kUsername] = "nopw";
  services.customers.add(kAdmin, in);
  CHECK(error_code_of([&] { services.auth.authenticate(customer_login("nopw", "")); }) ==
        ErrorCode::kAuthenticationFailed);
}

}  // namespace ngnpro::testing
