// The reader of PostgreSQL array literals behind the one-statement account reads: whatever text
// a client stored comes back byte for byte, and nothing it stored can make the reader abort.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pg_arrays.hpp"

using ngnpro::storage::parse_text_array;
using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("a one-dimensional literal reads its elements, quoted or not", "[unit][storage][arrays]") {
  CHECK(parse_text_array("{a,b,c}", 1) == Rows{{"a", "b", "c"}});
  CHECK(parse_text_array("{}", 1).empty());
  CHECK(parse_text_array(R"({"",NULL,"NULL",null})", 1) == Rows{{"", "", "NULL", ""}});
}

TEST_CASE("an element starting with a single quote is text, not a quote (libpqxx 6.4 aborted here)",
          "[unit][storage][arrays]") {
  CHECK(parse_text_array("{'}", 1) == Rows{{"'"}});
  CHECK(parse_text_array("{'a,b'}", 1) == Rows{{"'a", "b'"}});
  CHECK(parse_text_array("{{',''},{x,'}}", 2) == Rows{{"'", "''"}, {"x", "'"}});
}

TEST_CASE("quoted elements keep braces, commas, quotes, backslashes, white space and UTF-8",
          "[unit][storage][arrays]") {
  CHECK(parse_text_array(R"({"{a}","x,y","say \"hi\"","back\\slash"," lead","tab	"})", 1) ==
        Rows{{"{a}", "x,y", "say \"hi\"", "back\\slash", " lead", "tab\t"}});
  CHECK(parse_text_array("{Zürich,日本}", 1) == Rows{{"Zürich", "日本"}});
}

TEST_CASE("a two-dimensional literal reads its rows", "[unit][storage][arrays]") {
  CHECK(parse_text_array("{{a,b},{c,d}}", 2) == Rows{{"a", "b"}, {"c", "d"}});
  CHECK(parse_text_array("{}", 2).empty());
  CHECK(parse_text_array(R"({{"1.2.3.4","32",allow}})", 2) == Rows{{"1.2.3.4", "32", "allow"}});
  CHECK(parse_text_array("[0:1][1:1]={{a},{b}}", 2) == Rows{{"a"}, {"b"}});
}

TEST_CASE("a malformed literal throws a catchable error instead of aborting", "[unit][storage][arrays]") {
  const std::pair<const char*, int> kBad[] = {
      {"", 1},     {"{", 1},      {"}", 1},       {"{a", 1},       {"{a,}", 1},    {"{,a}", 1},
      {R"({"a)", 1}, {R"({"a\)", 1}, {"{a}x", 1}, {"{{a}}", 1},    {"{a{b}}", 1},  {"[1:2]", 1},
      {"{a}", 2},  {"{{a},b}", 2}, {"{{{a}}}", 2}, {"{{a}", 2},     {"{{a}}}", 2},  {"{{a},}", 2},
  };
  for (const auto& [literal, dimensions] : kBad) {
    INFO(literal << " as " << dimensions << " dimension(s)");
    CHECK_THROWS_AS(parse_text_array(literal, dimensions), std::runtime_error);
  }
}
