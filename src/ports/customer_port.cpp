// Customer port (api §4.1): convert in, call one service, convert out.
#include "soapCustomerService.h"

#include "convert.hpp"
#include "customer_convert.hpp"
#include "guarded.hpp"

using ngnpro::ports::guarded;
using ngnpro::services::Caller;
using ngnpro::services::Services;
namespace ports = ngnpro::ports;

int CustomerService::addAccount(ngnpro__CustomerAccount* account, customer__addAccountResponse* out) {
  return guarded(soap, "Customer.addAccount", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_customer_account(soap, svc.customers.add(caller, ports::to_customer_input(account)));
  });
}

int CustomerService::updateAccount(ngnpro__CustomerAccount* account, customer__updateAccountResponse*) {
  return guarded(soap, "Customer.updateAccount", [&](Services& svc, const Caller& caller) {
    svc.customers.update(caller, ports::to_customer_input(account));
  });
}

int CustomerService::deleteAccount(LONG64* id, customer__deleteAccountResponse*) {
  return guarded(soap, "Customer.deleteAccount", [&](Services& svc, const Caller& caller) {
    svc.customers.remove(caller, ports::required_id(id, "id"));
  });
}

int CustomerService::getAccount(LONG64* id, customer__getAccountResponse* out) {
  return guarded(soap, "Customer.getAccount", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_customer_account(soap, svc.customers.get(caller, ports::required_id(id, "id")));
  });
}

int CustomerService::getCustomers(ngnpro__CustomerQuery* query, customer__getCustomersResponse* out) {
  return guarded(soap, "Customer.getCustomers", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_customer_query_result(soap, svc.customers.list(caller, ports::to_customer_query(query)));
  });
}

int CustomerService::getResellers(ngnpro__CustomerQuery* query, customer__getResellersResponse* out) {
  return guarded(soap, "Customer.getResellers", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_customer_query_result(soap, svc.customers.list_resellers(caller, ports::to_customer_query(query)));
  });
}

int CustomerService::setProperties(LONG64* customer, CustomerPropertyArray* properties,
                                   customer__setPropertiesResponse*) {
  return guarded(soap, "Customer.setProperties", [&](Services& svc, const Caller& caller) {
    svc.customers.set_properties(caller, ports::required_id(customer, "customer"),
                                 ports::to_customer_properties(properties));
  });
}

int CustomerService::getProperties(LONG64* customer, customer__getPropertiesResponse* out) {
  return guarded(soap, "Customer.getProperties", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_customer_property_array(
        soap, svc.customers.get_properties(caller, ports::required_id(customer, "customer")));
  });
}
