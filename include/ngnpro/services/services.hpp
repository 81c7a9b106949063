// Every service, built once by main and shared by all SOAP workers (each service is thread-safe:
// it keeps no per-request state and leases one database connection per call).
#pragma once

#include "ngnpro/core/config.hpp"
#include "ngnpro/services/auth.hpp"
#include "ngnpro/services/customer_service.hpp"
#include "ngnpro/services/sip_service.hpp"
#include "ngnpro/storage/database.hpp"

namespace ngnpro::services {

struct Services {
  Services(storage::Database& db, const core::Config& config)
      : auth(db, config), customers(db, config), sip(db, config) {}

  Authenticator auth;
  CustomerService customers;
  SipService sip;
};

}  // namespace ngnpro::services
