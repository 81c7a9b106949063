// Record counts (schema/006) behind credits and list totals, the index-ordered pages of
// getAccounts/getAliases, and accounts read in one statement with their lists.
#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "sip_fixture.hpp"

namespace ngnpro::testing {

using core::ErrorCode;
using services::Caller;
using services::Role;

namespace {

struct CountsFixture : SipFixture {
  CountsFixture() {
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = "customer";
    in.password = "pw";
    in.reseller = reseller;
    customer = services.customers.add(kAdmin, in).id;
    as_customer = {Role::kCustomer, "customer", customer, reseller, 0};
    core::SipDomainInput d = domain_input("customer.example");
    d.customer = customer;
    services.sip.add_domain(kAdmin, d);
  }

  static core::SipAccountInput account_in(const std::string& username, const std::string& domain) {
    core::SipAccountInput a = account(username);
    a.id.domain = domain;
    return a;
  }
  static core::SipAlias alias(const std::string& username, const std::string& domain, const core::SipAddress& target) {
    return {{username, domain}, target, 0, {}, {}};
  }

  // record_counts (zeros left by deletions aside) against a count of the records themselves.
  std::vector<std::string> counts(const char* table) {
    pqxx::connection conn{config.db.dsn};
    pqxx::read_transaction tx{conn};
    std::vector<std::string> out;
    for (const auto& r : tx.exec(std::string("SELECT kind || ' ' || level || ' ' || holder_id || '=' || n FROM ") +
                                 table + " WHERE n <> 0 ORDER BY 1"))
      out.push_back(r[0].as<std::string>());
    return out;
  }
  bool counts_are_exact() {
    const auto kept = counts("ngnpro.record_counts");
    const auto truth = counts("ngnpro.record_counts_v");
    CHECK(kept == truth);
    return kept == truth;
  }
  std::string count_of(const std::string& kind, const std::string& level, std::int64_t holder) {
    return column("SELECT COALESCE((SELECT n FROM ngnpro.record_counts WHERE kind = '" + kind + "' AND level = '" +
                  level + "' AND holder_id = " + std::to_string(holder) + "), 0)");
  }
  std::string recount() {
    pqxx::connection conn{config.db.dsn};
    pqxx::work tx{conn};
    const auto rows = tx.exec("SELECT ngnpro.recount_records()")[0][0].as<std::string>();
    tx.commit();
    return rows;
  }
  void set_property(std::int64_t id, const std::string& name, const std::string& value) {
    services.customers.set_properties(kAdmin, id, {{name, value, "credit", core::Permission::kAdmin}});
  }

  std::int64_t customer = 0;
  Caller as_customer;
};

std::vector<std::string> addresses(const core::Page<core::SipAccount>& page) {
  std::vector<std::string> out;
  for (const auto& a : page.rows) out.push_back(a.id.text());
  return out;
}

}  // namespace

TEST_CASE_METHOD(CountsFixture, "record counts follow adds, deletes and domain moves, and equal a recount",
                 "[pg][sip][counts]") {
  services.sip.add_account(kAdmin, account_in("alice", "example.com"));
  services.sip.add_account(kAdmin, account_in("bob", "example.com"));
  services.sip.add_account(kAdmin, account_in("carol", "customer.example"));
  services.sip.add_alias(kAdmin, alias("a1", "customer.example", {"alice", "example.com"}));
  services.sip.add_alias(kAdmin, alias("a2", "example.com", {"alice", "example.com"}));
  REQUIRE(counts_are_exact());
  CHECK(count_of("sip_account", "reseller", reseller) == "3");
  CHECK(count_of("sip_account", "customer", customer) == "1");

  // The customer's domain goes back to the reseller, with its account and alias.
  core::SipDomainInput move = domain_input("customer.example");
  move.customer = reseller;
  services.sip.update_domain(kAdmin, move);
  REQUIRE(counts_are_exact());
  CHECK(count_of("sip_account", "customer", customer) == "0");
  CHECK(count_of("sip_account", "customer", reseller) == "3");
  CHECK(count_of("sip_alias", "customer", reseller) == "2");

  // Deleting alice takes both aliases, in two domains, with her.
  services.sip.delete_account(kAdmin, {"alice", "example.com"});
  REQUIRE(counts_are_exact());
  CHECK(count_of("sip_alias", "reseller", reseller) == "0");

  recount();
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(CountsFixture, "a customer's sip_credit caps its own accounts, its reseller's caps them all",
                 "[pg][sip][counts][credits]") {
  set_property(customer, "sip_credit", "1");
  services.sip.add_account(as_customer, account_in("c1", "customer.example"));
  CHECK(error_code_of([&] { services.sip.add_account(as_customer, account_in("c2", "customer.example")); }) ==
        ErrorCode::kCreditExceeded);
  // The reseller's sip_credit (3) counts the customer's account too.
  services.sip.add_account(as_reseller, account_in("r1", "example.com"));
  services.sip.add_account(as_reseller, account_in("r2", "example.com"));
  CHECK(error_code_of([&] { services.sip.add_account(as_reseller, account_in("r3", "example.com")); }) ==
        ErrorCode::kCreditExceeded);
  // A deletion gives the credit back.
  services.sip.delete_account(as_reseller, {"r2", "example.com"});
  services.sip.add_account(as_reseller, account_in("r3", "example.com"));
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(CountsFixture, "sip_alias_credit caps aliases", "[pg][sip][counts][credits]") {
  set_property(reseller, "sip_alias_credit", "1");
  services.sip.add_alias(as_reseller, alias("a1", "example.com", {"x", "elsewhere.example"}));
  CHECK(error_code_of([&] {
          services.sip.add_alias(as_reseller, alias("a2", "example.com", {"x", "elsewhere.example"}));
        }) == ErrorCode::kCreditExceeded);
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(CountsFixture, "recount_records() repairs counts after records were written around the triggers",
                 "[pg][sip][counts]") {
  services.sip.add_account(kAdmin, account_in("alice", "example.com"));
  {
    pqxx::connection super{required_env("NGNPRO_TEST_PG_SUPERUSER_DSN")};
    pqxx::work tx{super};
    tx.exec("SET LOCAL session_replication_role = replica");  // no triggers: a bulk load's way
    tx.exec("INSERT INTO ngnpro.sip_accounts (domain_id, username, ha1, ha1b)"
            " SELECT id, 'bulk' || g, md5('a'), md5('b') FROM ngnpro.sip_domains, generate_series(1, 5) g"
            " WHERE domain = 'example.com'");
    tx.commit();
  }
  const auto domain_id = std::stoll(column("SELECT id FROM ngnpro.sip_domains WHERE domain = 'example.com'"));
  CHECK(count_of("sip_account", "domain", domain_id) == "1");  // the loaded rows went uncounted
  recount();
  CHECK(counts_are_exact());
  CHECK(count_of("sip_account", "reseller", reseller) == "6");
}

TEST_CASE_METHOD(CountsFixture, "concurrent adds, deletes and domain moves keep the counts exact without deadlock",
                 "[pg][sip][counts][race]") {
  // Accounts in one domain with aliases in the other, deleted while the domains change owner:
  // every writer crosses the others' record_counts rows.
  constexpr int kRounds = 25;
  std::atomic<int> failures{0};
  auto churn = [&](const std::string& home, const std::string& other, const std::string& prefix) {
    for (int i = 0; i < kRounds; ++i) {
      const std::string user = prefix + std::to_string(i);
      try {
        services.sip.add_account(kAdmin, account_in(user, home));
        services.sip.add_alias(kAdmin, alias(user + "-alias", other, {user, home}));
        services.sip.add_alias(kAdmin, alias(user + "-alias", home, {user, home}));
        if (i % 2 == 0) services.sip.delete_account(kAdmin, {user, home});
      } catch (const std::exception& e) {
        ++failures;
        UNSCOPED_INFO(prefix << i << ": " << e.what());
      }
    }
  };
  auto mover = [&] {
    for (int i = 0; i < kRounds; ++i) {
      core::SipDomainInput d = domain_input(i % 2 ? "customer.example" : "example.com");
      d.customer = (i / 2) % 2 ? customer : reseller;
      try {
        services.sip.update_domain(kAdmin, d);
      } catch (const std::exception& e) {
        ++failures;
        UNSCOPED_INFO("move " << i << ": " << e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  threads.emplace_back(churn, "example.com", "customer.example", "a");
  threads.emplace_back(churn, "customer.example", "example.com", "b");
  threads.emplace_back(mover);
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(CountsFixture, "getAccounts totals match the filtered rows and pages follow a total order",
                 "[pg][sip][paging]") {
  for (const char* user : {"dave", "alice", "carol", "bob", "erin"}) {
    services.sip.add_account(kAdmin, account_in(user, "example.com"));
    services.sip.add_account(kAdmin, account_in(user, "customer.example"));  // same names, other domain
  }
  core::SipAccountQuery q;
  q.domain = "example.com";
  CHECK(services.sip.list_accounts(kAdmin, q).total == 5);  // from the domain's count
  q.domain = "%.example";
  CHECK(services.sip.list_accounts(kAdmin, q).total == 5);
  q.domain = "";
  CHECK(services.sip.list_accounts(kAdmin, q).total == 10);
  CHECK(services.sip.list_accounts(as_customer, q).total == 5);  // visibility before counting
  q.username = "_a%";
  CHECK(services.sip.list_accounts(kAdmin, q).total == 4);  // carol, dave in both domains
  q.username = "";
  q.domain = "nowhere.example";
  CHECK(services.sip.list_accounts(kAdmin, q).total == 0);

  // Every page of two, in username order across both domains, adds up to the whole list once.
  for (const bool descending : {false, true}) {
    q = {};
    q.order_by = {"username", descending};
    const auto all = addresses(services.sip.list_accounts(kAdmin, q));
    REQUIRE(all.size() == 10);
    std::vector<std::string> paged;
    for (std::int64_t start = 0; start < 10; start += 2) {
      q.range = {start, 2};
      const auto page = services.sip.list_accounts(kAdmin, q);
      CHECK(page.total == 10);
      const auto rows = addresses(page);
      paged.insert(paged.end(), rows.begin(), rows.end());
    }
    CHECK(paged == all);
    CHECK(all.front().rfind(descending ? "erin@" : "alice@", 0) == 0);
  }

  // One domain's page by changeDate, newest first (CDRTool's list).
  q = {};
  q.domain = "example.com";
  q.order_by = {"changeDate", true};
  q.range = {0, 3};
  const auto newest = addresses(services.sip.list_accounts(kAdmin, q));
  CHECK(newest == std::vector<std::string>{"erin@example.com", "bob@example.com", "carol@example.com"});
}

TEST_CASE_METHOD(CountsFixture, "getAliases totals come from the counts unless aliases themselves are filtered",
                 "[pg][sip][paging]") {
  for (const char* user : {"x1", "x2", "y1"})
    services.sip.add_alias(kAdmin, alias(user, "example.com", {"t", "elsewhere.example"}));
  services.sip.add_alias(kAdmin, alias("x1", "customer.example", {"t", "elsewhere.example"}));
  core::SipAliasQuery q;
  q.alias_domain = "example.com";
  CHECK(services.sip.list_aliases(kAdmin, q).total == 3);
  q.alias_username = "x%";
  CHECK(services.sip.list_aliases(kAdmin, q).total == 2);
  q = {};
  q.order_by = {"aliasUsername", false};
  const auto page = services.sip.list_aliases(kAdmin, q);
  CHECK(page.total == 4);
  REQUIRE(page.rows.size() == 4);
  CHECK(page.rows[0].id.username == "x1");
  CHECK(page.rows[3].id.username == "y1");
}

TEST_CASE_METHOD(CountsFixture, "an account reads back its lists in order, whatever characters they hold",
                 "[pg][sip]") {
  core::SipAccountInput in = account_in("alice", "example.com");
  in.groups = std::vector<std::string>{"voicemail", "anonymous", "free-pstn"};
  in.acl = std::vector<core::SubscriberAcl>{{"10.0.0.0", 8, "lan, \"inside\""}, {"192.0.2.1", 32, ""}};
  in.properties = std::vector<core::NameValue>{
      {"z-first", "{braces}, commas and \"quotes\""}, {"back\\slash", "NULL"}, {"empty", ""}, {"ünïcode", "ναι"}};
  services.sip.add_account(as_reseller, in);
  const auto stored = services.sip.get_account(as_reseller, {"alice", "example.com"});
  CHECK(stored.groups == std::vector<std::string>{"anonymous", "free-pstn", "voicemail"});
  REQUIRE(stored.acl.size() == 2);
  CHECK(stored.acl[0].ip == "10.0.0.0");
  CHECK(stored.acl[0].mask == 8);
  CHECK(stored.acl[0].tag == "lan, \"inside\"");
  CHECK(stored.acl[1].tag.empty());
  REQUIRE(stored.properties.size() == 4);
  CHECK(stored.properties[0].name == "z-first");
  CHECK(stored.properties[0].value == "{braces}, commas and \"quotes\"");
  CHECK(stored.properties[1].name == "back\\slash");
  CHECK(stored.properties[1].value == "NULL");
  CHECK(stored.properties[2].value.empty());
  CHECK(stored.properties[3].value == "ναι");
  // The same lists through a page.
  core::SipAccountQuery q;
  q.domain = "example.com";
  const auto page = services.sip.list_accounts(as_reseller, q);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].properties.size() == 4);
  CHECK(page.rows[0].acl.size() == 2);
}

}  // namespace ngnpro::testing
