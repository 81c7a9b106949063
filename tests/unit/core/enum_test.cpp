#include <string>

#include <catch2/catch.hpp>

#include "ngnpro/core/enum.hpp"
#include "ngnpro/core/error.hpp"

using namespace ngnpro::core;

namespace {

std::optional<ErrorCode> code_of(const EnumMapping& m) {
  try {
    require_enum_mapping(m);
  } catch (const Error& e) {
    return e.code();
  }
  return std::nullopt;
}

EnumMapping mapping(const std::string& type, const std::string& mapto) {
  EnumMapping m;
  m.type = type;
  m.mapto = mapto;
  return m;
}

}  // namespace

TEST_CASE("every type of api §8.13 accepts its schemes, in any letter case") {
  CHECK_FALSE(code_of(mapping("sip", "sip:alice@example.com")));
  CHECK_FALSE(code_of(mapping("sip", "SIPS:alice@example.com")));
  CHECK_FALSE(code_of(mapping("mms", "mailto:alice@example.com")));
  CHECK_FALSE(code_of(mapping("mms", "tel:+31205551234")));
  CHECK_FALSE(code_of(mapping("web:https", "https://example.com/alice")));
  CHECK_FALSE(code_of(mapping("voice", "voice:+31205551234")));
  CHECK_FALSE(code_of(mapping("ft:ftp", "ftp://ftp.example.com/")));
}

TEST_CASE("npd:tel is published as service npd+tel, every other type as itself") {
  REQUIRE(find_enum_service("npd:tel"));
  CHECK(find_enum_service("npd:tel")->naptr_service == "npd+tel");
  CHECK(find_enum_service("x-skype:callto")->naptr_service == "x-skype:callto");
  CHECK(find_enum_service("SIP") == nullptr);
  CHECK(find_enum_service("") == nullptr);
}

TEST_CASE("an unknown type, a foreign scheme, a bare scheme or a '!' is fault 3006") {
  CHECK(code_of(mapping("gopher", "gopher://x")) == ErrorCode::kEnumMappingInvalid);
  CHECK(code_of(mapping("sip", "mailto:alice@example.com")) == ErrorCode::kEnumMappingInvalid);
  CHECK(code_of(mapping("web:http", "https://example.com")) == ErrorCode::kEnumMappingInvalid);
  CHECK(code_of(mapping("sip", "sip:")) == ErrorCode::kEnumMappingInvalid);
  CHECK(code_of(mapping("sip", "alice@example.com")) == ErrorCode::kEnumMappingInvalid);
  CHECK(code_of(mapping("sip", "sip:alice!x@example.com")) == ErrorCode::kEnumMappingInvalid);
}

TEST_CASE("a mapto PowerDNS could not serve as a character-string is fault 8003") {
  CHECK(code_of(mapping("sip", "sip:al ice@example.com")) == ErrorCode::kInvalidArgument);
  CHECK(code_of(mapping("sip", "sip:alice@example.com\n")) == ErrorCode::kInvalidArgument);
  CHECK(code_of(mapping("sip", "sip:alicé@example.com")) == ErrorCode::kInvalidArgument);
  const std::string at_limit = "sip:" + std::string(kMaxEnumUriBytes - 4, 'a');
  CHECK_FALSE(code_of(mapping("sip", at_limit)));
  CHECK(code_of(mapping("sip", at_limit + "a")) == ErrorCode::kInvalidArgument);
  // Backslashes and quotes are escaped when published, not refused.
  CHECK_FALSE(code_of(mapping("sip", R"(sip:"a\b"@example.com)")));
}

TEST_CASE("mapping priority is a 16-bit NAPTR order and ttl is not negative") {
  auto m = mapping("sip", "sip:a@example.com");
  m.priority = 65535;
  CHECK_FALSE(code_of(m));
  m.priority = 65536;
  CHECK(code_of(m) == ErrorCode::kInvalidArgument);
  m.priority = -1;
  CHECK(code_of(m) == ErrorCode::kInvalidArgument);
  m.priority = 0;
  m.ttl = -1;
  CHECK(code_of(m) == ErrorCode::kInvalidArgument);
}

TEST_CASE("ENUM digits are 1 to 15 of 0-9") {
  CHECK_NOTHROW(require_enum_digits("312080051", "prefix"));
  CHECK_NOTHROW(require_enum_digits(std::string(15, '9'), "number"));
  for (const char* bad : {"", "+31", "31 20", "31a", "１２"}) {
    INFO(bad);
    CHECK_THROWS_AS(require_enum_digits(bad, "number"), Error);
  }
  CHECK_THROWS_AS(require_enum_digits(std::string(16, '1'), "number"), Error);
}

TEST_CASE("a non-admin range must extend an assigned country code by at least one digit") {
  CHECK(extends_country_code("3120555"));
  CHECK(extends_country_code("12125"));
  CHECK(extends_country_code("3531"));
  CHECK_FALSE(extends_country_code("31"));   // the Netherlands, bare
  CHECK_FALSE(extends_country_code("1"));    // NANP, bare
  CHECK_FALSE(extends_country_code("353"));  // Ireland, bare
  CHECK_FALSE(extends_country_code("3"));    // shorter than every code of zone 3
  CHECK_FALSE(extends_country_code("35"));   // the beginning of 350-359
  CHECK_FALSE(extends_country_code("2801"));  // 28x is spare
  CHECK_FALSE(extends_country_code(""));
  CHECK(country_code_of("4420") == "44");
  CHECK(country_code_of("8821") == "882");
  CHECK(country_code_of("999").empty());
}

TEST_CASE("an empty tld is e164.arpa; others are host names short enough for 15 digits more, not led by a digit") {
  CHECK(enum_tld("") == "e164.arpa");
  CHECK(enum_tld("E164.Example.NET.") == "e164.example.net");
  CHECK_THROWS_AS(enum_tld("e164 arpa"), Error);
  CHECK_THROWS_AS(enum_tld(".."), Error);
  // 2 under 1.3.e164.arpa would be 312 under e164.arpa: digits belong to the prefix.
  CHECK_THROWS_AS(enum_tld("1.3.e164.arpa"), Error);
  CHECK_THROWS_AS(enum_tld("7"), Error);
  CHECK(enum_tld("e164.1.example") == "e164.1.example");
  CHECK(enum_tld("12.example") == "12.example");
  const std::string label(60, 'a');
  const std::string at_limit = label + "." + label + "." + label + "." + std::string(kMaxEnumTldBytes - 183, 'b');
  REQUIRE(at_limit.size() == kMaxEnumTldBytes);
  CHECK(enum_tld(at_limit) == at_limit);
  CHECK_THROWS_AS(enum_tld(at_limit + "b"), Error);
}
