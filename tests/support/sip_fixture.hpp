// A reseller (sip_credit 3, pstn_access, prepaid_changes) with domain example.com, for the
// Sip service tests on a real PostgreSQL.
#pragma once

#include <string>
#include <vector>

#include "pg_fixture.hpp"

namespace ngnpro::testing {

inline const services::Caller kAdmin{services::Role::kAdmin, "admin", 0, 0, 0};

struct SipFixture : PgFixture {
  SipFixture() {
    core::CustomerInput in;
    in[core::CustomerText::kUsername] = "reseller";
    in.password = "pw";
    in.properties = std::vector<core::CustomerProperty>{{"sip_credit", "3", "credit", core::Permission::kAdmin},
                                                        {"pstn_access", "1", "sip", core::Permission::kAdmin},
                                                        {"prepaid_changes", "1", "sip", core::Permission::kAdmin}};
    reseller = services.customers.add(kAdmin, in).id;
    as_reseller = {services::Role::kReseller, "reseller", reseller, reseller, 0};
    services.sip.add_domain(as_reseller, domain_input("example.com"));
  }

  static core::SipDomainInput domain_input(const std::string& name) {
    core::SipDomainInput d;
    d.domain = name;
    return d;
  }

  static core::SipAccountInput account(const std::string& username, const std::string& password = "secret") {
    core::SipAccountInput a;
    a.id = {username, "example.com"};
    a.password = password;
    return a;
  }

  std::string column(const std::string& sql) {
    pqxx::connection conn{config.db.dsn};
    pqxx::read_transaction tx{conn};
    return tx.exec1(sql)[0].as<std::string>();  // no row: an exception, not a crash
  }

  std::int64_t reseller = 0;
  services::Caller as_reseller;
};

}  // namespace ngnpro::testing
