// lenient.h -- scalar types whose serializers live in src/ports/gsoap_lenient.cpp.
// "extern typedef" tells soapcpp2 that we write soap_in_/soap_out_/soap_default_ for them.
// The readers ignore the sender's xsi:type (api §2.6.4: PEAR types values by their PHP type,
// e.g. xsd:string for a quota read from a form, xsd:int 0/1 for booleans), read empty content
// as nil (§2.6.5), and convert the text with ngnpro::core's parse_* functions. The writers are
// gSOAP's own, so output stays fully typed (xsd:integer, xsd:int, xsd:double, xsd:boolean).
// Never use them as array items: gSOAP's array loop takes a NULL (nil) item as the array's end.
extern typedef long long xsd__integer;
extern typedef int       xsd__int;
extern typedef double    xsd__double;
extern typedef bool      xsd__boolean;
