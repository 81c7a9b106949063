// What the Dns port accepts and what PowerDNS is then given (api §8.14, §9.1 Q7/Q8,
// SCHEMA-MAPPING §4).
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "dns_validation.hpp"
#include "ngnpro/core/error.hpp"

using ngnpro::core::Error;
using ngnpro::core::ErrorCode;
using namespace ngnpro::services;

namespace {

const std::string kZone = "example.com";

template <class F>
std::optional<ErrorCode> code_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return std::nullopt;
}

std::string content(const std::string& type, const std::string& value, const std::string& name = "www") {
  return check_record(kZone, name, type, value).content;
}

std::optional<ErrorCode> record_fault(const std::string& type, const std::string& value,
                                      const std::string& name = "www") {
  return code_of([&] { check_record(kZone, name, type, value); });
}

}  // namespace

TEST_CASE("record names are relative to the zone unless they end with it or with a dot") {
  CHECK(record_name(kZone, "") == "example.com");
  CHECK(record_name(kZone, "@") == "example.com");
  CHECK(record_name(kZone, "WWW") == "www.example.com");
  CHECK(record_name(kZone, "www.example.com") == "www.example.com");
  CHECK(record_name(kZone, "www.example.com.") == "www.example.com");
  CHECK(record_name(kZone, "_sip._udp") == "_sip._udp.example.com");
  CHECK(record_name(kZone, "*.dev") == "*.dev.example.com");
  CHECK(record_name(kZone, "www.other.net") == "www.other.net.example.com");
  CHECK(code_of([] { record_name(kZone, "www.other.net."); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { record_name(kZone, "bad name"); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { record_name(kZone, std::string(250, 'a')); }) == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("host names in values are qualified as api 9.1 Q8 says") {
  CHECK(qualify_target(kZone, "mail", "t") == "mail.example.com");
  CHECK(qualify_target(kZone, "_sip._tcp", "t") == "_sip._tcp.example.com");
  CHECK(qualify_target(kZone, "mail.example.com", "t") == "mail.example.com");
  CHECK(qualify_target(kZone, "mx.provider.net", "t") == "mx.provider.net");
  CHECK(qualify_target(kZone, "mail.", "t") == "mail");
  CHECK(qualify_target(kZone, "Mail.Provider.NET.", "t") == "mail.provider.net");
  CHECK(code_of([] { qualify_target(kZone, "a b", "t"); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { qualify_target(kZone, "*.x", "t"); }) == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("addresses are checked and served in canonical form") {
  CHECK(content("A", "192.0.2.80") == "192.0.2.80");
  CHECK(content("AAAA", "2001:DB8:0:0::1") == "2001:db8::1");
  for (const char* bad : {"192.0.2", "192.0.2.256", " 192.0.2.1", "2001:db8::1", "example.com", ""}) {
    INFO(bad);
    CHECK(record_fault("A", bad) == ErrorCode::kDnsRecordInvalid);
  }
  CHECK(record_fault("AAAA", "192.0.2.1") == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("CNAME, NS, PTR and MX targets lose the final dot and gain the zone when relative") {
  CHECK(content("CNAME", "www2") == "www2.example.com");
  CHECK(content("CNAME", "_dkim.provider.net.") == "_dkim.provider.net");
  CHECK(content("MX", "mail", "") == "mail.example.com");
  CHECK(content("NS", "ns1.provider.net.", "sub") == "ns1.provider.net");
  CHECK(content("PTR", "host.example.com.") == "host.example.com");
  CHECK(record_fault("MX", "_mail", "") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("MX", "", "") == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("a CNAME or an NS record at the apex is refused") {
  CHECK(record_fault("CNAME", "www", "") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("CNAME", "www", "example.com.") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("NS", "ns1.example.net", "@") == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("SRV values are weight port target within 0-65535, the target qualified") {
  CHECK(content("SRV", "0 5060 sip", "_sip._udp") == "0 5060 sip.example.com");
  CHECK(content("SRV", "100  5061 sip.provider.net.", "_sips._tcp") == "100 5061 sip.provider.net");
  for (const char* bad : {"10 0 5060 sip", "0 65536 sip", "-1 5060 sip", "0 5060", "a 5060 sip", "0 5060 s p"}) {
    INFO(bad);
    CHECK(record_fault("SRV", bad, "_sip._udp") == ErrorCode::kDnsRecordInvalid);
  }
}

TEST_CASE("TXT plain text is quoted, escaped and cut into 255-byte strings") {
  CHECK(content("TXT", "v=spf1 -all") == R"("v=spf1 -all")");
  CHECK(content("TXT", R"(say "hi" \o/)") == R"("say \"hi\" \\o/")");
  CHECK(content("TXT", "") == R"("")");
  CHECK(content("TXT", "caf\xc3\xa9\n") == R"("caf\195\169\010")");
  const std::string long_text(300, 'x');
  CHECK(content("TXT", long_text) == "\"" + std::string(255, 'x') + "\" \"" + std::string(45, 'x') + "\"");
  // A UTF-8 character is not split across two strings.
  const std::string accents = std::string(254, 'a') + "\xc3\xa9";
  CHECK(content("TXT", accents) == "\"" + std::string(254, 'a') + "\" \"\\195\\169\"");
}

TEST_CASE("TXT in presentation form keeps its strings, each at most 255 bytes") {
  CHECK(content("TXT", R"("v=DKIM1; k=rsa" "p=MIGf")") == R"("v=DKIM1; k=rsa" "p=MIGf")");
  CHECK(content("TXT", R"("a\"b" "\065")") == R"("a\"b" "A")");
  CHECK(record_fault("TXT", "\"" + std::string(256, 'x') + "\"") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("TXT", R"("open)") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("TXT", R"("a" b)") == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("NAPTR values keep order and preference, qualify the replacement and double backslashes") {
  CHECK(content("NAPTR", R"(10 100 "s" "SIP+D2T" "" _sip._tcp)", "") ==
        R"(10 100 "s" "SIP+D2T" "" _sip._tcp.example.com)");
  CHECK(content("NAPTR", R"(100 10 "u" "E2U+sip" "!^\+31(.*)$!sip:\1@example.com!" .)", "") ==
        R"(100 10 "u" "E2U+sip" "!^\\+31(.*)$!sip:\\1@example.com!" .)");
  for (const char* bad : {R"(10 100 "s" "SIP+D2T" "" .)", R"(10 100 "u" "E2U+sip" "!^.*$!sip:a@b!" _sip._tcp)",
                          R"(10 100 "s!" "SIP+D2T" "" _sip._tcp)", R"(10 100 "u" "E2U+sip" "!^.*$!sip:a@b" .)",
                          R"(65536 100 "s" "SIP+D2T" "" _sip._tcp)", R"(10 100 s "SIP+D2T" "" _sip._tcp)",
                          R"(10 100 "s" "SIP+D2T" "" _sip._tcp extra)", R"(10 "s" "SIP+D2T" "" _sip._tcp)"}) {
    INFO(bad);
    CHECK(record_fault("NAPTR", bad, "") == ErrorCode::kDnsRecordInvalid);
  }
}

TEST_CASE("LOC values follow RFC 1876 and are served as PowerDNS prints them") {
  CHECK(content("LOC", "52 22 23.000 N  4 53 32.000 E -2.00m 0.00m 10000m 10m") ==
        "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m");
  CHECK(content("LOC", "42 S 73 W 0") == "42 0 0.000 S 73 0 0.000 W 0.00m 1.00m 10000.00m 10.00m");
  CHECK(content("LOC", "51 59 N 5 55 E 123.45m 150m") == "51 59 0.000 N 5 55 0.000 E 123.45m 100.00m 10000.00m 10.00m");
  for (const char* bad : {"91 N 5 E 0", "90 1 N 5 E 0", "52 60 N 5 E 0", "52 N 181 E 0", "52 X 5 E 0",
                          "52 N 5 E", "52 N 5 E 0 1 2 3 4", "52 N 5 E 0.001", "52 22 23.0001 N 5 E 0",
                          "52 N 5 E 42849673", "52 N 5 E 21374837"}) {
    INFO(bad);
    CHECK(record_fault("LOC", bad) == ErrorCode::kDnsRecordInvalid);
  }
}

TEST_CASE("unknown types, SOA and control characters are refused") {
  CHECK(record_fault("SOA", "x") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("CAA", "0 issue \"ca\"") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("a", "192.0.2.1") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("CNAME", "www\n") == ErrorCode::kDnsRecordInvalid);
  CHECK(record_fault("TXT", std::string(5000, 'x')) == ErrorCode::kInvalidArgument);
}

TEST_CASE("zone names, contacts, name servers and timers are checked with fault 8003") {
  CHECK(require_zone_name("Example.COM.") == "example.com");
  for (const char* bad : {"com", "", "exa mple.com", "_x.example.com", "*.example.com"}) {
    INFO(bad);
    CHECK(code_of([&] { require_zone_name(bad); }) == ErrorCode::kInvalidArgument);
  }
  require_zone_email("host.master@example.com");
  for (const char* bad : {"hostmaster", "a@b@example.com", "a b@example.com", ".a@example.com", "a@example.com.",
                          "a\\b@example.com", "a;b@example.com", "@example.com"}) {
    INFO(bad);
    CHECK(code_of([&] { require_zone_email(bad); }) == ErrorCode::kInvalidArgument);
  }
  CHECK(require_nameservers({"NS1.example.com.", "ns1.example.com", "ns2.example.net"}) ==
        std::vector<std::string>{"ns1.example.com", "ns2.example.net"});
  CHECK(code_of([] { require_nameservers({"ns_1.example.com"}); }) == ErrorCode::kInvalidArgument);
  CHECK(code_of([] { require_nameservers(std::vector<std::string>(17, "ns.example.com")); }) ==
        ErrorCode::kInvalidArgument);
  CHECK(code_of([] { require_zone_timers({3600, -1, 3600, 604800, 3600}); }) == ErrorCode::kInvalidArgument);
  CHECK(code_of([] { require_priority(65536); }) == ErrorCode::kInvalidArgument);
}

TEST_CASE("MBOXFW names are local@zone, lower-cased, the zone added when missing") {
  CHECK(fancy_record_name(kZone, "MBOXFW", "Info") == "info@example.com");
  CHECK(fancy_record_name(kZone, "MBOXFW", "info@Example.com") == "info@example.com");
  CHECK(fancy_record_name(kZone, "MBOXFW", "") == "@example.com");
  CHECK(fancy_record_name(kZone, "URL", "old") == "old.example.com");
  CHECK(code_of([] { fancy_record_name(kZone, "MBOXFW", "info@other.net"); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { fancy_record_name(kZone, "MBOXFW", "a..b"); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { fancy_record_name(kZone, "MBOXFW", "a b"); }) == ErrorCode::kDnsRecordInvalid);
  CHECK(code_of([] { fancy_record_name(kZone, "A", "www"); }) == ErrorCode::kDnsRecordInvalid);
}

TEST_CASE("fancy values: MBOXFW takes e-mail addresses, URL an http or https URL") {
  check_fancy_value("MBOXFW", "carla@example.net");
  check_fancy_value("MBOXFW", "a@example.net, b.c+d@example.org");
  check_fancy_value("URL", "https://www.example.net/path?q=1");
  check_fancy_value("URL", "HTTP://example.net");
  for (const char* bad : {"carla", "carla@", "a@example.net,", "a@b c.net", "a@example.net b@example.net"}) {
    INFO(bad);
    CHECK(code_of([&] { check_fancy_value("MBOXFW", bad); }) == ErrorCode::kDnsRecordInvalid);
  }
  for (const char* bad : {"www.example.net", "ftp://example.net", "https://", "https://a b", "https://a\nb"}) {
    INFO(bad);
    CHECK(code_of([&] { check_fancy_value("URL", bad); }) == ErrorCode::kDnsRecordInvalid);
  }
}
