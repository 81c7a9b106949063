// schema/003_kamailio.sql and 004_kamailio_role.sql on a real PostgreSQL: writing only ngnpro rows
// yields exactly the Kamailio rows (SCHEMA-MAPPING §1), guards roll everything back, resync
// rebuilds the same rows, and the kamailio role sees its schema and nothing else.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "pg_fixture.hpp"

namespace ngnpro::testing {
namespace {

using Rows = std::vector<std::string>;

// Every row as "a|b|c" (NULL as ~), sorted: tests compare whole tables, not a few fields.
Rows rows(pqxx::connection& conn, const std::string& sql) {
  pqxx::read_transaction tx{conn};
  Rows out;
  for (const auto& row : tx.exec(sql)) {
    std::string line;
    for (const auto& field : row) {
      if (!line.empty() || field.num() > 0) line += '|';
      line += field.is_null() ? std::string("~") : field.c_str();
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The columns Kamailio reads, plus provenance; ids and timestamps left out.
const char* const kDomain = "SELECT domain, did, ngn_domain_id FROM kamailio.domain";
const char* const kSubscriber =
    "SELECT username, domain, password, ha1, ha1b, ngn_blocked, ngn_account_id FROM kamailio.subscriber";
const char* const kGrp = "SELECT username, domain, grp, ngn_account_id FROM kamailio.grp";
const char* const kAliases = "SELECT alias_username, alias_domain, username, domain, ngn_alias_id FROM kamailio.dbaliases";
const char* const kTrusted =
    "SELECT src_ip, proto, from_pattern, ruri_pattern, tag, priority, ngn_peer_id FROM kamailio.trusted";
const char* const kAddress = "SELECT grp, ip_addr, mask, port, tag, ngn_peer_id FROM kamailio.address";

std::string md5_hex(pqxx::connection& conn, const std::string& text) {
  pqxx::read_transaction tx{conn};
  return tx.exec_params1("SELECT md5($1)", text)[0].as<std::string>();
}

// LISTENs on ngnpro_reload on a connection of its own, like the Reloader.
class NotifyProbe {
 public:
  explicit NotifyProbe(const std::string& dsn) : conn_{dsn}, receiver_{conn_, *this} {}
  // What arrived so far (the probe waits a little: delivery is asynchronous), sorted.
  Rows drain() {
    for (int i = 0; i < 5; ++i) conn_.await_notification(0, 50'000);
    Rows out;
    out.swap(got_);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  struct Receiver : pqxx::notification_receiver {
    Receiver(pqxx::connection& c, NotifyProbe& p) : pqxx::notification_receiver{c, "ngnpro_reload"}, probe{p} {}
    void operator()(const std::string& payload, int) override { probe.got_.push_back(payload); }
    NotifyProbe& probe;
  };
  pqxx::connection conn_;
  Rows got_;
  Receiver receiver_;
};

struct KamailioFixture {
  KamailioFixture() { truncate_all(dsn); }

  void exec(const std::string& sql) {
    pqxx::work tx{conn};
    tx.exec(sql);
    tx.commit();
  }
  std::int64_t id_of(const std::string& sql) {
    pqxx::read_transaction tx{conn};
    return tx.exec1(sql)[0].as<std::int64_t>();
  }
  std::int64_t add_domain(const std::string& domain) {
    pqxx::work tx{conn};
    const auto id = tx.exec_params1("INSERT INTO ngnpro.sip_domains (domain) VALUES ($1) RETURNING id", domain)[0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }
  std::int64_t add_account(const std::string& username, const std::string& domain, const std::string& password) {
    pqxx::work tx{conn};
    const auto id = tx.exec_params1(
                          "INSERT INTO ngnpro.sip_accounts (domain_id, username, ha1, ha1b)"
                          " SELECT id, $1, md5($1 || ':' || $2 || ':' || $3), md5($1 || '@' || $2 || ':' || $2 || ':' || $3)"
                          "   FROM ngnpro.sip_domains WHERE domain = $2 RETURNING id",
                          username, domain, password)[0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }
  void add_group(std::int64_t account, const std::string& group) {
    pqxx::work tx{conn};
    tx.exec_params("INSERT INTO ngnpro.sip_account_groups (account_id, name) VALUES ($1, $2)", account, group);
    tx.commit();
  }
  void remove_group(std::int64_t account, const std::string& group) {
    pqxx::work tx{conn};
    tx.exec_params("DELETE FROM ngnpro.sip_account_groups WHERE account_id = $1 AND name = $2", account, group);
    tx.commit();
  }
  std::int64_t add_peer(const std::string& ip, const std::string& protocol, const std::string& tag) {
    pqxx::work tx{conn};
    const auto id = tx.exec_params1("INSERT INTO ngnpro.trusted_peers (ip, protocol, tag) VALUES ($1, $2, $3) RETURNING id",
                                    ip, protocol, tag)[0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }
  // The SQLSTATE a statement fails with; "" when it succeeds (then it is committed).
  std::string sqlstate_of(const std::string& sql) {
    try {
      exec(sql);
    } catch (const pqxx::sql_error& e) {
      return e.sqlstate();
    }
    return "";
  }
  Rows all_kamailio() {
    Rows all;
    for (const char* q : {kDomain, kSubscriber, kGrp, kAliases, kTrusted, kAddress}) {
      const Rows r = rows(conn, q);
      all.push_back(std::string(q).substr(std::string(q).rfind('.') + 1) + ":");
      all.insert(all.end(), r.begin(), r.end());
    }
    return all;
  }

  std::string dsn = required_env("NGNPRO_TEST_DSN");
  pqxx::connection conn{dsn};
};

std::string s(std::int64_t id) { return std::to_string(id); }

}  // namespace

TEST_CASE_METHOD(KamailioFixture, "a SIP domain is a kamailio.domain row with did = domain, until deleted",
                 "[pg][kamailio]") {
  NotifyProbe probe{dsn};
  const auto id = add_domain("example.com");
  CHECK(rows(conn, kDomain) == Rows{"example.com|example.com|" + s(id)});
  CHECK(probe.drain() == Rows{"kamailio domain"});

  // Columns Kamailio does not read: no row change, no reload.
  exec("UPDATE ngnpro.sip_domains SET certificate = 'pem', change_date = now()");
  CHECK(rows(conn, kDomain) == Rows{"example.com|example.com|" + s(id)});
  CHECK(probe.drain().empty());

  exec("DELETE FROM ngnpro.sip_domains");
  CHECK(rows(conn, kDomain).empty());
  CHECK(probe.drain() == Rows{"kamailio domain"});
}

TEST_CASE_METHOD(KamailioFixture, "one NOTIFY per payload and transaction, delivered only on commit", "[pg][kamailio]") {
  NotifyProbe probe{dsn};
  {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO ngnpro.sip_domains (domain) VALUES ('a.example'), ('b.example'), ('c.example')");
    tx.exec("INSERT INTO ngnpro.trusted_peers (ip) VALUES ('192.0.2.1'), ('192.0.2.2')");
    CHECK(probe.drain().empty());  // not before the commit
    tx.commit();
  }
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio domain", "kamailio trusted"});
  {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO ngnpro.sip_domains (domain) VALUES ('d.example')");
    tx.abort();
  }
  CHECK(probe.drain().empty());
  add_account("alice", "a.example", "pw");  // subscriber is read live: no reload
  CHECK(probe.drain().empty());
}

TEST_CASE_METHOD(KamailioFixture, "a SIP account is a subscriber row with ha1/ha1b and an empty password",
                 "[pg][kamailio]") {
  add_domain("example.com");
  const auto id = add_account("alice", "example.com", "secret");
  const std::string ha1 = md5_hex(conn, "alice:example.com:secret");
  const std::string ha1b = md5_hex(conn, "alice@example.com:example.com:secret");
  CHECK(rows(conn, kSubscriber) == Rows{"alice|example.com||" + ha1 + "|" + ha1b + "|0|" + s(id)});

  // Names, quota ...: nothing Kamailio reads, the row is left alone (same id).
  const auto row_id = id_of("SELECT id FROM kamailio.subscriber");
  exec("UPDATE ngnpro.sip_accounts SET first_name = 'Alice', quota = 5, change_date = now()");
  CHECK(id_of("SELECT id FROM kamailio.subscriber") == row_id);

  // A new password: new digests, same row.
  exec("UPDATE ngnpro.sip_accounts SET ha1 = md5('alice:example.com:new'), ha1b = md5('alice@example.com:example.com:new')");
  CHECK(rows(conn, kSubscriber) == Rows{"alice|example.com||" + md5_hex(conn, "alice:example.com:new") + "|" +
                                        md5_hex(conn, "alice@example.com:example.com:new") + "|0|" + s(id)});
  CHECK(id_of("SELECT id FROM kamailio.subscriber") == row_id);

  // A rename with new digests is fine; the groups follow.
  add_group(id, "free-pstn");
  exec("UPDATE ngnpro.sip_accounts SET username = 'bob', ha1 = md5('bob:example.com:pw'),"
       " ha1b = md5('bob@example.com:example.com:pw')");
  CHECK(rows(conn, kSubscriber) == Rows{"bob|example.com||" + md5_hex(conn, "bob:example.com:pw") + "|" +
                                        md5_hex(conn, "bob@example.com:example.com:pw") + "|0|" + s(id)});
  CHECK(rows(conn, kGrp) == Rows{"bob|example.com|free-pstn|" + s(id)});

  exec("DELETE FROM ngnpro.sip_accounts");
  CHECK(rows(conn, kSubscriber).empty());
  CHECK(rows(conn, kGrp).empty());
}

TEST_CASE_METHOD(KamailioFixture, "groups are grp rows, and group 'blocked' keeps subscriber.ngn_blocked = 1",
                 "[pg][kamailio]") {
  add_domain("example.com");
  const auto alice = add_account("alice", "example.com", "a");
  const auto bob = add_account("bob", "example.com", "b");
  add_group(alice, "free-pstn");
  add_group(alice, "voicemail");
  add_group(bob, "free-pstn");
  CHECK(rows(conn, kGrp) == Rows{"alice|example.com|free-pstn|" + s(alice), "alice|example.com|voicemail|" + s(alice),
                                 "bob|example.com|free-pstn|" + s(bob)});
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|0", "bob|0"});

  add_group(alice, "blocked");
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|1", "bob|0"});
  CHECK(rows(conn, "SELECT grp FROM kamailio.grp WHERE username = 'alice'") ==
        Rows{"blocked", "free-pstn", "voicemail"});

  // updateAccount replaces all groups (api §8.8): delete + insert in one transaction.
  {
    pqxx::work tx{conn};
    tx.exec_params("DELETE FROM ngnpro.sip_account_groups WHERE account_id = $1", alice);
    tx.exec_params("INSERT INTO ngnpro.sip_account_groups (account_id, name) VALUES ($1, 'quota'), ($1, 'blocked')",
                   alice);
    tx.commit();
  }
  CHECK(rows(conn, "SELECT grp FROM kamailio.grp WHERE username = 'alice'") == Rows{"blocked", "quota"});
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|1", "bob|0"});

  remove_group(alice, "blocked");
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|0", "bob|0"});
  CHECK(rows(conn, "SELECT grp FROM kamailio.grp WHERE username = 'alice'") == Rows{"quota"});

  // A blocked account can be renamed; the flag stays.
  add_group(bob, "blocked");
  exec("UPDATE ngnpro.sip_accounts SET username = 'robert', ha1 = md5('r1'), ha1b = md5('r2') WHERE username = 'bob'");
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|0", "robert|1"});
  CHECK(rows(conn, "SELECT username, grp FROM kamailio.grp WHERE ngn_account_id = " + s(bob)) ==
        Rows{"robert|blocked", "robert|free-pstn"});

  // Deleting the account cascades to its groups: no grp row is left behind.
  exec("DELETE FROM ngnpro.sip_accounts WHERE id = " + s(bob));
  CHECK(rows(conn, "SELECT username FROM kamailio.grp") == Rows{"alice"});
}

TEST_CASE_METHOD(KamailioFixture, "an alias is a dbaliases row pointing at its target", "[pg][kamailio]") {
  add_domain("example.com");
  add_domain("numbers.example");
  exec("INSERT INTO ngnpro.sip_aliases (domain_id, username, target_username, target_domain)"
       " SELECT id, '31208005123', 'alice', 'example.com' FROM ngnpro.sip_domains WHERE domain = 'numbers.example'");
  const auto id = id_of("SELECT id FROM ngnpro.sip_aliases");
  CHECK(rows(conn, kAliases) == Rows{"31208005123|numbers.example|alice|example.com|" + s(id)});

  exec("UPDATE ngnpro.sip_aliases SET target_username = 'bob', target_domain = 'elsewhere.example'");
  CHECK(rows(conn, kAliases) == Rows{"31208005123|numbers.example|bob|elsewhere.example|" + s(id)});

  // Our UNIQUE (alias_username, alias_domain), which upstream lacks.
  {
    pqxx::work tx{conn};
    CHECK_THROWS_AS(tx.exec("INSERT INTO kamailio.dbaliases (alias_username, alias_domain, username, domain)"
                            " VALUES ('31208005123', 'numbers.example', 'x', 'y')"),
                    pqxx::unique_violation);
  }

  exec("DELETE FROM ngnpro.sip_aliases");
  CHECK(rows(conn, kAliases).empty());
}

TEST_CASE_METHOD(KamailioFixture, "a trusted peer is an address row; a plain address is a trusted row too",
                 "[pg][kamailio]") {
  NotifyProbe probe{dsn};
  const auto pbx = add_peer("192.0.2.10", "udp", "pbx-1");
  const auto net = add_peer("198.51.100.77/24", "any", "");
  const auto v6 = add_peer("2001:db8::5", "tls", "v6");
  const auto host32 = add_peer("203.0.113.9/32", "tcp", "h");
  CHECK(rows(conn, kTrusted) == Rows{"192.0.2.10|udp|~|~|pbx-1|0|" + s(pbx), "2001:db8::5|tls|~|~|v6|0|" + s(v6),
                                     "203.0.113.9|tcp|~|~|h|0|" + s(host32)});
  CHECK(rows(conn, kAddress) == Rows{"1|192.0.2.10|32|0|pbx-1|" + s(pbx), "1|198.51.100.0|24|0|~|" + s(net),
                                     "1|2001:db8::5|128|0|v6|" + s(v6), "1|203.0.113.9|32|0|h|" + s(host32)});
  // One transaction each; the network peer needs no trusted reload.
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio address", "kamailio address", "kamailio address",
                              "kamailio trusted", "kamailio trusted", "kamailio trusted"});

  // A network only feeds address: no trusted reload.
  exec("UPDATE ngnpro.trusted_peers SET tag = 'office' WHERE id = " + s(net));
  CHECK(probe.drain() == Rows{"kamailio address"});

  // Nothing Kamailio reads: nothing happens.
  exec("UPDATE ngnpro.trusted_peers SET description = 'x', call_limit = 3");
  CHECK(probe.drain().empty());

  // From address to network: its trusted row goes.
  exec("UPDATE ngnpro.trusted_peers SET ip = '192.0.2.0/28' WHERE id = " + s(pbx));
  CHECK(rows(conn, "SELECT src_ip FROM kamailio.trusted") == Rows{"2001:db8::5", "203.0.113.9"});
  CHECK(rows(conn, "SELECT ip_addr, mask FROM kamailio.address WHERE ngn_peer_id = " + s(pbx)) == Rows{"192.0.2.0|28"});
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio trusted"});

  exec("DELETE FROM ngnpro.trusted_peers");
  CHECK(rows(conn, kTrusted).empty());
  CHECK(rows(conn, kAddress).empty());

  CHECK(sqlstate_of("INSERT INTO ngnpro.trusted_peers (ip) VALUES ('pbx.example.com')") == "22P02");
  CHECK(rows(conn, "SELECT ip FROM ngnpro.trusted_peers").empty());
}

TEST_CASE_METHOD(KamailioFixture, "a blocked trusted peer leaves trusted and address until unblocked",
                 "[pg][kamailio]") {
  const auto pbx = add_peer("192.0.2.10", "udp", "pbx-1");
  NotifyProbe probe{dsn};
  exec("UPDATE ngnpro.trusted_peers SET blocked = 2 WHERE id = " + s(pbx));  // a reason code
  CHECK(rows(conn, kTrusted).empty());
  CHECK(rows(conn, kAddress).empty());
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio trusted"});

  exec("UPDATE ngnpro.trusted_peers SET blocked = 0 WHERE id = " + s(pbx));
  CHECK(rows(conn, kTrusted) == Rows{"192.0.2.10|udp|~|~|pbx-1|0|" + s(pbx)});
  CHECK(rows(conn, kAddress) == Rows{"1|192.0.2.10|32|0|pbx-1|" + s(pbx)});
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio trusted"});

  // A peer added blocked never appears.
  exec("INSERT INTO ngnpro.trusted_peers (ip, blocked) VALUES ('192.0.2.11', 1)");
  CHECK(rows(conn, "SELECT src_ip FROM kamailio.trusted") == Rows{"192.0.2.10"});
}

TEST_CASE_METHOD(KamailioFixture, "renaming a domain is refused and the whole transaction rolls back",
                 "[pg][kamailio]") {
  add_domain("example.com");
  add_account("alice", "example.com", "a");
  const Rows before = all_kamailio();
  NotifyProbe probe{dsn};
  std::string state;
  try {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO ngnpro.sip_domains (domain) VALUES ('new.example')");
    tx.exec("INSERT INTO ngnpro.sip_accounts (domain_id, username, ha1, ha1b) SELECT id, 'bob', md5('1'), md5('2')"
            " FROM ngnpro.sip_domains WHERE domain = 'new.example'");
    tx.exec("UPDATE ngnpro.sip_domains SET domain = 'renamed.example' WHERE domain = 'example.com'");
    tx.commit();
  } catch (const pqxx::sql_error& e) {
    state = e.sqlstate();
  }
  CHECK(state == "NGK01");
  CHECK(rows(conn, "SELECT domain FROM ngnpro.sip_domains") == Rows{"example.com"});
  CHECK(rows(conn, "SELECT username FROM ngnpro.sip_accounts") == Rows{"alice"});
  CHECK(all_kamailio() == before);
  CHECK(probe.drain().empty());  // the INSERT's notification died with the transaction
}

TEST_CASE_METHOD(KamailioFixture, "a username or domain change without new ha1 and ha1b is refused", "[pg][kamailio]") {
  add_domain("example.com");
  add_domain("other.example");
  add_account("alice", "example.com", "a");
  const Rows before = all_kamailio();
  CHECK(sqlstate_of("UPDATE ngnpro.sip_accounts SET username = 'bob'") == "NGK02");
  CHECK(sqlstate_of("UPDATE ngnpro.sip_accounts SET username = 'bob', ha1 = md5('x')") == "NGK02");
  CHECK(sqlstate_of("UPDATE ngnpro.sip_accounts SET username = 'bob', ha1b = md5('x')") == "NGK02");
  CHECK(sqlstate_of("UPDATE ngnpro.sip_accounts SET domain_id = (SELECT id FROM ngnpro.sip_domains"
                    " WHERE domain = 'other.example')") == "NGK02");
  CHECK(rows(conn, "SELECT username FROM ngnpro.sip_accounts") == Rows{"alice"});
  CHECK(all_kamailio() == before);

  // With both digests new, a move to another domain goes through.
  CHECK(sqlstate_of("UPDATE ngnpro.sip_accounts SET ha1 = md5('m1'), ha1b = md5('m2'), domain_id = (SELECT id"
                    " FROM ngnpro.sip_domains WHERE domain = 'other.example')") == "");
  CHECK(rows(conn, "SELECT username, domain FROM kamailio.subscriber") == Rows{"alice|other.example"});
}

TEST_CASE_METHOD(KamailioFixture, "resync_kamailio() rebuilds exactly the rows the triggers made", "[pg][kamailio]") {
  add_domain("example.com");
  add_domain("numbers.example");
  const auto alice = add_account("alice", "example.com", "a");
  const auto bob = add_account("bob", "example.com", "b");
  add_group(alice, "free-pstn");
  add_group(bob, "blocked");
  add_group(bob, "quota");
  exec("INSERT INTO ngnpro.sip_aliases (domain_id, username, target_username, target_domain)"
       " SELECT id, '31208005123', 'alice', 'example.com' FROM ngnpro.sip_domains WHERE domain = 'numbers.example'");
  add_peer("192.0.2.10", "udp", "pbx");
  add_peer("198.51.100.0/24", "any", "carrier");
  const Rows made = all_kamailio();
  REQUIRE(made.size() == 6 + 2 + 2 + 3 + 1 + 1 + 2);

  // Damage: rows lost, changed, and added by hand.
  exec("DELETE FROM kamailio.grp WHERE grp = 'quota'");
  exec("UPDATE kamailio.subscriber SET ha1 = 'garbage', ngn_blocked = 0");
  exec("DELETE FROM kamailio.domain WHERE domain = 'numbers.example'");
  exec("INSERT INTO kamailio.trusted (src_ip, proto) VALUES ('10.9.9.9', 'any')");
  exec("DELETE FROM kamailio.address");
  REQUIRE(all_kamailio() != made);

  NotifyProbe probe{dsn};
  {
    pqxx::work tx{conn};
    CHECK(tx.exec1("SELECT ngnpro.resync_kamailio()")[0].as<std::int64_t>() ==
          static_cast<std::int64_t>(made.size() - 6));
    tx.commit();
  }
  CHECK(all_kamailio() == made);
  CHECK(probe.drain() == Rows{"kamailio address", "kamailio domain", "kamailio trusted"});

  // Row triggers keep working on the rebuilt rows.
  remove_group(bob, "blocked");
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|0", "bob|0"});
}

TEST_CASE_METHOD(KamailioFixture, "TRUNCATE of an ngnpro table clears the rows that came from it", "[pg][kamailio]") {
  add_domain("example.com");
  const auto alice = add_account("alice", "example.com", "a");
  add_group(alice, "blocked");
  add_peer("192.0.2.10", "udp", "pbx");
  exec("TRUNCATE ngnpro.sip_account_groups");
  CHECK(rows(conn, kGrp).empty());
  CHECK(rows(conn, "SELECT username, ngn_blocked FROM kamailio.subscriber") == Rows{"alice|0"});
  exec("TRUNCATE ngnpro.trusted_peers");
  CHECK(rows(conn, kTrusted).empty());
  CHECK(rows(conn, kAddress).empty());
  exec("TRUNCATE ngnpro.sip_domains CASCADE");
  CHECK(rows(conn, kDomain).empty());
  CHECK(rows(conn, kSubscriber).empty());
}

TEST_CASE_METHOD(KamailioFixture, "Kamailio's version rows are the 5.6 ones", "[pg][kamailio]") {
  CHECK(rows(conn, "SELECT table_name, table_version FROM kamailio.version") ==
        Rows{"address|6", "dbaliases|1", "domain_attrs|1", "domain|2", "grp|2", "re_grp|1", "subscriber|7",
             "trusted|6", "version|1"});
}

TEST_CASE_METHOD(KamailioFixture, "role kamailio reads its schema unqualified and nothing of ngnpro",
                 "[pg][kamailio][roles]") {
  add_domain("example.com");
  add_account("alice", "example.com", "a");
  exec("INSERT INTO ngnpro.customers (id, reseller_id) VALUES (1, 1)");

  std::string password;
  std::ifstream{required_env("NGNPRO_TEST_PG_DIR") + "/kamailio.password"} >> password;
  REQUIRE(!password.empty());
  // Same host, port and database as NGNPRO_TEST_DSN, another user.
  std::istringstream words{dsn};
  std::string kamailio_dsn, word;
  while (words >> word)
    if (word.rfind("user=", 0) != 0 && word.rfind("password=", 0) != 0) kamailio_dsn += word + " ";
  kamailio_dsn += "user=kamailio password=" + password;

  pqxx::connection kam{kamailio_dsn};
  CHECK(rows(kam, "SHOW search_path") == Rows{"kamailio"});
  // What auth_db, alias_db, group and permissions run (RECIPE §7, captured with log_statement).
  CHECK(rows(kam, "select ha1,ngn_blocked,ngn_account_id from subscriber where username='alice' AND domain='example.com'")
            .size() == 1);
  CHECK(rows(kam, "select username,domain from dbaliases where alias_username='x' AND alias_domain='example.com'").empty());
  CHECK(rows(kam, "select grp from grp where username='alice' AND domain='example.com'").empty());
  CHECK(rows(kam, "SELECT table_version FROM version WHERE table_name = 'subscriber'") == Rows{"7"});
  for (const char* q : {"SELECT domain FROM domain", "SELECT src_ip FROM trusted", "SELECT ip_addr FROM address",
                        "SELECT did FROM domain_attrs", "SELECT reg_exp FROM re_grp"})
    CHECK_NOTHROW(rows(kam, q));

  const auto denied = [&](const std::string& sql) {
    try {
      pqxx::work tx{kam};
      tx.exec(sql);
      tx.commit();
    } catch (const pqxx::insufficient_privilege&) {
      return true;
    }
    return false;
  };
  CHECK(denied("SELECT count(*) FROM ngnpro.customers"));
  CHECK(denied("SELECT count(*) FROM ngnpro.sip_accounts"));
  CHECK(denied("SELECT ngnpro.resync_kamailio()"));
  CHECK(denied("INSERT INTO subscriber (username, domain) VALUES ('eve', 'example.com')"));
  CHECK(denied("UPDATE subscriber SET ha1 = ''"));
  CHECK(denied("DELETE FROM domain"));
  CHECK(denied("CREATE TABLE kamailio.mine (x int)"));

  // Tables a later migration adds to the schema are readable too (default privileges).
  exec("DROP TABLE IF EXISTS kamailio.zz_default_privileges_probe");
  exec("CREATE TABLE kamailio.zz_default_privileges_probe (x int)");
  CHECK_NOTHROW(rows(kam, "SELECT x FROM zz_default_privileges_probe"));
  exec("DROP TABLE kamailio.zz_default_privileges_probe");
}

}  // namespace ngnpro::testing
