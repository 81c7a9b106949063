// XML text passes around gSOAP. On input, the checks its reader does not make: gSOAP reads invalid
// UTF-8 as Latin-1, passes control characters and &#1; through, turns unknown entities into U+007F
// and skips DTDs; such input must never reach the database, because echoed back it makes the
// response ill-formed XML for every client. And the bounds that keep its reader's work linear in
// the size of the body (see kMax* below). On output, the one wire rule its writer does not follow.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ngnpro::ports {

// Shape limits of a request body; beyond one, the body is refused (fault 9001) before gSOAP reads
// it. gSOAP 2.8.124 searches linear lists where these counts multiply: every attribute is looked up
// in one list of every attribute name seen so far in the message, every prefixed name walks the
// stack of namespace declarations in scope, and resolving multi-refs compares every id with every
// reference. One 800 KB body of 80 000 attributes cost 21 s of CPU without these bounds. Each limit
// is far above what a SOAP toolkit writes (PEAR: ~8 declarations on the Envelope, 2-3 attributes
// per element, no multi-refs).
inline constexpr std::size_t kMaxAttributesPerElement = 64;             // namespace declarations included
inline constexpr std::size_t kMaxNamespaceDeclarationsPerElement = 32;
inline constexpr std::size_t kMaxNamespaceDeclarationsInScope = 64;    // on an element and its ancestors
inline constexpr std::size_t kMaxAttributeNames = 128;                  // distinct names in one body
inline constexpr std::size_t kMaxMultiReferences = 1000;                // id and href attributes in one body
inline constexpr std::size_t kMaxNameLength = 256;                      // bytes of an element or attribute name

// The first reason body is not a well-formed XML 1.0 message we accept, or nullopt. One pass, in
// time linear in body.size(): UTF-8 validity, the XML 1.0 Char production (raw and as character
// references, in text and in attribute values), only the five predefined entities, no DOCTYPE
// (SOAP 1.1 §3 forbids a DTD in a message), tags and attributes well-formed and unique per element,
// and the limits above.
std::optional<std::string> find_xml_violation(std::string_view body);

// Adds xsi:type="SOAP-ENC:Array" to every start tag of xml that carries SOAP-ENC:arrayType and no
// xsi:type (api §2.5: arrays are SOAP-ENC:Array). gSOAP 2.8.124 writes SOAP-ENC arrays with the
// arrayType alone and offers no hook for that one tag, so the finished response is marked here.
// xml must be gSOAP's output: '<' in text is always escaped, attribute values are in double quotes,
// and the prefixes are those of our namespace table (SOAP-ENC, xsi). Linear in xml.size().
void mark_soap_arrays(std::string& xml);

}  // namespace ngnpro::ports
