#include "ngnpro/storage/customers.hpp"

#include <array>
#include <map>

#include "ngnpro/core/error.hpp"
#include "statement.hpp"
#include "sql_builder.hpp"

namespace ngnpro::storage {

namespace {

using core::CustomerText;
using core::Error;
using core::ErrorCode;

// Column of each core::CustomerText field, in enum order.
constexpr std::array<const char*, core::kCustomerTextCount> kTextColumns = {
    "username", "first_name", "last_name", "organization", "vat_number", "email", "web", "tel", "fax",
    "mobile", "sip", "enum_number", "address", "postcode", "city", "state", "country", "timezone",
    "language", "bank_account", "billing_address", "billing_email", "company_code"};

std::string text_columns(const char* prefix) {
  std::string out;
  for (const char* column : kTextColumns) out += std::string(", ") + prefix + column;
  return out;
}

// Columns read into a core::Customer, in the order customer_from_row() expects.
const std::string& customer_select_list() {
  static const std::string list =
      "c.id, c.reseller_id, c.impersonate, c.balance, c.credit, c.reseller_active,"
      " to_char(c.change_date, 'YYYY-MM-DD HH24:MI:SS') AS change_date" +
      text_columns("c.");
  return list;
}

core::Customer customer_from_row(const pqxx::row& row) {
  core::Customer c;
  c.id = row[0].as<std::int64_t>();
  c.reseller = row[1].as<std::int64_t>();
  c.impersonate = row[2].as<std::int64_t>();
  c.balance = row[3].as<double>();
  c.credit = row[4].as<double>();
  c.reseller_active = row[5].as<bool>();
  c.change_date = row[6].as<std::string>();
  for (std::size_t i = 0; i < core::kCustomerTextCount; ++i) c.text[i] = row[static_cast<int>(7 + i)].as<std::string>();
  return c;
}

CustomerIdentity identity_from_row(const pqxx::row& row) {
  return CustomerIdentity{row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), row[2].as<std::int64_t>(),
                          row[3].as<bool>(), row[4].as<std::string>(), row[5].as<std::string>()};
}

#define NGNPRO_IDENTITY_COLUMNS "id, reseller_id, impersonate, reseller_active, username, password_hash"

const Statement kFindIdentity{"customer_identity",
                                  "SELECT " NGNPRO_IDENTITY_COLUMNS " FROM ngnpro.customers WHERE id = $1"};
const Statement kFindLogin{"customer_login", "SELECT " NGNPRO_IDENTITY_COLUMNS
                                                 " FROM ngnpro.customers WHERE username = $1 AND username <> ''"};
const Statement kLockIdentity{"customer_lock", "SELECT " NGNPRO_IDENTITY_COLUMNS
                                                   " FROM ngnpro.customers WHERE id = $1 FOR UPDATE"};
const Statement kProperties{"customer_properties",
                                "SELECT name, value, category, permission FROM ngnpro.customer_properties"
                                " WHERE customer_id = $1 ORDER BY name"};
const Statement kUpsertProperty{
    "customer_property_upsert",
    "INSERT INTO ngnpro.customer_properties (customer_id, name, value, category, permission)"
    " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (customer_id, name) DO UPDATE"
    " SET value = EXCLUDED.value, category = EXCLUDED.category, permission = EXCLUDED.permission"};
const Statement kDeleteProperty{"customer_property_delete",
                                    "DELETE FROM ngnpro.customer_properties WHERE customer_id = $1 AND name = $2"};
const Statement kTouch{"customer_touch",
                           "UPDATE ngnpro.customers SET change_date = now(), changed_by = $2, changed_as = $3"
                           " WHERE id = $1"};
const Statement kHasSubCustomers{"customer_has_sub_customers",
                                     "SELECT EXISTS (SELECT 1 FROM ngnpro.customers"
                                     " WHERE reseller_id = $1 AND id <> $1)"};
const Statement kDelete{"customer_delete", "DELETE FROM ngnpro.customers WHERE id = $1"};
const Statement kNextId{"customer_next_id", "SELECT nextval('ngnpro.customer_id_seq')"};
// An explicit id from an import must never be handed out again by the sequence.
const Statement kAdvanceSequence{"customer_advance_sequence",
                                     "SELECT setval('ngnpro.customer_id_seq',"
                                     " GREATEST($1, (SELECT last_value FROM ngnpro.customer_id_seq)))"};

std::optional<CustomerIdentity> one_identity(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return identity_from_row(r[0]);
}

std::vector<core::CustomerProperty> properties_from(const pqxx::result& r) {
  std::vector<core::CustomerProperty> out;
  out.reserve(r.size());
  for (const auto& row : r)
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   core::parse_permission(row[3].as<std::string>())});
  return out;
}

// orderBy attributes of api §3 for customers; anything else sorts by id.
const char* order_column(const std::string& attribute) {
  static const std::map<std::string, const char*> kColumns = {
      {"changeDate", "c.change_date"}, {"username", "c.username"},   {"firstName", "c.first_name"},
      {"lastName", "c.last_name"},     {"organization", "c.organization"}, {"customer", "c.id"},
      {"id", "c.id"},                  {"reseller", "c.reseller_id"}};
  const auto it = kColumns.find(attribute);
  return it == kColumns.end() ? "c.id" : it->second;
}

}  // namespace

std::optional<CustomerIdentity> find_customer_identity(Tx& tx, std::int64_t id) {
  return one_identity(exec(tx, kFindIdentity, id));
}

std::optional<CustomerIdentity> find_customer_login(Tx& tx, const std::string& username) {
  return one_identity(exec(tx, kFindLogin, username));
}

std::optional<CustomerIdentity> lock_customer(Tx& tx, std::int64_t id) {
  return one_identity(exec(tx, kLockIdentity, id));
}

std::optional<core::Customer> find_customer(Tx& tx, std::int64_t id) {
  // One statement for the customer and its properties: a get costs one round trip.
  static const Statement kFind{"customer_find",
                               "SELECT " + customer_select_list() +
                                   ", p.name, p.value, p.category, p.permission FROM ngnpro.customers c"
                                   " LEFT JOIN ngnpro.customer_properties p ON p.customer_id = c.id"
                                   " WHERE c.id = $1 ORDER BY p.name"};
  const pqxx::result r = exec(tx, kFind, id);
  if (r.empty()) return std::nullopt;
  core::Customer customer = customer_from_row(r[0]);
  constexpr int kFirst = 7 + static_cast<int>(core::kCustomerTextCount);  // the property columns
  for (const auto& row : r)
    if (!row[kFirst].is_null())
      customer.properties.push_back({row[kFirst].as<std::string>(), row[kFirst + 1].as<std::string>(),
                                     row[kFirst + 2].as<std::string>(),
                                     core::parse_permission(row[kFirst + 3].as<std::string>())});
  return customer;
}

core::Page<core::Customer> list_customers(Tx& tx, const core::CustomerQuery& query,
                                          const Scope& scope) {
  const core::CustomerFilter& f = query.filter;
  SqlBuilder where;
  where.like("c.username", f.username);
  where.like("c.first_name", f.first_name);
  where.like("c.last_name", f.last_name);
  where.like("c.organization", f.organization);
  where.like("c.tel", f.tel);
  where.like("c.email", f.email);
  where.like("c.web", f.web);
  where.like("c.city", f.city);
  where.like("c.country", f.country);
  if (f.only_resellers) where.condition("c.id = c.reseller_id");
  if (f.customer != 0) where.equals("c.id", f.customer);
  if (f.reseller != 0) where.equals("c.reseller_id", f.reseller);
  if (scope.reseller) where.equals("c.reseller_id", *scope.reseller);
  if (scope.customer) where.equals("c.id", *scope.customer);

  core::Page<core::Customer> page;
  page.total = where.count(tx, "ngnpro.customers c");
  const pqxx::result rows =
      where.select(tx, customer_select_list(), "ngnpro.customers c", order_column(query.order_by.attribute),
                   query.order_by.descending, "c.id", query.range);
  if (rows.empty()) return page;

  std::map<std::int64_t, std::size_t> index;
  std::string ids = "{";
  for (const auto& row : rows) {
    page.rows.push_back(customer_from_row(row));
    index[page.rows.back().id] = page.rows.size() - 1;
    ids += (ids.size() > 1 ? "," : "") + std::to_string(page.rows.back().id);
  }
  ids += "}";
  static const Statement kPageProperties{
      "customer_page_properties",
      "SELECT customer_id, name, value, category, permission FROM ngnpro.customer_properties"
      " WHERE customer_id = ANY($1::bigint[]) ORDER BY customer_id, name"};
  for (const auto& row : exec(tx, kPageProperties, ids))
    page.rows[index.at(row[0].as<std::int64_t>())].properties.push_back(
        {row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>(),
         core::parse_permission(row[4].as<std::string>())});
  return page;
}

std::int64_t insert_customer(Tx& tx, const core::Customer& customer,
                             const std::string& password_hash, const Audit& audit) {
  std::int64_t id = customer.id;
  if (id == 0) {
    id = exec(tx, kNextId)[0][0].as<std::int64_t>();
  } else {
    exec(tx, kAdvanceSequence, id);
  }
  // A new reseller (reseller 0) references itself.
  const std::int64_t reseller = customer.reseller == 0 ? id : customer.reseller;

  static const Statement kInsert{
      "customer_insert", [] {
        std::string columns = "id, reseller_id, impersonate, password_hash, balance, credit, reseller_active,"
                              " changed_by, changed_as";
        std::string values = "$1, $2, $3, $4, $5, $6, $7, $8, $9";
        for (std::size_t i = 0; i < core::kCustomerTextCount; ++i) {
          columns += std::string(", ") + kTextColumns[i];
          values += ", $" + std::to_string(10 + i);
        }
        // DO NOTHING instead of an error: a taken id or username leaves the transaction usable.
        return "INSERT INTO ngnpro.customers (" + columns + ") VALUES (" + values +
               ") ON CONFLICT DO NOTHING RETURNING id";
      }()};
  const auto& t = customer.text;
  const pqxx::result inserted =
      exec(tx, kInsert, id, reseller, customer.impersonate, password_hash, customer.balance, customer.credit,
           customer.reseller_active, audit.login, audit.acting_as, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7],
           t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22]);
  if (inserted.empty()) {
    if (customer.id != 0 && find_customer_identity(tx, customer.id))
      throw Error{ErrorCode::kCustomerExists, "customer " + std::to_string(customer.id) + " already exists"};
    throw Error{ErrorCode::kCustomerExists, "customer " + customer[CustomerText::kUsername] + " already exists"};
  }
  return id;
}

void update_customer(Tx& tx, const core::Customer& customer,
                     const std::optional<std::string>& password_hash, const Audit& audit) {
  static const Statement kUpdate{
      "customer_update", [] {
        std::string set = "reseller_id = $2, impersonate = $3, password_hash = COALESCE($4, password_hash),"
                          " balance = $5, credit = $6, reseller_active = $7, changed_by = $8, changed_as = $9,"
                          " change_date = now()";
        for (std::size_t i = 0; i < core::kCustomerTextCount; ++i)
          set += std::string(", ") + kTextColumns[i] + " = $" + std::to_string(10 + i);
        return "UPDATE ngnpro.customers SET " + set + " WHERE id = $1";
      }()};
  try {
    pqxx::subtransaction sub{tx.transaction(), "update_customer"};
    Tx sub_tx{sub};
    const auto& t = customer.text;
    exec(sub_tx, kUpdate, customer.id, customer.reseller, customer.impersonate, password_hash, customer.balance,
         customer.credit, customer.reseller_active, audit.login, audit.acting_as, t[0], t[1], t[2], t[3], t[4],
         t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19],
         t[20], t[21], t[22]);
    sub.commit();
  } catch (const pqxx::unique_violation&) {
    throw Error{ErrorCode::kCustomerExists, "customer " + customer[CustomerText::kUsername] + " already exists"};
  } catch (const pqxx::foreign_key_violation&) {
    throw Error{ErrorCode::kInvalidArgument, "reseller " + std::to_string(customer.reseller) + " does not exist"};
  }
}

void delete_customer(Tx& tx, std::int64_t id) {
  try {
    pqxx::subtransaction sub{tx.transaction(), "delete_customer"};
    Tx sub_tx{sub};
    exec(sub_tx, kDelete, id);
    sub.commit();
  } catch (const pqxx::foreign_key_violation&) {
    // Sub-customers, and later SIP domains, zones and ranges, reference customers by foreign key.
    throw Error{ErrorCode::kCustomerReferenced,
                "customer " + std::to_string(id) + " is still referenced by other records"};
  }
}

bool has_sub_customers(Tx& tx, std::int64_t reseller) {
  return exec(tx, kHasSubCustomers, reseller)[0][0].as<bool>();
}

std::vector<core::CustomerProperty> customer_properties(Tx& tx, std::int64_t id) {
  return properties_from(exec(tx, kProperties, id));
}

void upsert_customer_property(Tx& tx, std::int64_t customer_id,
                              const core::CustomerProperty& property) {
  exec(tx, kUpsertProperty, customer_id, property.name, property.value, property.category,
       std::string(core::to_string(property.permission)));
}

void delete_customer_property(Tx& tx, std::int64_t customer_id, const std::string& name) {
  exec(tx, kDeleteProperty, customer_id, name);
}

void touch_customer(Tx& tx, std::int64_t id, const Audit& audit) {
  exec(tx, kTouch, id, audit.login, audit.acting_as);
}

}  // namespace ngnpro::storage
