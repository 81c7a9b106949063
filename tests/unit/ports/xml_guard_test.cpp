// The body checks that gSOAP's reader does not make (ports/xml_guard.hpp).
#include <catch2/catch.hpp>

#include "xml_guard.hpp"

using ngnpro::ports::find_xml_violation;

TEST_CASE("well-formed UTF-8 text, predefined entities and character references pass", "[unit][xml]") {
  CHECK_FALSE(find_xml_violation("<a x=\"1\">Tester &amp; O&#039;Brien &lt;CDRTool&gt; &#xE9; Zoë 😀</a>"));
  CHECK_FALSE(find_xml_violation("<?xml version=\"1.0\"?>\r\n\r\n<a>\tline\nline</a>"));
  CHECK_FALSE(find_xml_violation("<a><![CDATA[a & b <c>]]><!-- x & y --></a>"));
}

TEST_CASE("control characters, raw or as references, are refused", "[unit][xml]") {
  CHECK(find_xml_violation(std::string("<a>a\x01" "b</a>")));
  CHECK(find_xml_violation(std::string("<a>a\0b</a>", 10)));
  CHECK(find_xml_violation("<a>&#1;</a>"));
  CHECK(find_xml_violation("<a>&#0;</a>"));
  CHECK(find_xml_violation("<a>&#x110000;</a>"));
  CHECK(find_xml_violation("<a>&#xFFFE;</a>"));
}

TEST_CASE("invalid UTF-8 is refused", "[unit][xml]") {
  CHECK(find_xml_violation("<a>\xff\xfe</a>"));
  CHECK(find_xml_violation("<a>\xc0\xaf</a>"));          // overlong '/'
  CHECK(find_xml_violation("<a>\xed\xa0\x80</a>"));      // surrogate
  CHECK(find_xml_violation("<a>\xe2\x82</a>"));          // truncated
}

TEST_CASE("undefined entities and DTDs are refused", "[unit][xml]") {
  CHECK(*find_xml_violation("<a>&nope;</a>") == "undefined entity &nope;");
  CHECK(find_xml_violation("<!DOCTYPE x [<!ENTITY e \"EXPANDED\">]><a>&e;</a>"));
  CHECK(find_xml_violation("<a>& b</a>"));
  CHECK(find_xml_violation("<a><![CDATA[unterminated</a>"));
}

TEST_CASE("only white space, comments and processing instructions may follow the root element",
          "[unit][xml]") {
  CHECK_FALSE(find_xml_violation("<?xml version=\"1.0\"?>\n<e:E xmlns:e=\"u\" a=\"x>y\"><b/></e:E>\r\n<!-- end -->\n"));
  CHECK(*find_xml_violation("<a></a><junk/>") == "content after the root element");
  CHECK(*find_xml_violation("<a></a>text") == "content after the root element");
  CHECK(find_xml_violation("<a></a></a>"));
  CHECK(find_xml_violation("<a attr=\"unterminated></a>"));
}
