// A reseller (enum_range_credit 3, enum_number_credit 3) and the helpers the Enum service tests
// share, on a real PostgreSQL. Name servers are set, as parse_config would default them.
#pragma once

#include <string>
#include <vector>

#include "pg_fixture.hpp"

namespace ngnpro::testing {

inline const services::Caller kEnumAdmin{services::Role::kAdmin, "admin", 0, 0, 0};

inline core::Config enum_test_config() {
  core::Config config = test_config();
  config.dns.nameservers = {"ns1.example.net", "ns2.example.net"};
  return config;
}

struct EnumFixture : PgFixture {
  EnumFixture() : PgFixture(enum_test_config()) {
    reseller = add_customer("reseller", 0, {{"enum_range_credit", "3"}, {"enum_number_credit", "3"}});
    as_reseller = {services::Role::kReseller, "reseller", reseller, reseller, 0};
  }

  std::int64_t add_customer(const std::string& username, std::int64_t of_reseller,
                            const std::vector<std::pair<std::string, std::string>>& credits = {}) {
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = username;
    in.password = "pw";
    if (of_reseller != 0) in.reseller = of_reseller;
    std::vector<core::CustomerProperty> properties;
    for (const auto& [name, value] : credits) properties.push_back({name, value, "credit", core::Permission::kAdmin});
    in.properties = properties;
    return services.customers.add(kEnumAdmin, in).id;
  }

  static core::EnumRangeInput range(const std::string& prefix, const std::string& tld = "e164.arpa") {
    core::EnumRangeInput r;
    r.id = {prefix, tld};
    return r;
  }

  static core::EnumMapping mapping(const std::string& type, const std::string& mapto, int priority = 5,
                                   int ttl = 3600) {
    return {0, type, mapto, priority, ttl};
  }

  static core::EnumNumberInput number(const std::string& digits, std::vector<core::EnumMapping> mappings = {},
                                      const std::string& tld = "e164.arpa") {
    core::EnumNumberInput n;
    n.id = {digits, tld};
    n.mappings = std::move(mappings);
    return n;
  }

  // One column of every row a query returns, as text, in its order.
  std::vector<std::string> rows(const std::string& sql) {
    pqxx::connection conn{config.db.dsn};
    pqxx::read_transaction tx{conn};
    std::vector<std::string> out;
    for (const auto& r : tx.exec(sql)) out.push_back(r[0].is_null() ? "NULL" : r[0].as<std::string>());
    return out;
  }
  std::string value(const std::string& sql) {
    const auto all = rows(sql);
    return all.size() == 1 ? all[0] : "<" + std::to_string(all.size()) + " rows>";
  }
  void execute(const std::string& sql) {
    pqxx::connection conn{config.db.dsn};
    pqxx::work tx{conn};
    tx.exec(sql);
    tx.commit();
  }

  // The serial PowerDNS serves for a zone, from its SOA row.
  std::string soa_serial(const std::string& zone) {
    return value("SELECT split_part(content, ' ', 3) FROM pdns.records WHERE type = 'SOA' AND name = '" + zone + "'");
  }

  // record_counts of the ENUM kinds (zeros left by deletions aside) against a count of the rows.
  bool counts_are_exact() {
    const char* kinds = " WHERE kind IN ('enum_range', 'enum_number') AND n <> 0 ORDER BY 1";
    const auto kept = rows(std::string("SELECT kind || ' ' || level || ' ' || holder_id || '=' || n FROM "
                                       "ngnpro.record_counts") + kinds);
    const auto truth = rows(std::string("SELECT kind || ' ' || level || ' ' || holder_id || '=' || n FROM "
                                        "ngnpro.enum_record_counts_v") + kinds);
    CHECK(kept == truth);
    return kept == truth;
  }

  std::int64_t reseller = 0;
  services::Caller as_reseller;
};

}  // namespace ngnpro::testing
