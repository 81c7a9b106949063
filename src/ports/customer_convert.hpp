// gSOAP <-> core conversions of the Customer port (api §5.3).
#pragma once

#include <vector>

#include "ngnpro/core/customer.hpp"
#include "soapH.h"

namespace ngnpro::ports {

core::CustomerInput to_customer_input(const ngnpro__CustomerAccount* account);
core::CustomerQuery to_customer_query(const ngnpro__CustomerQuery* query);
std::vector<core::CustomerProperty> to_customer_properties(const CustomerPropertyArray* properties);

ngnpro__CustomerAccount* new_customer_account(struct soap* ctx, const core::Customer& customer);
CustomerPropertyArray* new_customer_property_array(struct soap* ctx,
                                                    const std::vector<core::CustomerProperty>& properties);
ngnpro__CustomerQueryResult* new_customer_query_result(struct soap* ctx, const core::Page<core::Customer>& page);

}  // namespace ngnpro::ports
