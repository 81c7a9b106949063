// A real PostgreSQL for integration tests: NGNPRO_TEST_DSN names a database with the schema
// applied (scripts/test sets it to the private cluster it starts). Every test starts from
// empty ngnpro tables.
#pragma once

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <pqxx/pqxx>

#include "ngnpro/core/config.hpp"
#include "ngnpro/core/error.hpp"
#include "ngnpro/services/services.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::testing {

inline std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string(name) + " is not set: run the tests through scripts/test");
  return value;
}

inline core::Config test_config() {
  core::Config config;
  config.db = {required_env("NGNPRO_TEST_DSN"), 4};
  config.admins = {{"admin", "admin-secret"}};
  config.auth.pbkdf2_iterations = 1000;  // the cost is a deployment choice; tests need speed
  return config;
}

inline void truncate_all(const std::string& dsn) {
  pqxx::connection conn{dsn};
  pqxx::work tx{conn};
  tx.exec("TRUNCATE ngnpro.customers, ngnpro.customer_properties, ngnpro.sip_domains, ngnpro.sip_accounts, ngnpro.sip_account_groups, ngnpro.sip_account_acls, ngnpro.sip_account_properties, ngnpro.sip_aliases, ngnpro.sip_call_diversions, ngnpro.sip_accept_rules, ngnpro.sip_accept_temporary, ngnpro.sip_reject_members, ngnpro.sip_barring_prefixes, ngnpro.sip_phonebook, ngnpro.trusted_peers, ngnpro.dns_zones, ngnpro.dns_records, ngnpro.dns_fancy_records, ngnpro.enum_ranges, ngnpro.enum_numbers, ngnpro.enum_mappings, ngnpro.record_counts, pdns.domains, pdns.records, kamailio.domain, kamailio.domain_attrs, kamailio.subscriber, kamailio.grp, kamailio.re_grp, kamailio.dbaliases, kamailio.trusted, kamailio.address, kamailio.ngn_account_routing, kamailio.ngn_diversions, kamailio.ngn_accept_rules, kamailio.ngn_reject_members, kamailio.ngn_barring_prefixes, kamailio.ngn_phonebook CASCADE");
  tx.commit();
}

template <class F>
std::optional<core::ErrorCode> error_code_of(F&& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return e.code();
  }
  return std::nullopt;
}

struct PgFixture {
  explicit PgFixture(core::Config c = test_config()) : config(std::move(c)) { truncate_all(config.db.dsn); }

  std::int64_t count(const std::string& table) {
    pqxx::connection conn{config.db.dsn};
    pqxx::read_transaction tx{conn};
    return tx.exec("SELECT count(*) FROM " + table)[0][0].as<std::int64_t>();
  }

  core::Config config;
  storage::Database db{config.db};
  services::Services services{db, config};
};

}  // namespace ngnpro::testing
