// Customers and resellers (api §5.3, §8.4, §8.6): plain data shared by every layer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ngnpro/core/query.hpp"

namespace ngnpro::core {

// Who may create, change or delete a customer property (api §8.6), weakest first.
enum class Permission { kCustomer = 0, kReseller = 1, kAdmin = 2 };

Permission parse_permission(const std::string& text);  // unknown or empty: kCustomer
const char* to_string(Permission permission);

struct CustomerProperty {
  std::string name;
  std::string value;
  std::string category;
  Permission permission = Permission::kCustomer;
};

// The free-text fields of a customer, in WSDL order. One enumerator per field lets storage
// (columns), ports (gSOAP members) and services (update rules) each keep one table.
enum class CustomerText : std::size_t {
  kUsername, kFirstName, kLastName, kOrganization, kVatNumber, kEmail, kWeb, kTel, kFax,
  kMobile, kSip, kEnum, kAddress, kPostcode, kCity, kState, kCountry, kTimezone, kLanguage,
  kBankAccount, kBillingAddress, kBillingEmail, kCompanyCode,
};
inline constexpr std::size_t kCustomerTextCount = 23;

// The wire name of each field (api §5.3), in enum order: fault messages name the field as the
// client sent it.
inline constexpr std::array<const char*, kCustomerTextCount> kCustomerTextNames = {
    "username", "firstName", "lastName", "organization", "vatNumber", "email", "web", "tel", "fax",
    "mobile", "sip", "enum", "address", "postcode", "city", "state", "country", "timezone", "language",
    "bankAccount", "billingAddress", "billingEmail", "companyCode"};

template <class T>
using CustomerTextArray = std::array<T, kCustomerTextCount>;

struct Customer {
  std::int64_t id = 0;
  std::int64_t reseller = 0;      // == id for a reseller
  std::int64_t impersonate = 0;   // == reseller: the customer has its reseller's rights (api §8.2)
  CustomerTextArray<std::string> text;
  double balance = 0;
  double credit = 0;
  bool reseller_active = true;
  std::string change_date;        // "YYYY-MM-DD HH:MM:SS", server local time
  std::vector<CustomerProperty> properties;

  const std::string& operator[](CustomerText field) const { return text[static_cast<std::size_t>(field)]; }
  std::string& operator[](CustomerText field) { return text[static_cast<std::size_t>(field)]; }
  bool is_reseller() const { return id == reseller; }
};

// addAccount/updateAccount input: an absent or nil member is std::nullopt (api §2.6.3).
struct CustomerInput {
  std::optional<std::int64_t> id;
  std::optional<std::int64_t> reseller;
  std::optional<std::int64_t> impersonate;
  std::optional<std::string> password;
  CustomerTextArray<std::optional<std::string>> text;
  std::optional<double> balance;
  std::optional<double> credit;
  std::optional<bool> reseller_active;
  std::optional<std::vector<CustomerProperty>> properties;

  const std::optional<std::string>& operator[](CustomerText field) const {
    return text[static_cast<std::size_t>(field)];
  }
  std::optional<std::string>& operator[](CustomerText field) { return text[static_cast<std::size_t>(field)]; }
};

struct CustomerFilter {
  // LIKE patterns; empty means no condition (api §3).
  std::string username, first_name, last_name, organization, tel, email, web, city, country;
  bool only_resellers = false;
  std::int64_t customer = 0;   // exact id; 0 = any
  std::int64_t reseller = 0;   // 0 = any
};

struct CustomerQuery {
  CustomerFilter filter;
  OrderBy order_by;
  Range range;
};

}  // namespace ngnpro::core
