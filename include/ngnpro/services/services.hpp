// Every service, built once by main and shared by all SOAP workers (each service is thread-safe:
// it keeps no per-request state; its database work runs through storage::Database).
#pragma once

#include "ngnpro/core/config.hpp"
#include "ngnpro/services/auth.hpp"
#include "ngnpro/services/customer_provisioning.hpp"
#include "ngnpro/services/dns_provisioning.hpp"
#include "ngnpro/services/enum_provisioning.hpp"
#include "ngnpro/services/sip_provisioning.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

// Everything one request does on its thread (authentication, then the operation) uses one
// pooled connection, leased on first use and returned when the scope ends.
class RequestScope {
 public:
  explicit RequestScope(storage::Database& db) : session_(db) {}

 private:
  storage::Database::Session session_;
};

struct Services {
  Services(storage::Database& db, const core::Config& config)
      : auth(db, config), customers(db, config), sip(db, config), dns(db, config), enums(db, config), db_(db) {}

  // Open around one request, on the thread that serves it.
  RequestScope request_scope() { return RequestScope{db_}; }

  Authenticator auth;
  CustomerProvisioning customers;
  SipProvisioning sip;
  DnsProvisioning dns;
  EnumProvisioning enums;

 private:
  storage::Database& db_;
};

}  // namespace ngnpro::services
