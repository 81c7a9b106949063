// The Customer port's rules (api §8.3, §8.4, §8.6) on a real PostgreSQL.
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "pg_fixture.hpp"

namespace ngnpro::testing {
namespace {

using core::CustomerText;
using core::ErrorCode;
using core::Permission;
using services::Caller;
using services::Role;

const Caller kAdmin{Role::kAdmin, "admin", 0, 0, 0};

core::CustomerInput new_customer(const std::string& username, std::int64_t reseller = 0) {
  core::CustomerInput in;
  in[CustomerText::kUsername] = username;
  in.password = username + "-pw";
  in[CustomerText::kFirstName] = "First " + username;
  if (reseller != 0) in.reseller = reseller;
  return in;
}

Caller reseller_caller(std::int64_t reseller) { return {Role::kReseller, "r", reseller, reseller, 0}; }
Caller customer_caller(const core::Customer& c) { return {Role::kCustomer, "c", c.id, c.reseller, 0}; }

std::optional<core::CustomerProperty> property(const std::vector<core::CustomerProperty>& all,
                                               const std::string& name) {
  for (const auto& p : all)
    if (p.name == name) return p;
  return std::nullopt;
}

}  // namespace

TEST_CASE_METHOD(PgFixture, "an admin creating a customer without a reseller creates a reseller of itself",
                 "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("acme"));
  CHECK(r.id >= 1000);
  CHECK(r.reseller == r.id);
  CHECK(r[CustomerText::kFirstName] == "First acme");
  CHECK_FALSE(r.change_date.empty());
}

TEST_CASE_METHOD(PgFixture, "a reseller's new customer belongs to the reseller whatever reseller it asks for",
                 "[pg][customer]") {
  const auto r1 = services.customers.add(kAdmin, new_customer("r1"));
  const auto r2 = services.customers.add(kAdmin, new_customer("r2"));
  auto in = new_customer("sub");
  in.reseller = r2.id;
  const auto sub = services.customers.add(reseller_caller(r1.id), in);
  CHECK(sub.reseller == r1.id);
  CHECK_FALSE(sub.is_reseller());
}

TEST_CASE_METHOD(PgFixture, "only resellers and the admin create customers", "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  CHECK(error_code_of([&] { services.customers.add(customer_caller(c), new_customer("x")); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(count("ngnpro.customers") == 2);
}

TEST_CASE_METHOD(PgFixture, "an admin may put a new customer under an existing reseller only", "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(kAdmin, new_customer("c", r.id));
  CHECK(c.reseller == r.id);
  CHECK(error_code_of([&] { services.customers.add(kAdmin, new_customer("d", c.id)); }) ==
        ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] { services.customers.add(kAdmin, new_customer("e", 999999)); }) ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE_METHOD(PgFixture, "an inactive reseller cannot create customers", "[pg][customer]") {
  auto in = new_customer("sleepy");
  in.reseller_active = false;
  const auto r = services.customers.add(kAdmin, in);
  CHECK_FALSE(r.reseller_active);
  CHECK(error_code_of([&] { services.customers.add(reseller_caller(r.id), new_customer("c")); }) ==
        ErrorCode::kResellerInactive);
}

TEST_CASE_METHOD(PgFixture, "a taken username or id is refused with 5001 and nothing is written", "[pg][customer]") {
  const auto first = services.customers.add(kAdmin, new_customer("dup"));
  CHECK(error_code_of([&] { services.customers.add(kAdmin, new_customer("dup")); }) == ErrorCode::kCustomerExists);
  auto with_id = new_customer("other");
  with_id.id = first.id;
  CHECK(error_code_of([&] { services.customers.add(kAdmin, with_id); }) == ErrorCode::kCustomerExists);
  CHECK(count("ngnpro.customers") == 1);
}

TEST_CASE_METHOD(PgFixture, "an admin-supplied id is kept and never handed out again", "[pg][customer]") {
  auto in = new_customer("imported");
  in.id = 5000;
  CHECK(services.customers.add(kAdmin, in).id == 5000);
  CHECK(services.customers.add(kAdmin, new_customer("next")).id > 5000);
}

TEST_CASE_METHOD(PgFixture, "customer passwords are never returned and an empty password keeps the login",
                 "[pg][customer][auth]") {
  const auto r = services.customers.add(kAdmin, new_customer("carla"));
  services::Credentials login{true, "carla", "carla-pw", false, 0, "127.0.0.1"};
  CHECK(services.auth.authenticate(login).customer == r.id);

  core::CustomerInput update;
  update.id = r.id;
  update.password = "";
  update[CustomerText::kCity] = "Amsterdam";
  services.customers.update(kAdmin, update);
  CHECK(services.auth.authenticate(login).customer == r.id);
  CHECK(services.customers.get(kAdmin, r.id)[CustomerText::kCity] == "Amsterdam");

  update.password = "new-secret";
  services.customers.update(kAdmin, update);
  CHECK(error_code_of([&] { services.auth.authenticate(login); }) == ErrorCode::kAuthenticationFailed);
  login.password = "new-secret";
  CHECK(services.auth.authenticate(login).customer == r.id);

  pqxx::connection conn{config.db.dsn};
  pqxx::read_transaction tx{conn};
  const auto hash = tx.exec_params1("SELECT password_hash FROM ngnpro.customers WHERE id = $1", r.id)[0].as<std::string>();
  CHECK(hash.rfind("pbkdf2-sha256$", 0) == 0);
  CHECK(hash.find("new-secret") == std::string::npos);
}

TEST_CASE_METHOD(PgFixture, "update keeps absent members and changes the given ones", "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("keep"));
  core::CustomerInput update;
  update.id = r.id;
  update[CustomerText::kLastName] = "Tester";
  services.customers.update(kAdmin, update);
  const auto stored = services.customers.get(kAdmin, r.id);
  CHECK(stored[CustomerText::kFirstName] == "First keep");
  CHECK(stored[CustomerText::kLastName] == "Tester");
}

TEST_CASE_METHOD(PgFixture, "admin-only fields sent by a reseller are ignored", "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  core::CustomerInput update;
  update.id = c.id;
  update.balance = 100;
  update.credit = 50;
  update.reseller_active = false;
  update[CustomerText::kCompanyCode] = "X";
  update[CustomerText::kCity] = "Utrecht";
  services.customers.update(reseller_caller(r.id), update);
  const auto stored = services.customers.get(kAdmin, c.id);
  CHECK(stored.balance == 0);
  CHECK(stored.credit == 0);
  CHECK(stored.reseller_active);
  CHECK(stored[CustomerText::kCompanyCode].empty());
  CHECK(stored[CustomerText::kCity] == "Utrecht");
}

TEST_CASE_METHOD(PgFixture, "a sub-customer cannot change its own impersonate field but its reseller can",
                 "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  core::CustomerInput update;
  update.id = c.id;
  update.impersonate = r.id;
  services.customers.update(customer_caller(c), update);
  CHECK(services.customers.get(kAdmin, c.id).impersonate == 0);
  services.customers.update(reseller_caller(r.id), update);
  CHECK(services.customers.get(kAdmin, c.id).impersonate == r.id);
}

TEST_CASE_METHOD(PgFixture, "resellers see their own customers and customers see themselves; total counts them",
                 "[pg][customer]") {
  const auto r1 = services.customers.add(kAdmin, new_customer("r1"));
  const auto r2 = services.customers.add(kAdmin, new_customer("r2"));
  const auto c1 = services.customers.add(reseller_caller(r1.id), new_customer("c1"));
  services.customers.add(reseller_caller(r2.id), new_customer("c2"));

  CHECK(services.customers.list(kAdmin, {}).total == 4);
  const auto page = services.customers.list(reseller_caller(r1.id), {});
  CHECK(page.total == 2);
  for (const auto& c : page.rows) CHECK(c.reseller == r1.id);
  const auto own = services.customers.list(customer_caller(c1), {});
  REQUIRE(own.total == 1);
  CHECK(own.rows[0].id == c1.id);

  CHECK(error_code_of([&] { services.customers.get(reseller_caller(r2.id), c1.id); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.customers.get(kAdmin, 424242); }) == ErrorCode::kCustomerNotFound);
  // A filter narrows but never widens what the caller sees (api §8.3).
  core::CustomerQuery other;
  other.filter.reseller = r2.id;
  CHECK(services.customers.list(reseller_caller(r1.id), other).total == 0);
}

TEST_CASE_METHOD(PgFixture, "getCustomers filters with LIKE, orders, pages, and total ignores the range",
                 "[pg][customer]") {
  for (const char* name : {"alpha", "alpine", "beta", "alto"}) services.customers.add(kAdmin, new_customer(name));
  core::CustomerQuery query;
  query.filter.username = "al%";
  query.order_by = {"username", true};
  query.range = {1, 1};
  const auto page = services.customers.list(kAdmin, query);
  CHECK(page.total == 3);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0][CustomerText::kUsername] == "alpine");  // alto, alpine, alpha
}

TEST_CASE_METHOD(PgFixture, "getResellers lists resellers, and the login account when filter.customer is given",
                 "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  const auto resellers = services.customers.list_resellers(kAdmin, {});
  REQUIRE(resellers.total == 1);
  CHECK(resellers.rows[0].id == r.id);
  core::CustomerQuery login;
  login.filter.customer = c.id;
  const auto account = services.customers.list_resellers(kAdmin, login);
  REQUIRE(account.total == 1);
  CHECK(account.rows[0].id == c.id);
}

TEST_CASE_METHOD(PgFixture, "setProperties upserts by name and keeps the properties not given",
                 "[pg][customer][properties]") {
  auto in = new_customer("r");
  in.properties = std::vector<core::CustomerProperty>{{"sip_credit", "10", "credit", Permission::kAdmin}};
  const auto r = services.customers.add(kAdmin, in);
  services.customers.set_properties(reseller_caller(r.id), r.id,
                                    {{"sip_accounts_last_domain", "example.com", "web", Permission::kCustomer}});
  services.customers.set_properties(reseller_caller(r.id), r.id,
                                    {{"sip_accounts_last_domain", "example.org", "web", Permission::kCustomer}});
  const auto props = services.customers.get_properties(kAdmin, r.id);
  CHECK(props.size() == 2);
  CHECK(property(props, "sip_credit")->value == "10");
  CHECK(property(props, "sip_accounts_last_domain")->value == "example.org");
}

TEST_CASE_METHOD(PgFixture, "a reseller manages the credits of its customers but not its own",
                 "[pg][customer][properties]") {
  auto in = new_customer("r");
  in.properties = std::vector<core::CustomerProperty>{{"sip_credit", "10", "credit", Permission::kAdmin}};
  const auto r = services.customers.add(kAdmin, in);
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));

  services.customers.set_properties(reseller_caller(r.id), c.id, {{"sip_credit", "3", "credit", Permission::kAdmin}});
  CHECK(property(services.customers.get_properties(kAdmin, c.id), "sip_credit")->value == "3");
  CHECK(error_code_of([&] {
          services.customers.set_properties(reseller_caller(r.id), r.id,
                                            {{"sip_credit", "1000", "credit", Permission::kAdmin}});
        }) == ErrorCode::kPermissionDenied);
  CHECK(property(services.customers.get_properties(kAdmin, r.id), "sip_credit")->value == "10");
  CHECK(error_code_of([&] {
          services.customers.set_properties(reseller_caller(r.id), c.id,
                                            {{"payment_processor_class", "x", "billing", Permission::kAdmin}});
        }) == ErrorCode::kPermissionDenied);
}

TEST_CASE_METHOD(PgFixture, "a customer cannot create a property above its role", "[pg][customer][properties]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  CHECK(error_code_of([&] {
          services.customers.set_properties(customer_caller(c), c.id,
                                            {{"digest_settings_page", "x", "", Permission::kReseller}});
        }) == ErrorCode::kPermissionDenied);
  services.customers.set_properties(customer_caller(c), c.id, {{"language", "nl", "", Permission::kCustomer}});
  CHECK(services.customers.get_properties(kAdmin, c.id).size() == 1);
}

TEST_CASE_METHOD(PgFixture, "credit properties must be non-negative integers", "[pg][customer][properties]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  CHECK(error_code_of([&] {
          services.customers.set_properties(kAdmin, r.id, {{"sip_credit", "-1", "credit", Permission::kAdmin}});
        }) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] {
          services.customers.set_properties(kAdmin, r.id, {{"dns_zone_credit", "lots", "credit", Permission::kAdmin}});
        }) == ErrorCode::kInvalidArgument);
  CHECK(services.customers.get_properties(kAdmin, r.id).empty());
}

TEST_CASE_METHOD(PgFixture, "updateAccount replaces the property list but keeps what the caller may not touch",
                 "[pg][customer][properties]") {
  auto in = new_customer("r");
  in.properties = std::vector<core::CustomerProperty>{{"sip_credit", "10", "credit", Permission::kAdmin},
                                                      {"language", "en", "", Permission::kCustomer},
                                                      {"old_ui", "1", "web", Permission::kCustomer}};
  const auto r = services.customers.add(kAdmin, in);
  core::CustomerInput update;
  update.id = r.id;
  // The reseller sends back everything, with its own credit raised (ignored) and old_ui gone.
  update.properties = std::vector<core::CustomerProperty>{{"sip_credit", "99", "credit", Permission::kAdmin},
                                                          {"language", "nl", "", Permission::kCustomer}};
  services.customers.update(reseller_caller(r.id), update);
  const auto props = services.customers.get_properties(kAdmin, r.id);
  CHECK(props.size() == 2);
  CHECK(property(props, "sip_credit")->value == "10");
  CHECK(property(props, "language")->value == "nl");
  CHECK_FALSE(property(props, "old_ui"));
}

TEST_CASE_METHOD(PgFixture, "deleteAccount is refused while a reseller still has customers", "[pg][customer]") {
  const auto r = services.customers.add(kAdmin, new_customer("r"));
  const auto c = services.customers.add(reseller_caller(r.id), new_customer("c"));
  CHECK(error_code_of([&] { services.customers.remove(kAdmin, r.id); }) == ErrorCode::kCustomerReferenced);
  CHECK(error_code_of([&] { services.customers.remove(reseller_caller(r.id), r.id); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.customers.remove(customer_caller(c), c.id); }) == ErrorCode::kPermissionDenied);
  services.customers.remove(reseller_caller(r.id), c.id);
  services.customers.remove(kAdmin, r.id);
  CHECK(count("ngnpro.customers") == 0);
}

TEST_CASE_METHOD(PgFixture, "concurrent creations of one username: exactly one wins", "[pg][customer][race]") {
  constexpr int kWriters = 8;
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&] {
      const auto code = error_code_of([&] { services.customers.add(kAdmin, new_customer("race")); });
      (code ? refused : created)++;
      if (code) CHECK(*code == ErrorCode::kCustomerExists);
    });
  for (auto& t : writers) t.join();
  CHECK(created == 1);
  CHECK(refused == kWriters - 1);
  CHECK(count("ngnpro.customers") == 1);
}

}  // namespace ngnpro::testing
