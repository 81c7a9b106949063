#include "customer_convert.hpp"

#include <array>

#include "convert.hpp"

namespace ngnpro::ports {

namespace {

using core::CustomerText;

// gSOAP member of each core::CustomerText field, in enum order.
using TextMember = std::string* ngnpro__CustomerAccount::*;
const std::array<TextMember, core::kCustomerTextCount> kTextMembers = {
    &ngnpro__CustomerAccount::username,       &ngnpro__CustomerAccount::firstName,
    &ngnpro__CustomerAccount::lastName,       &ngnpro__CustomerAccount::organization,
    &ngnpro__CustomerAccount::vatNumber,      &ngnpro__CustomerAccount::email,
    &ngnpro__CustomerAccount::web,            &ngnpro__CustomerAccount::tel,
    &ngnpro__CustomerAccount::fax,            &ngnpro__CustomerAccount::mobile,
    &ngnpro__CustomerAccount::sip,            &ngnpro__CustomerAccount::enum_,
    &ngnpro__CustomerAccount::address,        &ngnpro__CustomerAccount::postcode,
    &ngnpro__CustomerAccount::city,           &ngnpro__CustomerAccount::state,
    &ngnpro__CustomerAccount::country,        &ngnpro__CustomerAccount::timezone,
    &ngnpro__CustomerAccount::language,       &ngnpro__CustomerAccount::bankAccount,
    &ngnpro__CustomerAccount::billingAddress, &ngnpro__CustomerAccount::billingEmail,
    &ngnpro__CustomerAccount::companyCode};


}  // namespace

core::CustomerInput to_customer_input(const ngnpro__CustomerAccount* account) {
  if (account == nullptr) throw core::Error{core::ErrorCode::kInvalidArgument, "account is required"};
  core::CustomerInput in;
  in.id = optional_of(account->id);
  in.reseller = optional_of(account->reseller);
  in.impersonate = optional_of(account->impersonate);
  in.password = optional_of(account->password);
  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i) in.text[i] = optional_of(account->*kTextMembers[i]);
  if (in[CustomerText::kUsername]) in[CustomerText::kUsername] = trim(*in[CustomerText::kUsername]);
  in.balance = optional_of(account->balance);
  in.credit = optional_of(account->credit);
  in.reseller_active = optional_of(account->resellerActive);
  if (account->properties) in.properties = to_customer_properties(account->properties);
  return in;
}

core::CustomerQuery to_customer_query(const ngnpro__CustomerQuery* query) {
  core::CustomerQuery out;
  if (query == nullptr) return out;
  out.order_by = to_order_by(query->orderBy);
  out.range = to_range(query->range);
  if (const ngnpro__CustomerFilter* f = query->filter) {
    core::CustomerFilter& o = out.filter;
    o.username = trim(text_or_empty(f->username));
    o.first_name = text_or_empty(f->firstName);
    o.last_name = text_or_empty(f->lastName);
    o.organization = text_or_empty(f->organization);
    o.tel = text_or_empty(f->tel);
    o.email = text_or_empty(f->email);
    o.web = text_or_empty(f->web);
    o.city = text_or_empty(f->city);
    o.country = text_or_empty(f->country);
    // CDRTool sends "1" or ""; any other non-empty, non-zero text also asks for resellers only.
    const std::string only = trim(text_or_empty(f->only_USCOREresellers));
    o.only_resellers = !only.empty() && only != "0" && lower(only) != "false";
    o.customer = f->customer ? *f->customer : 0;
    o.reseller = f->reseller ? *f->reseller : 0;
  }
  return out;
}

std::vector<core::CustomerProperty> to_customer_properties(const CustomerPropertyArray* properties) {
  std::vector<core::CustomerProperty> out;
  if (properties == nullptr) return out;
  for (int i = 0; i < properties->__size; ++i) {
    const ngnpro__CustomerProperty& p = properties->__ptr[i];
    out.push_back({trim(text_or_empty(p.name)), text_or_empty(p.value), text_or_empty(p.category),
                   core::parse_permission(trim(text_or_empty(p.permission)))});
  }
  return out;
}

ngnpro__CustomerAccount* new_customer_account(struct soap* ctx, const core::Customer& customer) {
  ngnpro__CustomerAccount* out = soap_new_ngnpro__CustomerAccount(ctx);
  out->id = new_value<LONG64>(ctx, customer.id);
  out->reseller = new_value<LONG64>(ctx, customer.reseller);
  out->impersonate = new_value<LONG64>(ctx, customer.impersonate);
  out->password = new_string(ctx, "");  // stored only as a slow hash, never returned (api §4.1)
  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i) out->*kTextMembers[i] = new_string(ctx, customer.text[i]);
  out->balance = new_value<double>(ctx, customer.balance);
  out->credit = new_value<double>(ctx, customer.credit);
  out->resellerActive = new_value<bool>(ctx, customer.reseller_active);
  out->changeDate = new_string(ctx, customer.change_date);
  out->properties = new_customer_property_array(ctx, customer.properties);
  return out;
}

CustomerPropertyArray* new_customer_property_array(struct soap* ctx,
                                                    const std::vector<core::CustomerProperty>& properties) {
  CustomerPropertyArray* out = soap_new_CustomerPropertyArray(ctx);
  out->__size = static_cast<int>(properties.size());
  // A NULL __ptr would drop SOAP-ENC:arrayType from an empty array, and PEAR decodes the bare
  // element as "" instead of an empty list (envelopes README, "Lists must be marked as arrays").
  out->__ptr = soap_new_ngnpro__CustomerProperty(ctx, out->__size);
  for (int i = 0; i < out->__size; ++i) {
    const core::CustomerProperty& p = properties[static_cast<std::size_t>(i)];
    ngnpro__CustomerProperty& o = out->__ptr[i];
    o.name = new_string(ctx, p.name);
    o.value = new_string(ctx, p.value);
    o.category = new_string(ctx, p.category);
    o.permission = new_string(ctx, core::to_string(p.permission));
  }
  return out;
}

ngnpro__CustomerQueryResult* new_customer_query_result(struct soap* ctx, const core::Page<core::Customer>& page) {
  ngnpro__CustomerQueryResult* out = soap_new_ngnpro__CustomerQueryResult(ctx);
  out->total = new_value<int>(ctx, static_cast<int>(page.total));
  out->accounts = soap_new_CustomerAccountArray(ctx);
  out->accounts->__size = static_cast<int>(page.rows.size());
  out->accounts->__ptr = soap_new_ngnpro__CustomerAccount(ctx, out->accounts->__size);
  for (int i = 0; i < out->accounts->__size; ++i)
    out->accounts->__ptr[i] = *new_customer_account(ctx, page.rows[static_cast<std::size_t>(i)]);
  return out;
}

}  // namespace ngnpro::ports
