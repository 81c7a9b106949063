// The Enum port's rules (api §4.4, §8.3, §8.5, §8.13) and what they publish in PowerDNS's tables
// (api §9.1 row 13, schema/015) on a real PostgreSQL.
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "enum_fixture.hpp"

namespace ngnpro::testing {

using core::ErrorCode;
using services::Caller;
using services::Role;

namespace {

const std::string kZone = "5.5.5.0.2.1.3.e164.arpa";           // range 3120555
const std::string kAliceName = "4.3.2.1.5.5.5.0.2.1.3.e164.arpa";  // number 31205551234

std::vector<std::string> numbers_of(const core::Page<core::EnumNumber>& page) {
  std::vector<std::string> out;
  for (const auto& n : page.rows) out.push_back(n.id.number);
  return out;
}

}  // namespace

TEST_CASE_METHOD(EnumFixture, "a range is published as a zone named from its reversed prefix, with SOA and NS",
                 "[pg][enum][pdns]") {
  auto in = range("3120555");
  in.ttl = 7200;
  services.enums.add_range(as_reseller, in);
  const std::string id = value("SELECT id FROM ngnpro.enum_ranges WHERE prefix = '3120555'");
  CHECK(value("SELECT id || ' ' || name || ' ' || type FROM pdns.domains") == id + " " + kZone + " NATIVE");
  const std::string serial = value("SELECT serial FROM ngnpro.enum_ranges");
  CHECK(serial == value("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD') || '00'"));
  CHECK(rows("SELECT type || ' ' || content || ' ' || ttl || ' ' || ngn_src || ' ' || ngn_src_id FROM pdns.records"
             " ORDER BY type, content") ==
        std::vector<std::string>{
            "NS ns1.example.net 7200 enum_range " + id, "NS ns2.example.net 7200 enum_range " + id,
            "SOA ns1.example.net hostmaster." + kZone + " " + serial + " 10800 3600 604800 3600 7200 enum_range " + id});

  const auto page = services.enums.list_ranges(as_reseller, {});
  REQUIRE(page.total == 1);
  const core::EnumRange& r = page.rows.at(0);
  CHECK(r.id.prefix == "3120555");
  CHECK(r.id.tld == "e164.arpa");
  CHECK(r.nameservers == std::vector<std::string>{"ns1.example.net", "ns2.example.net"});
  CHECK(r.owner.customer == reseller);
  CHECK(r.owner.reseller == reseller);
  CHECK(r.used == 0);
  CHECK(std::to_string(r.serial) == serial);
}

TEST_CASE_METHOD(EnumFixture, "a number publishes one NAPTR per mapping exactly as api §9.1 row 13 says",
                 "[pg][enum][pdns]") {
  services.enums.add_range(as_reseller, range("3120555"));
  const std::string before = soa_serial(kZone);
  services.enums.add_number(
      as_reseller, number("31205551234", {mapping("sip", "sip:alice@example.com"),
                                          mapping("mailto", "mailto:alice@example.com", 10, 60),
                                          mapping("npd:tel", "tel:+31205551234;npdi", 20),
                                          mapping("sip", R"(sip:a\b"c@example.com)", 30)}));
  const std::string range_id = value("SELECT id FROM ngnpro.enum_ranges");
  const std::string number_id = value("SELECT id FROM ngnpro.enum_numbers");
  CHECK(rows("SELECT name || '|' || content || '|' || ttl || '|' || prio || '|' || domain_id || '|' || ngn_src_id"
             " FROM pdns.records WHERE ngn_src = 'enum_number' AND type = 'NAPTR' ORDER BY content") ==
        std::vector<std::string>{
            kAliceName + R"(|10 10 "u" "E2U+mailto" "!^.*$!mailto:alice@example.com!" .|60|0|)" + range_id + "|" + number_id,
            kAliceName + R"(|20 10 "u" "E2U+npd+tel" "!^.*$!tel:+31205551234;npdi!" .|3600|0|)" + range_id + "|" + number_id,
            kAliceName + R"(|30 10 "u" "E2U+sip" "!^.*$!sip:a\\b\"c@example.com!" .|3600|0|)" + range_id + "|" + number_id,
            kAliceName + R"(|5 10 "u" "E2U+sip" "!^.*$!sip:alice@example.com!" .|3600|0|)" + range_id + "|" + number_id});
  CHECK(std::stoll(soa_serial(kZone)) == std::stoll(before) + 1);  // once, however many rows

  // Every value comes back byte for byte, in the client's order, with ids and defaults.
  const auto n = services.enums.get_number(as_reseller, {"31205551234", "e164.arpa"});
  REQUIRE(n.mappings.size() == 4);
  CHECK(n.mappings[3].mapto == R"(sip:a\b"c@example.com)");
  CHECK(n.mappings[1].ttl == 60);
  CHECK(n.mappings[0].priority == 5);
  CHECK(n.mappings[0].id > 0);
  CHECK(n.range_owner.reseller == reseller);

  services.enums.delete_number(as_reseller, {"31205551234", "e164.arpa"});
  CHECK(value("SELECT count(*) FROM pdns.records WHERE ngn_src = 'enum_number'") == "0");
  CHECK(error_code_of([&] { services.enums.get_number(as_reseller, {"31205551234", "e164.arpa"}); }) ==
        ErrorCode::kEnumNumberNotFound);
  services.enums.delete_range(as_reseller, {"3120555", "e164.arpa"});
  CHECK(value("SELECT count(*) FROM pdns.domains") == "0");
  CHECK(value("SELECT count(*) FROM pdns.records") == "0");
}

TEST_CASE_METHOD(EnumFixture, "updateNumber replaces the mappings, keeping the ids sent back and no foreign ones",
                 "[pg][enum]") {
  services.enums.add_range(as_reseller, range("3120555"));
  services.enums.add_number(as_reseller, number("31205551234", {mapping("sip", "sip:alice@example.com"),
                                                                 mapping("mailto", "mailto:alice@example.com")}));
  services.enums.add_number(as_reseller, number("31205551235", {mapping("sip", "sip:bob@example.com")}));
  const core::EnumId alice{"31205551234", "e164.arpa"};
  const auto stored = services.enums.get_number(as_reseller, alice).mappings;
  const std::int64_t bobs = services.enums.get_number(as_reseller, {"31205551235", "e164.arpa"}).mappings.at(0).id;

  // The sip mapping sent back with its id, a new one, and one that names bob's mapping.
  auto update = number("31205551234", {stored.at(0), mapping("tel", "tel:+31205551234"),
                                       core::EnumMapping{bobs, "voice", "voice:+31205551234", 7, 600}});
  update.mappings->at(0).priority = 1;
  update.info = "Alice";
  services.enums.update_number(as_reseller, update);
  const auto after = services.enums.get_number(as_reseller, alice);
  REQUIRE(after.mappings.size() == 3);
  CHECK(after.mappings[0].id == stored.at(0).id);
  CHECK(after.mappings[0].priority == 1);
  CHECK(after.mappings[1].id > stored.at(1).id);
  CHECK(after.mappings[2].id != bobs);
  CHECK(after.info == "Alice");
  CHECK(services.enums.get_number(as_reseller, {"31205551235", "e164.arpa"}).mappings.at(0).id == bobs);
  CHECK(value("SELECT count(*) FROM pdns.records WHERE type = 'NAPTR' AND name = '" + kAliceName + "'") == "3");

  // Absent mappings keep the list; the same list sent back publishes nothing new.
  const std::string serial = soa_serial(kZone);
  auto info_only = number("31205551234");
  info_only.mappings.reset();
  info_only.info = "Alice L.";
  services.enums.update_number(as_reseller, info_only);
  auto same = number("31205551234", after.mappings);
  services.enums.update_number(as_reseller, same);
  CHECK(services.enums.get_number(as_reseller, alice).mappings.size() == 3);
  CHECK(soa_serial(kZone) == serial);

  // An empty list removes every NAPTR; the number stays.
  services.enums.update_number(as_reseller, number("31205551234", {}));
  CHECK(value("SELECT count(*) FROM pdns.records WHERE name = '" + kAliceName + "'") == "0");
  CHECK(services.enums.get_number(as_reseller, alice).mappings.empty());
}

TEST_CASE_METHOD(EnumFixture, "each ENUM fault of api §7.3 has its code and writes nothing", "[pg][enum][faults]") {
  auto in = range("3120555");
  in.min_digits = 11;
  in.max_digits = 11;
  in.size = 2;
  services.enums.add_range(as_reseller, in);
  services.enums.add_number(as_reseller, number("31205551234", {mapping("sip", "sip:a@example.com")}));
  auto& svc = services.enums;

  CHECK(error_code_of([&] { svc.add_range(as_reseller, range("3120555")); }) == ErrorCode::kEnumRangeExists);
  CHECK(error_code_of([&] { svc.update_range(as_reseller, range("3120556")); }) == ErrorCode::kEnumRangeNotFound);
  CHECK(error_code_of([&] { svc.delete_range(as_reseller, {"3120556", "e164.arpa"}); }) ==
        ErrorCode::kEnumRangeNotFound);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205551234")); }) == ErrorCode::kEnumNumberExists);
  CHECK(error_code_of([&] { svc.get_number(as_reseller, {"31205559999", "e164.arpa"}); }) ==
        ErrorCode::kEnumNumberNotFound);
  CHECK(error_code_of([&] { svc.delete_number(as_reseller, {"31205559999", "e164.arpa"}); }) ==
        ErrorCode::kEnumNumberNotFound);
  CHECK(error_code_of([&] { svc.update_number(as_reseller, number("31205559999")); }) ==
        ErrorCode::kEnumNumberNotFound);
  // No range holds it, under this tld or at all; too short or too long for the range.
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205661234")); }) ==
        ErrorCode::kEnumNumberOutsideRange);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205551234", {}, "e164.example.net")); }) ==
        ErrorCode::kEnumNumberOutsideRange);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("3120555123")); }) ==
        ErrorCode::kEnumNumberOutsideRange);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("312055512345")); }) ==
        ErrorCode::kEnumNumberOutsideRange);
  // Six mappings, an unknown type, a scheme the type does not take.
  std::vector<core::EnumMapping> six(6, mapping("sip", "sip:a@example.com"));
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205551235", six)); }) ==
        ErrorCode::kEnumMappingInvalid);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205551235", {mapping("fax", "tel:1")})); }) ==
        ErrorCode::kEnumMappingInvalid);
  CHECK(error_code_of([&] {
          svc.update_number(as_reseller, number("31205551234", {mapping("web:http", "sip:a@example.com")}));
        }) == ErrorCode::kEnumMappingInvalid);
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("3120555123x")); }) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] { svc.delete_range(as_reseller, {"3120555", "e164.arpa"}); }) ==
        ErrorCode::kEnumRangeNotEmpty);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_numbers") == "1");
  CHECK(value("SELECT count(*) FROM ngnpro.enum_mappings") == "1");
  CHECK(value("SELECT count(*) FROM pdns.records WHERE ngn_src = 'enum_number'") == "1");

  svc.add_number(as_reseller, number("31205551235"));
  CHECK(error_code_of([&] { svc.add_number(as_reseller, number("31205551236")); }) == ErrorCode::kEnumRangeFull);
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).used == 2);
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(EnumFixture, "range limits are checked: digits, name servers, tld, maxDigits against the prefix",
                 "[pg][enum][faults]") {
  auto& svc = services.enums;
  auto bad = range("3120555");
  bad.min_digits = 12;
  bad.max_digits = 11;
  CHECK(error_code_of([&] { svc.add_range(as_reseller, bad); }) == ErrorCode::kInvalidArgument);
  bad = range("3120555");
  bad.max_digits = 5;
  CHECK(error_code_of([&] { svc.add_range(as_reseller, bad); }) == ErrorCode::kInvalidArgument);
  bad = range("3120555");
  bad.nameservers = std::vector<std::string>{"ns1 .example.net"};
  CHECK(error_code_of([&] { svc.add_range(as_reseller, bad); }) == ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] { svc.add_range(as_reseller, range("3120555", "e164_arpa")); }) ==
        ErrorCode::kInvalidArgument);
  CHECK(error_code_of([&] { svc.add_range(as_reseller, range("3120555x")); }) == ErrorCode::kInvalidArgument);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_ranges") == "0");

  // An empty tld is e164.arpa; an empty name server list is the configured default.
  auto ok = range("3120555", "");
  ok.nameservers = std::vector<std::string>{"NS.Example.ORG."};
  svc.add_range(as_reseller, ok);
  CHECK(value("SELECT tld || ' ' || array_to_string(nameservers, ',') FROM ngnpro.enum_ranges") ==
        "e164.arpa ns.example.org");
  auto reset = range("3120555");
  reset.nameservers = std::vector<std::string>{};
  reset.ttl = 600;
  const std::string serial = soa_serial(kZone);
  svc.update_range(as_reseller, reset);
  CHECK(rows("SELECT type || ' ' || split_part(content, ' ', 1) || ' ' || ttl FROM pdns.records ORDER BY 1") ==
        std::vector<std::string>{"NS ns1.example.net 600", "NS ns2.example.net 600", "SOA ns1.example.net 600"});
  CHECK(std::stoll(soa_serial(kZone)) == std::stoll(serial) + 1);
}

TEST_CASE_METHOD(EnumFixture, "a number goes to the range with the longest prefix of its digits under its tld",
                 "[pg][enum][nested]") {
  services.enums.add_range(kEnumAdmin, range("31205"));
  services.enums.add_range(kEnumAdmin, range("3120555"));
  services.enums.add_range(kEnumAdmin, range("3120555", "e164.example.net"));
  services.enums.add_number(kEnumAdmin, number("31205551234", {mapping("sip", "sip:a@example.com")}));
  services.enums.add_number(kEnumAdmin, number("31205441234", {mapping("sip", "sip:b@example.com")}));
  services.enums.add_number(kEnumAdmin, number("31205551234", {mapping("sip", "sip:c@example.com")}, "e164.example.net"));
  CHECK(rows("SELECT n.number || ' ' || r.prefix || ' ' || r.tld FROM ngnpro.enum_numbers n"
             " JOIN ngnpro.enum_ranges r ON r.id = n.range_id ORDER BY 1") ==
        std::vector<std::string>{"31205441234 31205 e164.arpa", "31205551234 3120555 e164.arpa",
                                 "31205551234 3120555 e164.example.net"});
  CHECK(rows("SELECT d.name || ' ' || r.name FROM pdns.records r JOIN pdns.domains d ON d.id = r.domain_id"
             " WHERE r.type = 'NAPTR' ORDER BY 1") ==
        std::vector<std::string>{"5.0.2.1.3.e164.arpa 4.3.2.1.4.4.5.0.2.1.3.e164.arpa",
                                 "5.5.5.0.2.1.3.e164.arpa 4.3.2.1.5.5.5.0.2.1.3.e164.arpa",
                                 "5.5.5.0.2.1.3.e164.example.net 4.3.2.1.5.5.5.0.2.1.3.e164.example.net"});
}

TEST_CASE_METHOD(EnumFixture, "a range added inside another takes over its numbers, zone, counts and serials",
                 "[pg][enum][nested]") {
  services.enums.add_range(as_reseller, range("31205"));
  services.enums.add_number(as_reseller, number("31205551234", {mapping("sip", "sip:a@example.com")}));
  services.enums.add_number(as_reseller, number("31205441234", {mapping("sip", "sip:b@example.com")}));
  const std::string outer_serial = soa_serial("5.0.2.1.3.e164.arpa");
  services.enums.add_range(as_reseller, range("3120555"));
  const std::string inner = value("SELECT id FROM ngnpro.enum_ranges WHERE prefix = '3120555'");
  CHECK(value("SELECT range_id FROM ngnpro.enum_numbers WHERE number = '31205551234'") == inner);
  CHECK(value("SELECT domain_id FROM pdns.records WHERE name = '" + kAliceName + "'") == inner);
  CHECK(std::stoll(soa_serial("5.0.2.1.3.e164.arpa")) == std::stoll(outer_serial) + 1);
  CHECK(soa_serial(kZone) == std::to_string(std::stoll(value("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD')")) * 100 + 1));
  const auto ranges = services.enums.list_ranges(as_reseller, {});
  REQUIRE(ranges.rows.size() == 2);
  CHECK(ranges.rows[0].used + ranges.rows[1].used == 2);
  CHECK(counts_are_exact());

  // The inner range cannot go while it holds the number; once empty it can, and the outer
  // range gets new numbers of that prefix again.
  CHECK(error_code_of([&] { services.enums.delete_range(as_reseller, {"3120555", "e164.arpa"}); }) ==
        ErrorCode::kEnumRangeNotEmpty);
  services.enums.delete_number(as_reseller, {"31205551234", "e164.arpa"});
  services.enums.delete_range(as_reseller, {"3120555", "e164.arpa"});
  services.enums.add_number(as_reseller, number("31205551234"));
  CHECK(value("SELECT r.prefix FROM ngnpro.enum_numbers n JOIN ngnpro.enum_ranges r ON r.id = n.range_id"
              " WHERE n.number = '31205551234'") == "31205");
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(EnumFixture, "a nested zone is delegated from the zone it nests in, whatever order ranges come in",
                 "[pg][enum][nested][pdns]") {
  // Where each zone's NS records are: "<zone holding them> <NS owner name>".
  const auto delegations = [&] {
    return rows("SELECT d.name || ' ' || r.name FROM pdns.records r JOIN pdns.domains d ON d.id = r.domain_id"
                " WHERE r.type = 'NS' AND r.ngn_src = 'enum_delegation' AND r.content = 'ns1.example.net'"
                " ORDER BY 1");
  };
  services.enums.add_range(kEnumAdmin, range("31"));
  services.enums.add_range(kEnumAdmin, range("3120555"));
  CHECK(delegations() == std::vector<std::string>{"1.3.e164.arpa " + kZone});
  const std::string outer_serial = soa_serial("1.3.e164.arpa");
  services.enums.add_range(kEnumAdmin, range("31205"));  // between the two
  CHECK(delegations() == std::vector<std::string>{"1.3.e164.arpa 5.0.2.1.3.e164.arpa", "5.0.2.1.3.e164.arpa " + kZone});
  CHECK(std::stoll(soa_serial("1.3.e164.arpa")) > std::stoll(outer_serial));
  CHECK(value("SELECT count(*) FROM pdns.records WHERE ngn_src = 'enum_delegation'") == "4");  // two NS each
  services.enums.delete_range(kEnumAdmin, {"31205", "e164.arpa"});
  CHECK(delegations() == std::vector<std::string>{"1.3.e164.arpa " + kZone});
  auto ttl = range("3120555");
  ttl.ttl = 60;
  services.enums.update_range(kEnumAdmin, ttl);
  CHECK(value("SELECT string_agg(DISTINCT ttl::text, ',') FROM pdns.records WHERE ngn_src = 'enum_delegation'") ==
        "60");
  services.enums.delete_range(kEnumAdmin, {"3120555", "e164.arpa"});
  CHECK(delegations().empty());
}

TEST_CASE_METHOD(EnumFixture, "a range whose zone is already served as a DNS zone is 3001, nothing written",
                 "[pg][enum][faults]") {
  execute("INSERT INTO pdns.domains (id, name, type) VALUES (nextval('ngnpro.dns_domain_ids'), '" + kZone +
          "', 'NATIVE')");
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("3120555")); }) ==
        ErrorCode::kEnumRangeExists);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_ranges") == "0");
  // A tld led by a digit would name the same zone as a longer prefix under a shorter tld.
  CHECK(error_code_of([&] { services.enums.add_range(kEnumAdmin, range("2", "1.3.e164.arpa")); }) ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE_METHOD(EnumFixture, "the database refuses a number outside its longest range and a range rename",
                 "[pg][enum][nested]") {
  services.enums.add_range(kEnumAdmin, range("31205"));
  services.enums.add_range(kEnumAdmin, range("3120555"));
  const std::string outer = value("SELECT id FROM ngnpro.enum_ranges WHERE prefix = '31205'");
  CHECK_THROWS_AS(execute("INSERT INTO ngnpro.enum_numbers (range_id, tld, number) VALUES (" + outer +
                          ", 'e164.arpa', '31205551234')"),
                  pqxx::sql_error);
  CHECK_THROWS_AS(execute("UPDATE ngnpro.enum_ranges SET prefix = '3120556' WHERE prefix = '3120555'"),
                  pqxx::sql_error);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_numbers") == "0");
}

TEST_CASE_METHOD(EnumFixture, "only the admin allocates a bare country code or nests in a range it cannot see",
                 "[pg][enum][ownership]") {
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("31")); }) == ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("3")); }) == ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("2801")); }) == ErrorCode::kPermissionDenied);
  services.enums.add_range(kEnumAdmin, range("31"));
  // Another reseller's numbers are not to be carved out of the admin's range (nor its future ones).
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("3120555")); }) ==
        ErrorCode::kPermissionDenied);
  auto mine = range("3120555");
  mine.reseller = reseller;
  services.enums.add_range(kEnumAdmin, mine);
  services.enums.add_range(as_reseller, range("31205551"));  // nested in its own
  CHECK(value("SELECT count(*) FROM ngnpro.enum_ranges") == "3");
}

TEST_CASE_METHOD(EnumFixture, "numbers inherit their range's owner; others see nothing and may change nothing",
                 "[pg][enum][ownership]") {
  const std::int64_t customer = add_customer("customer", reseller);
  const Caller as_customer{Role::kCustomer, "customer", customer, reseller, 0};
  const std::int64_t other = add_customer("other", 0);
  const Caller as_other{Role::kReseller, "other", other, other, 0};

  auto in = range("3120555");
  in.customer = customer;
  services.enums.add_range(as_reseller, in);
  services.enums.add_range(as_reseller, range("3120666"));
  auto theirs = number("31205551234", {mapping("sip", "sip:a@example.com")});
  theirs.owner = customer;
  services.enums.add_number(as_customer, theirs);
  services.enums.add_number(as_reseller, number("31206661234"));

  const auto n = services.enums.get_number(as_customer, {"31205551234", "e164.arpa"});
  CHECK(n.range_owner.customer == customer);
  CHECK(n.range_owner.reseller == reseller);
  CHECK(n.owner == customer);
  CHECK(services.enums.list_numbers(as_customer, {}).total == 1);
  CHECK(services.enums.list_ranges(as_customer, {}).total == 1);
  CHECK(services.enums.list_numbers(as_reseller, {}).total == 2);
  CHECK(services.enums.list_numbers(as_other, {}).total == 0);
  CHECK(services.enums.list_ranges(as_other, {}).total == 0);
  CHECK(error_code_of([&] { services.enums.get_number(as_other, {"31205551234", "e164.arpa"}); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.delete_number(as_customer, {"31206661234", "e164.arpa"}); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.add_number(as_customer, number("31206661235")); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.update_range(as_other, range("3120555")); }) ==
        ErrorCode::kPermissionDenied);
  CHECK(error_code_of([&] { services.enums.delete_range(as_other, {"3120666", "e164.arpa"}); }) ==
        ErrorCode::kPermissionDenied);
  auto foreign_owner = number("31205551234");
  foreign_owner.mappings.reset();
  foreign_owner.owner = other;
  CHECK(error_code_of([&] { services.enums.update_number(as_customer, foreign_owner); }) ==
        ErrorCode::kInvalidArgument);
  // A customer's own range stays its own, whatever customer it sends.
  auto grab = range("3120555");
  grab.customer = reseller;
  services.enums.update_range(as_customer, grab);
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).owner.customer == customer);

  // The reseller moves the range to itself: its number follows, with the counts.
  auto move = range("3120555");
  move.customer = reseller;
  services.enums.update_range(as_reseller, move);
  CHECK(services.enums.list_numbers(as_customer, {}).total == 0);
  CHECK(services.enums.get_number(as_reseller, {"31205551234", "e164.arpa"}).range_owner.customer == reseller);
  CHECK(counts_are_exact());

  // An inactive reseller adds nothing (8004).
  execute("UPDATE ngnpro.customers SET reseller_active = false WHERE id = " + std::to_string(reseller));
  CHECK(error_code_of([&] { services.enums.add_number(as_reseller, number("31206661235")); }) ==
        ErrorCode::kResellerInactive);
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("3120777")); }) ==
        ErrorCode::kResellerInactive);
}

TEST_CASE_METHOD(EnumFixture, "enum_range_credit and enum_number_credit cap the reseller and its customer",
                 "[pg][enum][credits]") {
  const std::int64_t customer = add_customer("customer", reseller, {{"enum_number_credit", "1"}});
  const Caller as_customer{Role::kCustomer, "customer", customer, reseller, 0};
  services.enums.add_range(as_reseller, range("3120111"));
  services.enums.add_range(as_reseller, range("3120222"));
  auto customers = range("3120333");
  customers.customer = customer;
  services.enums.add_range(as_reseller, customers);
  CHECK(error_code_of([&] { services.enums.add_range(as_reseller, range("3120444")); }) ==
        ErrorCode::kCreditExceeded);

  services.enums.add_number(as_customer, number("31203331234"));
  CHECK(error_code_of([&] { services.enums.add_number(as_customer, number("31203331235")); }) ==
        ErrorCode::kCreditExceeded);
  services.enums.add_number(as_reseller, number("31201111234"));
  services.enums.add_number(as_reseller, number("31202221234"));
  CHECK(error_code_of([&] { services.enums.add_number(as_reseller, number("31202221235")); }) ==
        ErrorCode::kCreditExceeded);
  // The plain admin is not bound; an admin impersonating the reseller is.
  services.enums.add_number(kEnumAdmin, number("31202221235"));
  const Caller impersonating{Role::kReseller, "admin", reseller, reseller, reseller};
  CHECK(error_code_of([&] { services.enums.add_number(impersonating, number("31202221236")); }) ==
        ErrorCode::kCreditExceeded);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_numbers") == "4");
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(EnumFixture, "racing adds never oversell the last number credit nor a range's size",
                 "[pg][enum][credits][race]") {
  auto in = range("3120555");
  in.size = 5;  // above the credit: the credit is what stops them
  services.enums.add_range(as_reseller, in);
  services.enums.add_number(as_reseller, number("31205550000"));
  services.enums.add_number(as_reseller, number("31205550001"));
  constexpr int kWriters = 8;
  std::atomic<int> created{0}, refused{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      const auto code = error_code_of([&] {
        services.enums.add_number(as_reseller,
                                  number("3120555100" + std::to_string(i), {mapping("sip", "sip:x@example.com")}));
      });
      (code ? refused : created)++;
      if (code) CHECK(*code == ErrorCode::kCreditExceeded);
    });
  for (auto& t : writers) t.join();
  CHECK(created == 1);
  CHECK(refused == kWriters - 1);
  CHECK(value("SELECT count(*) FROM ngnpro.enum_numbers") == "3");
  CHECK(value("SELECT count(*) FROM pdns.records WHERE ngn_src = 'enum_number'") == "1");

  // Without credits, a range's size is what stops them.
  execute("DELETE FROM ngnpro.customer_properties WHERE name = 'enum_number_credit'");
  std::vector<std::thread> more;
  std::atomic<int> added{0}, full{0};
  for (int i = 0; i < kWriters; ++i)
    more.emplace_back([&, i] {
      const auto code =
          error_code_of([&] { services.enums.add_number(as_reseller, number("3120555200" + std::to_string(i))); });
      (code ? full : added)++;
      if (code) CHECK(*code == ErrorCode::kEnumRangeFull);
    });
  for (auto& t : more) t.join();
  CHECK(added == 2);
  CHECK(full == kWriters - 2);
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).used == 5);
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(EnumFixture, "getNumbers filters by number, type, mapto substring and owner, pages and orders",
                 "[pg][enum][lists]") {
  services.enums.add_range(as_reseller, range("3120555"));
  for (int i = 0; i < 5; ++i) {
    auto n = number("3120555123" + std::to_string(i),
                    {mapping(i % 2 ? "mailto" : "sip", std::string(i % 2 ? "mailto:" : "sip:") + "user" +
                                                           std::to_string(i) + "@example.com")});
    n.owner = i < 2 ? reseller : 0;
    services.enums.add_number(kEnumAdmin, n);  // more than the reseller's credit
  }
  core::EnumNumberQuery q;
  q.mapto = "user3@example";
  CHECK(numbers_of(services.enums.list_numbers(as_reseller, q)) == std::vector<std::string>{"31205551233"});
  q = {};
  q.type = "sip";
  q.order_by = {"number", true};
  CHECK(numbers_of(services.enums.list_numbers(as_reseller, q)) ==
        std::vector<std::string>{"31205551234", "31205551232", "31205551230"});
  q.mapto = "user1";  // a sip mapping to user1 there is not: type and mapto hold for one mapping
  CHECK(services.enums.list_numbers(as_reseller, q).total == 0);
  q = {};
  q.owner = reseller;
  CHECK(services.enums.list_numbers(as_reseller, q).total == 2);
  q = {};
  q.number = "3120555123%";
  q.range = {1, 2};
  const auto page = services.enums.list_numbers(as_reseller, q);
  CHECK(page.total == 5);
  CHECK(numbers_of(page) == std::vector<std::string>{"31205551231", "31205551232"});
  q = {};
  q.number = "31205551233";
  CHECK(services.enums.list_numbers(as_reseller, q).total == 1);
  core::EnumRangeQuery rq;
  rq.prefix = "3120%";
  rq.tld = "e164.arpa";
  CHECK(services.enums.list_ranges(as_reseller, rq).total == 1);
  rq.info = "nothing";
  CHECK(services.enums.list_ranges(as_reseller, rq).total == 0);
}

TEST_CASE_METHOD(EnumFixture, "deleting a SIP domain keeps the counts of a range with the same id",
                 "[pg][enum][counts]") {
  services.enums.add_range(as_reseller, range("3120555"));
  services.enums.add_number(as_reseller, number("31205551234"));
  const std::string id = value("SELECT id FROM ngnpro.enum_ranges");
  execute("INSERT INTO ngnpro.sip_domains (id, domain) VALUES (" + id + ", 'same-id.example')");
  services.sip.delete_domain(kEnumAdmin, "same-id.example");
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).used == 1);
  services.enums.delete_number(as_reseller, {"31205551234", "e164.arpa"});
  CHECK(counts_are_exact());
}

TEST_CASE_METHOD(EnumFixture, "recount_records() rebuilds the ENUM counts with the others, and writes go on",
                 "[pg][enum][counts]") {
  services.enums.add_range(as_reseller, range("3120555"));
  services.enums.add_number(as_reseller, number("31205551234"));
  services.enums.add_number(as_reseller, number("31205551235"));
  execute("UPDATE ngnpro.record_counts SET n = 7 WHERE kind = 'enum_number'");
  execute("SELECT ngnpro.recount_records()");
  CHECK(counts_are_exact());
  CHECK(value("SELECT count(*) FROM (SELECT kind, level, holder_id, n FROM ngnpro.record_counts_v EXCEPT "
              "SELECT kind, level, holder_id, n FROM ngnpro.record_counts) missing") == "0");
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).used == 2);
  services.enums.delete_number(as_reseller, {"31205551234", "e164.arpa"});
  CHECK(services.enums.list_ranges(as_reseller, {}).rows.at(0).used == 1);
}

}  // namespace ngnpro::testing
