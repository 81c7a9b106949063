// Length limits name the field, and fault messages carry only a short, whole-character prefix.
#include "ngnpro/core/text_limits.hpp"

#include <catch2/catch.hpp>

#include "ngnpro/core/error.hpp"

using namespace ngnpro::core;

TEST_CASE("a value over its maximum is refused with 8003 naming the field", "[unit][core][limits]") {
  CHECK_NOTHROW(require_length(std::string(64, 'a'), kMaxNameBytes, "property name"));
  try {
    require_length(std::string(3000, 'a'), kMaxNameBytes, "property name");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::kInvalidArgument);
    CHECK(std::string{e.what()} == "property name is longer than 64 bytes (3000 given)");
  }
}

TEST_CASE("an excerpt keeps short text whole and cuts long text on a character boundary",
          "[unit][core][limits]") {
  CHECK(excerpt("alice") == "alice");
  CHECK(excerpt(std::string(41, 'x')) == std::string(40, 'x') + "…");
  // "é" is two bytes; a cut at byte 3 of "aéé" would split the second one.
  CHECK(excerpt("a\xC3\xA9\xC3\xA9", 4) == "a\xC3\xA9…");
  CHECK(excerpt("\xE6\x97\xA5\xE6\x9C\xAC", 2) == "…");
}
