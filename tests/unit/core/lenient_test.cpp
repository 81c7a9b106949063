// Scalar conversions of api §2.6.4-5: the text decides, whatever xsi:type the sender wrote.
#include "ngnpro/core/lenient.hpp"

#include <catch2/catch.hpp>
#include <clocale>
#include <cstdint>
#include <limits>
#include <string>

using ngnpro::core::is_blank;
using ngnpro::core::parse_boolean;
using ngnpro::core::parse_double;
using ngnpro::core::parse_integer;

TEST_CASE("an integer field accepts plain, signed and white-space-padded digits",
          "[unit][core][lenient]") {
  CHECK(parse_integer("1") == 1);
  CHECK(parse_integer("12") == 12);
  CHECK(parse_integer(" 12 ") == 12);
  CHECK(parse_integer("\t\n12\r\n") == 12);
  CHECK(parse_integer("+12") == 12);
  CHECK(parse_integer("-3") == -3);
  CHECK(parse_integer("007") == 7);
  CHECK(parse_integer("0") == 0);
  CHECK(parse_integer("-0") == 0);
}

TEST_CASE("an integer field accepts a float whose value is integral", "[unit][core][lenient]") {
  CHECK(parse_integer("5.0") == 5);
  CHECK(parse_integer("12.000") == 12);
  CHECK(parse_integer("5.") == 5);
  CHECK(parse_integer("1.2e1") == 12);
  CHECK(parse_integer("1e3") == 1000);
  CHECK(parse_integer("1E3") == 1000);
  CHECK(parse_integer("1.0E+25") == std::nullopt);  // integral, but beyond int64
  CHECK(parse_integer("1.0E+18") == 1'000'000'000'000'000'000);
  CHECK(parse_integer("-2.5e1") == -25);
  CHECK(parse_integer("1500e-2") == 15);
  CHECK(parse_integer("0.0") == 0);
  CHECK(parse_integer(".0") == 0);
  CHECK(parse_integer("0e999999999999999999") == 0);
}

TEST_CASE("an integer field keeps exact values beyond double precision", "[unit][core][lenient]") {
  // Through a double these would round to a neighbour; the digits are evaluated exactly.
  CHECK(parse_integer("9007199254740993") == 9'007'199'254'740'993);
  CHECK(parse_integer("9007199254740993.0") == 9'007'199'254'740'993);
  CHECK(parse_integer("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_integer("9223372036854775807.0") == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_integer("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
  CHECK(parse_integer("-9.223372036854775808e18") == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("an integer field refuses fractions, hex, words and overflow", "[unit][core][lenient]") {
  CHECK(parse_integer("1.5") == std::nullopt);
  CHECK(parse_integer("5.5") == std::nullopt);
  CHECK(parse_integer("5.0001") == std::nullopt);
  CHECK(parse_integer("1e-1") == std::nullopt);
  CHECK(parse_integer("0x10") == std::nullopt);
  CHECK(parse_integer("abc") == std::nullopt);
  CHECK(parse_integer("12abc") == std::nullopt);
  CHECK(parse_integer("1 2") == std::nullopt);
  CHECK(parse_integer("") == std::nullopt);
  CHECK(parse_integer("   ") == std::nullopt);
  CHECK(parse_integer("+") == std::nullopt);
  CHECK(parse_integer("-") == std::nullopt);
  CHECK(parse_integer("+-1") == std::nullopt);
  CHECK(parse_integer("--1") == std::nullopt);
  CHECK(parse_integer(".") == std::nullopt);
  CHECK(parse_integer("1e") == std::nullopt);
  CHECK(parse_integer("1e+") == std::nullopt);
  CHECK(parse_integer("e3") == std::nullopt);
  CHECK(parse_integer("NaN") == std::nullopt);
  CHECK(parse_integer("INF") == std::nullopt);
  CHECK(parse_integer("true") == std::nullopt);
  CHECK(parse_integer("9223372036854775808") == std::nullopt);
  CHECK(parse_integer("-9223372036854775809") == std::nullopt);
  CHECK(parse_integer("99999999999999999999999") == std::nullopt);
  CHECK(parse_integer("1e19") == std::nullopt);
  CHECK(parse_integer("1e999999999999999999") == std::nullopt);
}

TEST_CASE("a double field accepts decimal and scientific numbers", "[unit][core][lenient]") {
  CHECK(parse_double("1") == 1.0);
  CHECK(parse_double(" 1.5 ") == 1.5);
  CHECK(parse_double("+1.5") == 1.5);
  CHECK(parse_double("-0.25") == -0.25);
  CHECK(parse_double(".5") == 0.5);
  CHECK(parse_double("5.") == 5.0);
  CHECK(parse_double("1.0E+25") == 1.0e25);
  CHECK(parse_double("2.5e-3") == 2.5e-3);
}

TEST_CASE("a double field refuses NaN, infinities, hex and trailing garbage",
          "[unit][core][lenient]") {
  CHECK(parse_double("NaN") == std::nullopt);
  CHECK(parse_double("nan") == std::nullopt);
  CHECK(parse_double("INF") == std::nullopt);
  CHECK(parse_double("-inf") == std::nullopt);
  CHECK(parse_double("infinity") == std::nullopt);
  CHECK(parse_double("1e400") == std::nullopt);  // overflows to infinity
  CHECK(parse_double("0x10") == std::nullopt);
  CHECK(parse_double("1.5x") == std::nullopt);
  CHECK(parse_double("1,5") == std::nullopt);
  CHECK(parse_double("abc") == std::nullopt);
  CHECK(parse_double("") == std::nullopt);
  CHECK(parse_double(" ") == std::nullopt);
  CHECK(parse_double("+") == std::nullopt);
  CHECK(parse_double("+-1") == std::nullopt);
  CHECK(parse_double("++1") == std::nullopt);
}

TEST_CASE("a double field parses '.' as the decimal point whatever the process locale",
          "[unit][core][lenient]") {
  // Only takes effect where a comma-decimal locale is installed; harmless elsewhere.
  const std::string previous = std::setlocale(LC_NUMERIC, nullptr);
  const bool switched = std::setlocale(LC_NUMERIC, "de_DE.UTF-8") != nullptr ||
                        std::setlocale(LC_NUMERIC, "fr_FR.UTF-8") != nullptr;
  CHECK(parse_double("1.5") == 1.5);
  CHECK(parse_double("1,5") == std::nullopt);
  std::setlocale(LC_NUMERIC, previous.c_str());
  if (!switched) WARN("no comma-decimal locale installed; ran under the C locale only");
}

TEST_CASE("a boolean field accepts true/false/1/0 in any letter case", "[unit][core][lenient]") {
  CHECK(parse_boolean("true") == true);
  CHECK(parse_boolean("True") == true);
  CHECK(parse_boolean("TRUE") == true);
  CHECK(parse_boolean("tRuE") == true);
  CHECK(parse_boolean("1") == true);
  CHECK(parse_boolean(" 1 ") == true);
  CHECK(parse_boolean("false") == false);
  CHECK(parse_boolean("FALSE") == false);
  CHECK(parse_boolean("False") == false);
  CHECK(parse_boolean("0") == false);
  CHECK(parse_boolean("\tfalse\n") == false);
}

TEST_CASE("a boolean field refuses yes/no, other numbers and blanks", "[unit][core][lenient]") {
  CHECK(parse_boolean("yes") == std::nullopt);
  CHECK(parse_boolean("no") == std::nullopt);
  CHECK(parse_boolean("on") == std::nullopt);
  CHECK(parse_boolean("2") == std::nullopt);
  CHECK(parse_boolean("-1") == std::nullopt);
  CHECK(parse_boolean("1.0") == std::nullopt);
  CHECK(parse_boolean("t") == std::nullopt);
  CHECK(parse_boolean("truee") == std::nullopt);
  CHECK(parse_boolean("") == std::nullopt);
  CHECK(parse_boolean("  ") == std::nullopt);
}

TEST_CASE("empty or white-space-only content is blank, so the field is nil",
          "[unit][core][lenient]") {
  CHECK(is_blank(""));
  CHECK(is_blank(" "));
  CHECK(is_blank(" \t\r\n "));
  CHECK_FALSE(is_blank("0"));
  CHECK_FALSE(is_blank(" x "));
  CHECK_FALSE(is_blank("false"));
}
