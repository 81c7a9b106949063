// What an attacker or a careless CRM tried against the Customer and Sip ports (issue 9), on a
// real PostgreSQL: stored text comes back byte for byte, no caller grants itself a right or a
// credit, trusted peers cannot open the platform, overlong text is refused by name, and the
// login throttle cannot lock the admin out of its CRM.
#include <algorithm>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ngnpro/core/error.hpp"
#include "sip_fixture.hpp"

namespace ngnpro::testing {

using core::ErrorCode;
using core::Permission;
using services::Caller;
using services::Role;

namespace {

// Bytes no compression shortens: what made PostgreSQL's index-row-size error surface as 9000.
std::string incompressible(std::size_t n) {
  std::mt19937 random{42};
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += static_cast<char>('!' + random() % 90);
  return out;
}

std::vector<core::CustomerProperty> property(const std::string& name, const std::string& value,
                                             Permission permission) {
  return {{name, value, "", permission}};
}

std::string fault_text(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "no fault";
}

}  // namespace

struct HardeningFixture : SipFixture {
  HardeningFixture() {
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = "sub";
    in.password = "pw";
    sub = services.customers.add(as_reseller, in).id;
    as_sub = {Role::kCustomer, "sub", sub, reseller, 0};
  }

  std::int64_t other_reseller() {
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = "other";
    const std::int64_t id = services.customers.add(kAdmin, in).id;
    as_other = {Role::kReseller, "other", id, id, 0};
    return id;
  }

  std::string stored_permission(std::int64_t customer, const std::string& name) {
    return column("SELECT permission FROM ngnpro.customer_properties WHERE customer_id = " +
                  std::to_string(customer) + " AND name = '" + name + "'");
  }

  static core::TrustedPeerInput peer(const std::string& ip) {
    core::TrustedPeerInput p;
    p.ip = ip;
    return p;
  }

  std::int64_t sub = 0;
  Caller as_sub;
  Caller as_other;
};

TEST_CASE_METHOD(HardeningFixture, "lists stored with a leading quote come back byte for byte (libpqxx aborted the server)",
                 "[pg][hardening]") {
  auto in = account("bob");
  in.groups = std::vector<std::string>{"'", "''", "{x}", "a,b", "\"q\"", "back\\slash", "NULL", "Zürich"};
  in.properties = std::vector<core::NameValue>{{"'name", "'value"}, {"k", "'"}, {"'", ""}};
  in.acl = std::vector<core::SubscriberAcl>{{"192.0.2.1", 32, "'tag"}};
  services.sip.add_account(as_reseller, in);
  services.sip.add_to_group(as_reseller, {"bob", "example.com"}, "'x");

  const auto stored = services.sip.get_account(as_reseller, {"bob", "example.com"});
  std::vector<std::string> groups = *in.groups;
  groups.push_back("'x");
  std::sort(groups.begin(), groups.end());
  auto got = stored.groups;
  std::sort(got.begin(), got.end());
  CHECK(got == groups);
  REQUIRE(stored.properties.size() == 3);
  CHECK(stored.properties[0].name == "'name");
  CHECK(stored.properties[0].value == "'value");
  CHECK(stored.properties[1].value == "'");
  REQUIRE(stored.acl.size() == 1);
  CHECK(stored.acl[0].tag == "'tag");

  core::SipAccountQuery query;
  query.domain = "example.com";
  CHECK(services.sip.list_accounts(as_reseller, query).rows.at(0).properties.size() == 3);
}

TEST_CASE_METHOD(HardeningFixture, "a reseller cannot grant itself a right by sending permission=customer",
                 "[pg][hardening][properties]") {
  for (const char* name : {"pstn_access", "prepaid_changes", "pstn_changes", "payment_processor_class"}) {
    INFO(name);
    CHECK(error_code_of([&] {
            services.customers.set_properties(as_reseller, reseller, property(name, "1", Permission::kCustomer));
          }) == ErrorCode::kPermissionDenied);
  }
}

TEST_CASE_METHOD(HardeningFixture, "a customer cannot create its own credit; a credit set by its reseller is admin's",
                 "[pg][hardening][properties]") {
  CHECK(error_code_of([&] {
          services.customers.set_properties(as_sub, sub, property("sip_credit", "9999", Permission::kCustomer));
        }) == ErrorCode::kPermissionDenied);

  services.customers.set_properties(as_reseller, sub, property("sip_credit", "2", Permission::kCustomer));
  CHECK(stored_permission(sub, "sip_credit") == "admin");
  CHECK(error_code_of([&] {
          services.customers.set_properties(as_sub, sub, property("sip_credit", "9999", Permission::kCustomer));
        }) == ErrorCode::kPermissionDenied);
  CHECK(column("SELECT value FROM ngnpro.customer_properties WHERE name = 'sip_credit' AND customer_id = " +
               std::to_string(sub)) == "2");
}

TEST_CASE_METHOD(HardeningFixture, "updateAccount and addAccount store server properties as admin's too",
                 "[pg][hardening][properties]") {
  core::CustomerInput in;
  in[core::CustomerText::kUsername] = "sub2";
  in.properties = property("sip_alias_credit", "5", Permission::kCustomer);
  const std::int64_t sub2 = services.customers.add(as_reseller, in).id;
  CHECK(stored_permission(sub2, "sip_alias_credit") == "admin");

  core::CustomerInput update;
  update.id = sub2;
  update.properties = property("email_credit", "1", Permission::kReseller);
  services.customers.update(as_reseller, update);
  CHECK(stored_permission(sub2, "email_credit") == "admin");
}

TEST_CASE_METHOD(HardeningFixture, "the schema refuses a server property stored with a lower permission",
                 "[pg][hardening][properties]") {
  pqxx::connection conn{config.db.dsn};
  pqxx::work tx{conn};
  CHECK_THROWS_AS(tx.exec("INSERT INTO ngnpro.customer_properties (customer_id, name, value, permission) VALUES (" +
                          std::to_string(sub) + ", 'sip_credit', '9999', 'customer')"),
                  pqxx::check_violation);
}

TEST_CASE_METHOD(HardeningFixture, "nobody may trust every address", "[pg][hardening][peers]") {
  for (const char* ip : {"0.0.0.0/0", "0.0.0.0", "::", "::/0"}) {
    INFO(ip);
    CHECK(error_code_of([&] { services.sip.add_trusted_peer(kAdmin, peer(ip)); }) == ErrorCode::kInvalidArgument);
    CHECK(error_code_of([&] { services.sip.add_trusted_peer(as_reseller, peer(ip)); }) ==
          ErrorCode::kInvalidArgument);
  }
  CHECK(count("ngnpro.trusted_peers") == 0);
}

TEST_CASE_METHOD(HardeningFixture, "a reseller may trust a host or a /28, not a wider network; the admin may",
                 "[pg][hardening][peers]") {
  CHECK(error_code_of([&] { services.sip.add_trusted_peer(as_reseller, peer("198.51.100.0/24")); }) ==
        ErrorCode::kPermissionDenied);
  services.sip.add_trusted_peer(as_reseller, peer("198.51.100.16/28"));
  services.sip.add_trusted_peer(as_reseller, peer("198.51.100.7"));
  services.sip.add_trusted_peer(kAdmin, peer("203.0.113.0/24"));
  CHECK(count("ngnpro.trusted_peers") == 3);
}

TEST_CASE_METHOD(HardeningFixture, "a reseller cannot trust a network overlapping another reseller's peer",
                 "[pg][hardening][peers]") {
  services.sip.add_trusted_peer(as_reseller, peer("198.51.100.16/28"));
  other_reseller();
  CHECK(error_code_of([&] { services.sip.add_trusted_peer(as_other, peer("198.51.100.20")); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.sip.add_trusted_peer(as_other, peer("198.51.100.16/29")); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.sip.add_trusted_peer(as_other, peer("198.51.100.33/28")); }) ==
        ErrorCode::kInvalidArgument);  // host bits set: neither a host nor a network
  services.sip.add_trusted_peer(as_other, peer("198.51.100.32/28"));
  // Its own peers may nest: a host inside its own /28.
  services.sip.add_trusted_peer(as_reseller, peer("198.51.100.17"));
  CHECK(count("ngnpro.trusted_peers") == 3);
}

TEST_CASE_METHOD(HardeningFixture, "overlong text is refused with 8003 naming the field; the maximum round-trips",
                 "[pg][hardening][limits]") {
  const std::string long_name(3000, 'p');
  CHECK(fault_text([&] {
          services.customers.set_properties(as_reseller, sub, property(long_name, "v", Permission::kCustomer));
        }) == "property name is longer than 64 bytes (3000 given)");
  CHECK(error_code_of([&] {
          services.customers.set_properties(as_reseller, sub,
                                            property("note", incompressible(5000), Permission::kCustomer));
        }) == ErrorCode::kInvalidArgument);

  core::CustomerInput in;
  in.id = sub;
  in[core::CustomerText::kFirstName] = incompressible(300);
  CHECK(fault_text([&] { services.customers.update(as_reseller, in); }) ==
        "firstName is longer than 255 bytes (300 given)");

  auto account_in = account("carol");
  account_in.first_name = incompressible(4000);
  CHECK(error_code_of([&] { services.sip.add_account(as_reseller, account_in); }) == ErrorCode::kInvalidArgument);

  // At the maximum, incompressible text is stored and read back unchanged (it fits every index).
  const std::string value = incompressible(4096);
  const std::string name = incompressible(64);
  services.customers.set_properties(as_reseller, sub, property(name, value, Permission::kCustomer));
  const auto properties = services.customers.get_properties(as_reseller, sub);
  CHECK(std::any_of(properties.begin(), properties.end(),
                    [&](const core::CustomerProperty& p) { return p.name == name && p.value == value; }));
  core::CustomerInput login;
  login[core::CustomerText::kUsername] = incompressible(64);
  CHECK(services.customers.add(as_reseller, login)[core::CustomerText::kUsername] == *login[core::CustomerText::kUsername]);
}

TEST_CASE_METHOD(HardeningFixture, "a fault echoes only a short prefix of the client's text", "[pg][hardening][limits]") {
  const std::string huge(100000, 'x');
  const std::string message = fault_text([&] { services.sip.get_account(as_reseller, {huge, "example.com"}); });
  CHECK(message.size() < 200);
}

TEST_CASE_METHOD(HardeningFixture, "a LIKE filter ending in a backslash matches it instead of failing",
                 "[pg][hardening][filters]") {
  core::CustomerInput in;
  in[core::CustomerText::kUsername] = "tricky\\";
  services.customers.add(as_reseller, in);
  core::CustomerQuery query;
  query.filter.username = "tricky\\";
  CHECK(services.customers.list(as_reseller, query).rows.size() == 1);
  query.filter.username = "tri%\\";
  CHECK(services.customers.list(as_reseller, query).rows.size() == 1);
  query.filter.username = "nothing\\";
  CHECK(services.customers.list(as_reseller, query).rows.empty());
}

TEST_CASE_METHOD(HardeningFixture, "a negative impersonate is an invalid argument, not the plain admin",
                 "[pg][hardening][auth]") {
  services::Credentials c;
  c.present = true;
  c.username = "admin";
  c.password = "admin-secret";
  c.admin = true;
  c.impersonate = -1;
  c.peer = "192.0.2.1";
  CHECK(error_code_of([&] { services.auth.authenticate(c); }) == ErrorCode::kInvalidArgument);
  c.admin = false;
  c.username = "reseller";
  c.password = "pw";
  CHECK(error_code_of([&] { services.auth.authenticate(c); }) == ErrorCode::kInvalidArgument);
}

namespace {
core::Config with_crm_address() {
  core::Config c = test_config();
  c.auth.admin_addresses = {*core::parse_ip_network("192.0.2.10")};
  c.auth.max_failures = 3;
  c.auth.max_address_failures = 5;
  return c;
}

services::Credentials admin_login(const std::string& peer, const std::string& password) {
  services::Credentials c;
  c.present = true;
  c.username = "admin";
  c.password = password;
  c.admin = true;
  c.peer = peer;
  return c;
}
}  // namespace

TEST_CASE("a client sharing the CRM's address cannot lock the admin out", "[pg][hardening][auth]") {
  PgFixture f{with_crm_address()};
  for (int i = 0; i < 10; ++i)
    CHECK(error_code_of([&] { f.services.auth.authenticate(admin_login("192.0.2.10", "guess")); }) ==
          ErrorCode::kAuthenticationFailed);
  CHECK(f.services.auth.authenticate(admin_login("192.0.2.10", "admin-secret")).is_admin());
  // From any other address the admin login is throttled as before.
  for (int i = 0; i < 3; ++i) error_code_of([&] { f.services.auth.authenticate(admin_login("192.0.2.99", "guess")); });
  CHECK(error_code_of([&] { f.services.auth.authenticate(admin_login("192.0.2.99", "admin-secret")); }) ==
        ErrorCode::kAuthenticationFailed);
}

TEST_CASE("one address guessing many user names is throttled as a whole", "[pg][hardening][auth]") {
  PgFixture f{with_crm_address()};
  services::Credentials c;
  c.present = true;
  c.password = "guess";
  c.peer = "198.51.100.50";
  for (int i = 0; i < 5; ++i) {
    c.username = "user" + std::to_string(i);
    error_code_of([&] { f.services.auth.authenticate(c); });
  }
  c.username = "admin";
  c.password = "admin-secret";
  c.admin = true;
  CHECK(error_code_of([&] { f.services.auth.authenticate(c); }) == ErrorCode::kAuthenticationFailed);
  c.peer = "198.51.100.51";
  CHECK(f.services.auth.authenticate(c).is_admin());
}

}  // namespace ngnpro::testing
