// The Sip port's provisioning rules (api §8.5, §8.7-8.10) on a real PostgreSQL.
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "ngnpro/core/digest.hpp"
#include "sip_fixture.hpp"

namespace ngnpro::testing {

using core::CustomerText;
using core::ErrorCode;
using services::Caller;
using services::Role;

TEST_CASE_METHOD(SipFixture, "a clear-text password becomes ha1 and ha1b and is returned while stored",
                 "[pg][sip]") {
  const auto stored = services.sip.add_account(as_reseller, account("alice"));
  CHECK(stored.password == "secret");
  CHECK(stored.domain_owner.reseller == reseller);
  CHECK(column("SELECT ha1 FROM ngnpro.sip_accounts WHERE username = 'alice'") ==
        core::sip_ha1("alice", "example.com", "secret"));
  CHECK(column("SELECT ha1b FROM kamailio.subscriber WHERE username = 'alice'") ==
        core::sip_ha1b("alice", "example.com", "secret"));
}

TEST_CASE_METHOD(SipFixture, "a digest1:digest2 password is stored as the digests and never returned", "[pg][sip]") {
  const std::string ha1 = core::sip_ha1("bob", "example.com", "x");
  const std::string ha1b = core::sip_ha1b("bob", "example.com", "x");
  CHECK(services.sip.add_account(as_reseller, account("bob", ha1 + ":" + ha1b)).password.empty());
  CHECK(column("SELECT ha1b FROM ngnpro.sip_accounts WHERE username = 'bob'") == ha1b);
  CHECK(error_code_of([&] { services.sip.add_account(as_reseller, account("carol", "")); }) ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE_METHOD(SipFixture, "autoincrement picks the next free numeric user name from the minimum", "[pg][sip]") {
  CHECK(services.sip.add_account(as_reseller, account("<autoincrement>")).id.username == "1000");
  services.sip.add_account(as_reseller, account("2000"));
  CHECK(services.sip.add_account(as_reseller, account("<autoincrement>")).id.username == "2001");
}

TEST_CASE_METHOD(SipFixture, "updateAccount replaces attributes but an empty password keeps the credentials",
                 "[pg][sip]") {
  auto in = account("alice");
  in.first_name = "Alice";
  in.groups = std::vector<std::string>{"free-pstn"};
  services.sip.add_account(as_reseller, in);
  auto update = account("alice", "");
  update.last_name = "Liddell";
  services.sip.update_account(as_reseller, update);
  const auto stored = services.sip.get_account(as_reseller, {"alice", "example.com"});
  CHECK(stored.first_name.empty());
  CHECK(stored.last_name == "Liddell");
  CHECK(stored.groups.empty());
  CHECK(stored.password == "secret");
}

TEST_CASE_METHOD(SipFixture, "group changes fault 1030 and 1031 and the prepaid group follows the flag",
                 "[pg][sip][groups]") {
  auto in = account("alice");
  in.prepaid = true;
  CHECK(services.sip.add_account(as_reseller, in).groups == std::vector<std::string>{"prepaid"});
  const core::SipAddress alice{"alice", "example.com"};
  services.sip.add_to_group(as_reseller, alice, "blocked");
  CHECK(column("SELECT ngn_blocked FROM kamailio.subscriber WHERE username = 'alice'") == "1");
  CHECK(error_code_of([&] { services.sip.add_to_group(as_reseller, alice, "blocked"); }) == ErrorCode::kAlreadyInGroup);
  services.sip.remove_from_group(as_reseller, alice, "blocked");
  CHECK(error_code_of([&] { services.sip.remove_from_group(as_reseller, alice, "blocked"); }) ==
        ErrorCode::kNotInGroup);
  CHECK(error_code_of([&] { services.sip.add_to_group(as_reseller, {"nobody", "example.com"}, "x"); }) ==
        ErrorCode::kSipAccountNotFound);
}

TEST_CASE_METHOD(SipFixture, "an alias never shadows an account, nor an account an alias", "[pg][sip][alias]") {
  services.sip.add_account(as_reseller, account("alice"));
  core::SipAlias alias{{"alice", "example.com"}, {"bob", "example.com"}, 0, {}, {}};
  CHECK(error_code_of([&] { services.sip.add_alias(as_reseller, alias); }) == ErrorCode::kSipAliasExists);
  alias.id.username = "31208005123";
  alias.target = {"alice", "example.com"};
  services.sip.add_alias(as_reseller, alias);
  CHECK(error_code_of([&] { services.sip.add_account(as_reseller, account("31208005123")); }) ==
        ErrorCode::kSipAccountExists);
  CHECK(services.sip.aliases_for_account(as_reseller, {"alice", "example.com"}).size() == 1);
  services.sip.delete_account(as_reseller, {"alice", "example.com"});
  CHECK(count("ngnpro.sip_aliases") == 0);  // aliases of a deleted account go with it
}

TEST_CASE_METHOD(SipFixture, "a domain with accounts cannot be deleted", "[pg][sip]") {
  services.sip.add_account(as_reseller, account("alice"));
  CHECK(error_code_of([&] { services.sip.delete_domain(as_reseller, "example.com"); }) ==
        ErrorCode::kSipDomainNotEmpty);
  services.sip.delete_account(as_reseller, {"alice", "example.com"});
  services.sip.delete_domain(as_reseller, "example.com");
  CHECK(count("kamailio.domain") == 0);
}

TEST_CASE_METHOD(SipFixture, "a customer of another reseller sees nothing of this one's accounts", "[pg][sip]") {
  services.sip.add_account(as_reseller, account("alice"));
  core::CustomerInput other;
  other[CustomerText::kUsername] = "other";
  const auto o = services.customers.add(kAdmin, other);
  const Caller as_other{Role::kReseller, "other", o.id, o.id, 0};
  CHECK(services.sip.list_accounts(as_other, {}).total == 0);
  CHECK(error_code_of([&] { services.sip.get_account(as_other, {"alice", "example.com"}); }) ==
        ErrorCode::kPermissionDenied);
}

TEST_CASE_METHOD(SipFixture, "concurrent adds never exceed the reseller's sip_credit", "[pg][sip][credits][race]") {
  constexpr int kWriters = 10;
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      const auto code =
          error_code_of([&] { services.sip.add_account(as_reseller, account("user" + std::to_string(i))); });
      (code ? refused : created)++;
      if (code) CHECK(*code == ErrorCode::kCreditExceeded);
    });
  for (auto& t : writers) t.join();
  CHECK(created == 3);
  CHECK(refused == kWriters - 3);
  CHECK(count("kamailio.subscriber") == 3);
}

}  // namespace ngnpro::testing
