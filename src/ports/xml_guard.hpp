// Checks gSOAP's reader does not make: gSOAP reads invalid UTF-8 as Latin-1, passes control
// characters and &#1; through, turns unknown entities into U+007F and skips DTDs. Such input must
// never reach the database: echoed back, it makes the response ill-formed XML for every client.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ngnpro::ports {

// The first reason body is not a well-formed XML 1.0 message we accept, or nullopt. One pass:
// UTF-8 validity, the XML 1.0 Char production (raw and as character references), only the five
// predefined entities, and no DOCTYPE (SOAP 1.1 §3 forbids a DTD in a message).
std::optional<std::string> find_xml_violation(std::string_view body);

}  // namespace ngnpro::ports
