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

namespace {

using namespace ngnpro::ports;

std::string attributes(std::size_t n, const std::string& prefix = "a") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += " " + prefix + std::to_string(i) + "=\"\"";
  return out;
}

std::string declarations(std::size_t n, const std::string& prefix = "p") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += " xmlns:" + prefix + std::to_string(i) + "=\"urn:x\"";
  return out;
}

std::string violation(const std::string& body) { return find_xml_violation(body).value_or("accepted"); }

}  // namespace

TEST_CASE("an element may carry 64 attributes; the 65th is refused naming the limit", "[unit][xml][limits]") {
  CHECK_FALSE(find_xml_violation("<a" + attributes(64) + "/>"));
  CHECK(violation("<a" + attributes(65) + "/>") == "an element has more than 64 attributes");
}

TEST_CASE("80 000 attributes on one element are refused at the 65th", "[unit][xml][limits]") {
  CHECK(violation("<a" + attributes(80'000) + "><b/></a>") == "an element has more than 64 attributes");
}

TEST_CASE("an element may declare 32 namespaces; the 33rd is refused", "[unit][xml][limits]") {
  CHECK_FALSE(find_xml_violation("<a" + declarations(32) + "/>"));
  CHECK(violation("<a" + declarations(33) + "/>") == "an element has more than 32 namespace declarations");
  CHECK(violation("<a" + declarations(10'000) + "/>") == "an element has more than 32 namespace declarations");
}

TEST_CASE("at most 64 namespace declarations are in scope; a closed element's no longer count",
          "[unit][xml][limits]") {
  const std::string two_levels = "<a" + declarations(32, "p") + "><b" + declarations(32, "q") + ">";
  CHECK_FALSE(find_xml_violation(two_levels + "<c/></b><b" + declarations(32, "r") + "/></a>"));
  CHECK(violation(two_levels + "<c xmlns:z=\"urn:z\"/></b></a>") ==
        "an element has more than 64 namespace declarations in scope");
}

TEST_CASE("a message may use 128 distinct attribute names, each as often as it likes", "[unit][xml][limits]") {
  std::string ok = "<r>";
  for (int i = 0; i < 1000; ++i) ok += "<e" + attributes(64, i % 2 ? "a" : "b") + "/>";
  CHECK_FALSE(find_xml_violation(ok + "</r>"));
  CHECK(violation("<r><e" + attributes(64, "a") + "/><e" + attributes(64, "b") + "/><e c=\"\"/></r>") ==
        "the message has more than 128 distinct attribute names");
}

TEST_CASE("a message may hold 1000 id and href attributes, not more", "[unit][xml][limits]") {
  std::string refs;
  for (int i = 0; i < 500; ++i) refs += "<i href=\"#r" + std::to_string(i) + "\"/><t id=\"r" + std::to_string(i) + "\"/>";
  CHECK_FALSE(find_xml_violation("<r>" + refs + "</r>"));
  CHECK(violation("<r>" + refs + "<i href=\"#r1\"/></r>") ==
        "the message has more than 1000 multi-reference attributes (id, href)");
}

TEST_CASE("element and attribute names are at most 256 bytes", "[unit][xml][limits]") {
  const std::string name(256, 'n');
  CHECK_FALSE(find_xml_violation("<" + name + " " + name + "=\"1\"></" + name + ">"));
  CHECK(violation("<" + name + "n/>") == "a name is longer than 256 bytes");
  CHECK(violation("<a " + name + "n=\"1\"/>") == "a name is longer than 256 bytes");
}

TEST_CASE("attributes are well-formed: quoted, with a value, unique, separated, no '<'", "[unit][xml]") {
  CHECK_FALSE(find_xml_violation("<a x = 'it&apos;s' y=\"a &amp; b &#x41; >\"\r\n\tz=\"\"/>"));
  CHECK(violation("<a x=\"1\" x=\"2\"/>") == "duplicate attribute x");
  CHECK(violation("<a x=1/>") == "an attribute value is not quoted");
  CHECK(violation("<a x/>") == "malformed tag: an attribute has no value");
  CHECK(violation("<a x=\"1\"y=\"2\"/>") == "malformed tag: attributes must be separated by white space");
  CHECK(violation("<a x=\"<\"/>") == "'<' in an attribute value");
  CHECK(violation("<a x=\"&nope;\"/>") == "undefined entity &nope;");
  CHECK(find_xml_violation("<a x=\"&#1;\"/>"));
  CHECK(find_xml_violation(std::string("<a x=\"\x01\"/>")));
  CHECK(find_xml_violation("<a x=\"\xff\"/>"));
  CHECK(violation("<a x=\"1/>") == "unterminated attribute value");
}

TEST_CASE("end tags match their start tags and every element is closed", "[unit][xml]") {
  CHECK_FALSE(find_xml_violation("<e:a xmlns:e=\"u\"><b></b ></e:a>"));
  CHECK(violation("<a><b></a></b>") == "end tag </a> does not match <b>");
  CHECK(violation("<a><b></b>") == "unterminated element <a>");
  CHECK(find_xml_violation("<a></a></a>"));
  CHECK(find_xml_violation("<a/ >"));
}

TEST_CASE("arrays in a response get xsi:type SOAP-ENC:Array next to their arrayType", "[unit][xml][arrays]") {
  std::string xml =
      "<r><p SOAP-ENC:arrayType=\"ngnpro:P[1]\"><item xsi:type=\"ngnpro:P\"><n xsi:type=\"xsd:string\">"
      "SOAP-ENC:arrayType=\"x[1]\" &lt;y SOAP-ENC:arrayType=\"z\"&gt;</n></item></p>"
      "<e SOAP-ENC:arrayType=\"xsd:string[0]\"/><t xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"xsd:int[0]\"/>"
      "<q a=\"x>y\" SOAP-ENC:arrayType=\"xsd:string[0]\"></q></r>";
  mark_soap_arrays(xml);
  CHECK(xml ==
        "<r><p xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"ngnpro:P[1]\"><item xsi:type=\"ngnpro:P\">"
        "<n xsi:type=\"xsd:string\">SOAP-ENC:arrayType=\"x[1]\" &lt;y SOAP-ENC:arrayType=\"z\"&gt;</n></item></p>"
        "<e xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"xsd:string[0]\"/>"
        "<t xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"xsd:int[0]\"/>"
        "<q a=\"x>y\" xsi:type=\"SOAP-ENC:Array\" SOAP-ENC:arrayType=\"xsd:string[0]\"></q></r>");
}

TEST_CASE("a response without arrays is left as it is", "[unit][xml][arrays]") {
  std::string xml = "<?xml version=\"1.0\"?>\n<r a=\"1\"><!-- c --><b xsi:type=\"xsd:int\">1</b></r>";
  const std::string before = xml;
  mark_soap_arrays(xml);
  CHECK(xml == before);
}

TEST_CASE("a name quoted in a problem is cut at a character boundary", "[unit][xml]") {
  const std::string name = std::string(39, 'n') + "\xc3\xa9" + "z";  // 'é' spans bytes 39 and 40
  CHECK(violation("<" + name + ">") == "unterminated element <" + std::string(39, 'n') + ">");
}

TEST_CASE("a malformed reference is refused without echoing its bytes", "[unit][xml]") {
  CHECK(violation(std::string("<a>&\x05\x10;</a>")) == "malformed entity reference");
  CHECK(violation("<a>&\xc3\xa9;</a>") == "malformed entity reference");
  CHECK(violation("<a>&abcdefghijkl;</a>") == "unterminated entity or character reference");
  CHECK_FALSE(find_xml_violation("<a>&#x0010FFFF;&#x000000041;</a>"));  // up to 13 bytes from '&' to ';'
  CHECK(violation("<a>&#x0000000041;</a>") == "unterminated entity or character reference");
}
