// Per-subscriber settings (api §4.2.6, §8.11, §8.12; schema/019) on a real PostgreSQL: the
// service's rules and faults, ownership, the cascade on account delete, and the decisions of
// kamailio.ngn_incoming / ngn_barred called as role kamailio, as kamailio.cfg calls them.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <tuple>

#include "sip_fixture.hpp"

namespace ngnpro::testing {

using core::ErrorCode;
using services::Caller;
using services::Role;

namespace {

struct SettingsFixture : SipFixture {
  SettingsFixture() {
    services.sip.add_account(as_reseller, account("alice"));
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = "cust";
    in.password = "pw";
    in.reseller = reseller;
    customer = services.customers.add(kAdmin, in).id;
    as_customer = {Role::kCustomer, "cust", customer, reseller, 0};
    core::SipDomainInput d = domain_input("cust.example");
    d.customer = customer;
    d.reseller = reseller;
    services.sip.add_domain(kAdmin, d);
    core::SipAccountInput a = account("carol");
    a.id.domain = "cust.example";
    services.sip.add_account(kAdmin, a);  // credits are not what these tests are about
  }

  // A connection as role kamailio (its password is in the test cluster's directory).
  std::string kamailio_dsn() {
    std::string password;
    std::ifstream{required_env("NGNPRO_TEST_PG_DIR") + "/kamailio.password"} >> password;
    std::istringstream words{config.db.dsn};
    std::string dsn, word;
    while (words >> word)
      if (word.rfind("user=", 0) != 0 && word.rfind("password=", 0) != 0) dsn += word + " ";
    return dsn + "user=kamailio password=" + password;
  }

  // ngn_incoming's row as "rejected|accepted|unc|unc_redirect|...|timeout" (NULL as ~).
  std::string incoming(const std::string& caller, const std::string& user = "alice") {
    pqxx::connection conn{kamailio_dsn()};
    pqxx::read_transaction tx{conn};
    const auto r = tx.exec_params("SELECT * FROM ngn_incoming($1, 'example.com', $2)", user, caller);
    if (r.empty()) return "none";
    std::string line;
    for (const auto& f : r[0]) line += (f.num() ? "|" : "") + std::string(f.is_null() ? "~" : f.c_str());
    return line;
  }
  std::string accepted(const std::string& caller) { return incoming(caller).substr(2, 1); }

  bool barred(const std::string& number) {
    pqxx::connection conn{kamailio_dsn()};
    pqxx::read_transaction tx{conn};
    return tx.exec_params("SELECT ngn_barred('alice', 'example.com', $1)", number)[0][0].as<bool>();
  }

  void exec(const std::string& sql) {
    pqxx::connection conn{config.db.dsn};
    pqxx::work tx{conn};
    tx.exec(sql);
    tx.commit();
  }

  static core::CallDiversion fwd(const char* condition, const std::string& target) { return {condition, false, target}; }
  static core::CallDiversion redir(const char* condition, const std::string& target) { return {condition, true, target}; }

  const core::SipAddress alice{"alice", "example.com"};
  const core::SipAddress carol{"carol", "cust.example"};
  std::int64_t customer = 0;
  Caller as_customer;
};

}  // namespace

TEST_CASE_METHOD(SettingsFixture, "setCallDiversions replaces the whole set and reads it back as stored",
                 "[pg][sip][settings]") {
  services.sip.set_call_diversions(as_reseller, alice,
                                   {fwd("UNC", "sip:Bob@Example.com;x=1"), fwd("NOA", "voice-mailbox"),
                                    redir("BUS", "sips:busy@example.net")});
  CHECK(services.sip.call_diversions(as_reseller, alice) ==
        std::vector<core::CallDiversion>{fwd("UNC", "sip:Bob@Example.com;x=1"), fwd("NOA", "<voice-mailbox>"),
                                         redir("BUS", "sips:busy@example.net")});
  services.sip.set_call_diversions(as_reseller, alice, {fwd("NOL", "<voice-mailbox>"), fwd("UNC", "")});
  CHECK(services.sip.call_diversions(as_reseller, alice) == std::vector<core::CallDiversion>{fwd("NOL", "<voice-mailbox>")});
  // CDRTool's {nocondition: "empty"} arrives as no member at all.
  services.sip.set_call_diversions(as_reseller, alice, {});
  CHECK(services.sip.call_diversions(as_reseller, alice).empty());
  CHECK(count("kamailio.ngn_diversions") == 0);
}

TEST_CASE_METHOD(SettingsFixture, "a diversion that is not a sip URI or the voice mailbox is 8003 and writes nothing",
                 "[pg][sip][settings]") {
  services.sip.set_call_diversions(as_reseller, alice, {fwd("UNC", "sip:keep@example.com")});
  for (const std::string bad : {"bob@example.com", "tel:+3120", "sip:", "sip:a b@example.com", "http://x"})
    CHECK(error_code_of([&] {
            services.sip.set_call_diversions(as_reseller, alice, {fwd("NOL", "sip:ok@example.com"), fwd("UNC", bad)});
          }) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] { services.sip.set_call_diversions(as_reseller, alice, {redir("UNC", "<voice-mailbox>")}); }) ==
        ErrorCode::kInvalidArgument);
  CHECK(services.sip.call_diversions(as_reseller, alice) ==
        std::vector<core::CallDiversion>{fwd("UNC", "sip:keep@example.com")});
}

TEST_CASE_METHOD(SettingsFixture, "ngn_incoming gives each condition's target, F winning over R, and the timeout",
                 "[pg][sip][settings][kamailio]") {
  exec("UPDATE ngnpro.sip_accounts SET timeout = 25 WHERE username = 'alice'");
  services.sip.set_call_diversions(as_reseller, alice,
                                   {fwd("UNC", "sip:f@x.com"), redir("UNC", "sip:r@x.com"), redir("NOL", "sip:nol@x.com"),
                                    fwd("UNV", "<voice-mailbox>"), fwd("NOA", "sip:noa@x.com"), redir("BUS", "sip:bus@x.com")});
  CHECK(incoming("sip:bob@example.com") ==
        "f|t|sip:f@x.com|f|sip:nol@x.com|t|<voice-mailbox>|f|sip:noa@x.com|f|sip:bus@x.com|t|25");
  CHECK(incoming("sip:bob@example.com", "nobody-here") == "none");
}

TEST_CASE_METHOD(SettingsFixture, "the reject list is stored lower-case without parameters and rejects that caller",
                 "[pg][sip][settings][kamailio]") {
  services.sip.set_reject_members(as_reseller, alice, {"<SIP:Spam@Example.COM;tag=1>", "sip:x@y.org"});
  CHECK(services.sip.reject_members(as_reseller, alice) == std::vector<std::string>{"sip:spam@example.com", "sip:x@y.org"});
  CHECK(incoming("\"Spammer\" <sip:SPAM@example.com>;tag=abc").substr(0, 1) == "t");
  CHECK(incoming("sip:friend@example.com").substr(0, 1) == "f");
  for (const std::string bad : {"spam@example.com", "sip:example.com", "sip:@example.com"})
    CHECK(error_code_of([&] { services.sip.set_reject_members(as_reseller, alice, {bad}); }) == ErrorCode::kInvalidArgument);
  services.sip.set_reject_members(as_reseller, alice, {});
  CHECK(incoming("sip:spam@example.com").substr(0, 1) == "f");
}

TEST_CASE_METHOD(SettingsFixture, "barring prefixes are + E.164 and bar the numbers that start with them",
                 "[pg][sip][settings][kamailio]") {
  services.sip.set_barring_prefixes(as_reseller, alice, {"+900", "+4420"});
  CHECK(services.sip.barring_prefixes(as_reseller, alice) == std::vector<std::string>{"+4420", "+900"});
  CHECK(barred("+9001234"));
  CHECK(barred("+442071234567"));
  CHECK_FALSE(barred("+4421"));
  CHECK_FALSE(barred("+31201234567"));
  for (const std::string bad : {"900", "+0900", "+12a", "+", "+12345678901234567"})
    CHECK(error_code_of([&] { services.sip.set_barring_prefixes(as_reseller, alice, {bad}); }) ==
          ErrorCode::kInvalidArgument);
  std::vector<std::string> too_many;
  for (int i = 0; i < 101; ++i) too_many.push_back("+1" + std::to_string(i));
  CHECK(error_code_of([&] { services.sip.set_barring_prefixes(as_reseller, alice, too_many); }) ==
        ErrorCode::kInvalidArgument);
  CHECK(barred("+9001234"));
}

TEST_CASE_METHOD(SettingsFixture, "accept rules read back with HH:MM, minutes left and the non-empty groups",
                 "[pg][sip][settings]") {
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:mum@example.com", "Mum", "family"});
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:nogroup@example.com", "X", ""});
  core::AcceptRules rules;
  rules.persistent = {{31, "09:00", "17:30", {"everybody"}}, {96, "00:00", "24:00", {"family"}}};
  rules.temporary = {{"nobody"}, 30};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  const auto got = services.sip.accept_rules(as_reseller, alice);
  REQUIRE(got.rules.persistent.size() == 2);
  CHECK(got.rules.persistent[0].days == 31);
  CHECK(got.rules.persistent[0].start == "09:00");
  CHECK(got.rules.persistent[0].stop == "17:30");
  CHECK(got.rules.persistent[1].groups == std::vector<std::string>{"family"});
  CHECK(got.rules.temporary.groups == std::vector<std::string>{"nobody"});
  CHECK(got.rules.temporary.duration == 30);
  CHECK(got.non_empty_groups == std::vector<std::string>{"everybody", "nobody", "family"});

  rules.temporary = {{"everybody"}, 0};  // CDRTool's "off"
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(services.sip.accept_rules(as_reseller, alice).rules.temporary.duration == 0);

  const std::vector<std::tuple<std::string, std::string, int>> bad_rules = {
      {"9:00", "10:00", 1}, {"09:00", "24:01", 1}, {"09:60", "10:00", 1}, {"09:00", "10:00", 128}, {"09:00", "10:00", -1}};
  for (const auto& [start, stop, days] : bad_rules) {
    core::AcceptRules bad;
    bad.persistent = {{days, start, stop, {"everybody"}}};
    CHECK(error_code_of([&] { services.sip.set_accept_rules(as_reseller, alice, bad); }) == ErrorCode::kInvalidArgument);
  }
  core::AcceptRules no_groups;  // what zeep sends when it drops a nested array
  no_groups.persistent = {{127, "09:00", "18:00", {}}};
  CHECK(error_code_of([&] { services.sip.set_accept_rules(as_reseller, alice, no_groups); }) == ErrorCode::kInvalidArgument);
  core::AcceptRules negative;
  negative.temporary = {{"nobody"}, -5};
  CHECK(error_code_of([&] { services.sip.set_accept_rules(as_reseller, alice, negative); }) == ErrorCode::kInvalidArgument);
  CHECK(services.sip.accept_rules(as_reseller, alice).rules.persistent.size() == 2);
}

TEST_CASE_METHOD(SettingsFixture, "ngn_incoming accepts by weekday, time, timezone and phonebook group",
                 "[pg][sip][settings][kamailio]") {
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:Mum@Example.com", "Mum", "family"});
  CHECK(accepted("sip:anyone@example.com") == "t");  // no rules at all

  // A rule covering now (every day, the whole day) for family only.
  core::AcceptRules rules;
  rules.persistent = {{127, "00:00", "00:00", {"family"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");
  CHECK(accepted("<sip:mum@example.com;transport=tcp>") == "t");

  // Rules are a schedule: a rule on no weekday covers nothing, so nobody is accepted now.
  rules.persistent = {{0, "00:00", "00:00", {"everybody"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");

  // A rule for this hour in the account's timezone, and one for the hour 12 hours away.
  exec("UPDATE ngnpro.sip_accounts SET timezone = 'Asia/Tokyo' WHERE username = 'alice'");
  const std::string hour = column("SELECT to_char(now() AT TIME ZONE 'Asia/Tokyo', 'HH24')");
  const int h = std::stoi(hour);
  const auto at = [](int hh) { return (hh < 10 ? "0" : "") + std::to_string(hh) + ":00"; };
  const std::string dow = column("SELECT extract(isodow FROM now() AT TIME ZONE 'Asia/Tokyo')::int");
  const int today = 1 << (std::stoi(dow) - 1);
  rules.persistent = {{today, at(h), h == 23 ? "24:00" : at(h + 1), {"everybody"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "t");
  rules.persistent = {{today, at(h), h == 23 ? "24:00" : at(h + 1), {"nobody"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");
  rules.persistent = {{127 & ~today, at(h), h == 23 ? "24:00" : at(h + 1), {"everybody"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");
  rules.persistent = {{127, at((h + 12) % 24), at((h + 13) % 24), {"everybody"}}};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");
  // An unknown timezone is UTC for Kamailio, never an error on a call.
  exec("UPDATE ngnpro.sip_accounts SET timezone = 'Mars/Olympus' WHERE username = 'alice'");
  CHECK(column("SELECT timezone FROM kamailio.ngn_account_routing WHERE username = 'alice'") == "");
}

TEST_CASE_METHOD(SettingsFixture, "the temporary rule overrides the persistent ones until it runs out",
                 "[pg][sip][settings][kamailio]") {
  core::AcceptRules rules;
  rules.persistent = {{127, "00:00", "00:00", {"everybody"}}};
  rules.temporary = {{"nobody"}, 60};  // do not disturb
  services.sip.set_accept_rules(as_reseller, alice, rules);
  CHECK(accepted("sip:anyone@example.com") == "f");
  exec("UPDATE ngnpro.sip_accept_temporary SET until = now() - interval '1 second'");
  CHECK(accepted("sip:anyone@example.com") == "t");
  CHECK(services.sip.accept_rules(as_reseller, alice).rules.temporary.duration == 0);
}

TEST_CASE_METHOD(SettingsFixture, "phonebook entries: key uri, 1051 duplicate, 1050 missing, match on uri or name",
                 "[pg][sip][settings][phonebook]") {
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:ann@example.com", "Ann smith", "work"});
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:bob@example.com", "Bob", ""});
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:smith@example.org", "Joe", "work"});
  CHECK(error_code_of([&] { services.sip.add_phonebook_entry(as_reseller, alice, {"sip:bob@example.com", "B", ""}); }) ==
        ErrorCode::kPhonebookEntryExists);
  CHECK(error_code_of([&] { services.sip.update_phonebook_entry(as_reseller, alice, {"sip:zed@example.com", "Z", ""}); }) ==
        ErrorCode::kPhonebookEntryNotFound);
  CHECK(error_code_of([&] { services.sip.delete_phonebook_entry(as_reseller, alice, "sip:zed@example.com"); }) ==
        ErrorCode::kPhonebookEntryNotFound);
  CHECK(error_code_of([&] { services.sip.add_phonebook_entry(as_reseller, alice, {"", "nameless", ""}); }) ==
        ErrorCode::kInvalidArgument);

  core::PhonebookQuery q;
  q.uri = q.name = "%smith%";
  auto page = services.sip.phonebook_entries(as_reseller, alice, q);
  CHECK(page.total == 2);
  REQUIRE(page.rows.size() == 2);
  CHECK(page.rows[0].uri == "sip:ann@example.com");
  CHECK(page.rows[1].uri == "sip:smith@example.org");

  q = {};
  q.group = "";
  page = services.sip.phonebook_entries(as_reseller, alice, q);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].uri == "sip:bob@example.com");
  q.group = "work";
  q.range = {1, 1};
  page = services.sip.phonebook_entries(as_reseller, alice, q);
  CHECK(page.total == 2);
  REQUIRE(page.rows.size() == 1);
  CHECK(page.rows[0].uri == "sip:smith@example.org");

  services.sip.update_phonebook_entry(as_reseller, alice, {"sip:bob@example.com", "Robert", "family"});
  services.sip.delete_phonebook_entry(as_reseller, alice, "sip:ann@example.com");
  q = {};
  page = services.sip.phonebook_entries(as_reseller, alice, q);
  CHECK(page.total == 2);
  REQUIRE(page.rows.size() == 2);
  CHECK(page.rows[0].name == "Robert");
  CHECK(page.rows[0].group == "family");
}

TEST_CASE_METHOD(SettingsFixture, "a customer changes its own settings and sees no one else's", "[pg][sip][settings][ownership]") {
  services.sip.set_barring_prefixes(as_customer, carol, {"+1900"});
  CHECK(services.sip.barring_prefixes(as_customer, carol) == std::vector<std::string>{"+1900"});
  CHECK(services.sip.barring_prefixes(as_reseller, carol) == std::vector<std::string>{"+1900"});
  CHECK(error_code_of([&] { services.sip.set_barring_prefixes(as_customer, alice, {"+1"}); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.sip.call_diversions(as_customer, alice); }) == ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.sip.call_diversions(as_reseller, {"ghost", "example.com"}); }) ==
        ErrorCode::kSipAccountNotFound);
  core::CustomerInput other;
  other[core::CustomerText::kUsername] = "other";
  const auto o = services.customers.add(kAdmin, other);
  const Caller as_other{Role::kReseller, "other", o.id, o.id, 0};
  CHECK(error_code_of([&] { services.sip.reject_members(as_other, alice); }) == ErrorCode::kPermissionDenied);
}

TEST_CASE_METHOD(SettingsFixture, "every setting and its Kamailio copy goes with the account", "[pg][sip][settings][cascade]") {
  services.sip.set_call_diversions(as_reseller, alice, {fwd("UNC", "sip:f@x.com")});
  services.sip.set_reject_members(as_reseller, alice, {"sip:x@y.org"});
  services.sip.set_barring_prefixes(as_reseller, alice, {"+900"});
  services.sip.add_phonebook_entry(as_reseller, alice, {"sip:mum@example.com", "Mum", "family"});
  core::AcceptRules rules;
  rules.persistent = {{127, "08:00", "20:00", {"family"}}};
  rules.temporary = {{"nobody"}, 10};
  services.sip.set_accept_rules(as_reseller, alice, rules);
  const char* tables[] = {"ngnpro.sip_call_diversions", "ngnpro.sip_reject_members", "ngnpro.sip_barring_prefixes",
                          "ngnpro.sip_phonebook", "ngnpro.sip_accept_rules", "ngnpro.sip_accept_temporary",
                          "kamailio.ngn_diversions", "kamailio.ngn_reject_members", "kamailio.ngn_barring_prefixes",
                          "kamailio.ngn_phonebook", "kamailio.ngn_accept_rules"};
  for (const char* t : tables) CHECK(count(t) == 1);
  CHECK(count("kamailio.ngn_account_routing") == 2);  // alice and carol
  services.sip.delete_account(as_reseller, alice);
  for (const char* t : tables) CHECK(count(t) == 0);
  CHECK(count("kamailio.ngn_account_routing") == 1);
}

TEST_CASE_METHOD(SettingsFixture, "a rename with new digests moves the Kamailio copies to the new name",
                 "[pg][sip][settings][kamailio]") {
  services.sip.set_barring_prefixes(as_reseller, alice, {"+900"});
  exec("UPDATE ngnpro.sip_accounts SET username = 'alicia', ha1 = md5('x'), ha1b = md5('y') WHERE username = 'alice'");
  CHECK(column("SELECT username FROM kamailio.ngn_barring_prefixes") == "alicia");
  CHECK(column("SELECT username FROM kamailio.ngn_account_routing WHERE domain = 'example.com'") == "alicia");
  CHECK_FALSE(barred("+9001"));  // alice is gone
}

}  // namespace ngnpro::testing
