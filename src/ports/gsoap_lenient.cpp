// Serializers for the "extern typedef" scalars of wsdl/lenient.h.
//
// Reading follows api §2.6.4–§2.6.5, which gSOAP's built-in readers break (api §2.7):
// - the sender's xsi:type is ignored: PEAR sends <quota xsi:type="xsd:string">7</quota>,
//   <prepaid xsi:type="xsd:int">1</prepaid>, <value xsi:type="xsd:float">12.5</value>;
// - the text alone decides, through ngnpro::core's parse_* (integral floats such as "5.0" are
//   integers, booleans are true/false/1/0 in any case);
// - empty or blank content (<callLimit/>, <quota xsi:type="xsd:string"></quota>) is nil;
// - a non-empty value that does not convert, or an xsd:int out of range, is SOAP_TYPE: it
//   must fault rather than be stored as something else.
// Writing is gSOAP's own, so output keeps xsd:integer / xsd:int / xsd:double / xsd:boolean.
#include <climits>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ngnpro/core/lenient.hpp"
#include "soapH.h"

namespace {

// Reads one scalar element whatever its xsi:type. Empty content is nil: the element is
// consumed and nullptr is returned with soap->error == SOAP_OK, so the generated struct and
// parameter loops go on with the next element and the pointer member stays NULL (RECIPE §9.3).
// `convert` turns the text into the value and returns false when it does not fit the type.
template <class T, class Convert>
T* read_lenient(struct soap* soap, const char* tag, T* a, int type_id, Convert convert) {
  if (soap_element_begin_in(soap, tag, 0, nullptr)) return nullptr;
  if (*soap->href) {  // multi-ref (href="#id"): resolved by gSOAP once the target is read
    a = static_cast<T*>(soap_id_enter(soap, soap->id, a, type_id, sizeof(T), nullptr, nullptr,
                                      nullptr, nullptr));
    a = static_cast<T*>(soap_id_forward(soap, soap->href, a, 0, type_id, 0, sizeof(T), 0,
                                        nullptr, nullptr));
    if (soap->body && soap_element_end_in(soap, tag)) return nullptr;
    return a;
  }
  if (!soap->body) return nullptr;  // <x/> or xsi:nil="true"
  const char* text = soap_value(soap);
  if (!text) return nullptr;  // soap->error already set
  if (ngnpro::core::is_blank(text)) {
    soap_element_end_in(soap, tag);
    return nullptr;  // nil; soap->error is SOAP_OK unless the end tag was wrong
  }
  a = static_cast<T*>(soap_id_enter(soap, soap->id, a, type_id, sizeof(T), nullptr, nullptr,
                                    nullptr, nullptr));
  if (!a) return nullptr;
  if (!convert(std::string_view{text}, a)) {
    soap->error = SOAP_TYPE;
    return nullptr;
  }
  if (soap_element_end_in(soap, tag)) return nullptr;
  return a;
}

bool to_integer(std::string_view text, LONG64* out) {
  const std::optional<std::int64_t> v = ngnpro::core::parse_integer(text);
  if (!v) return false;
  *out = *v;
  return true;
}

bool to_int(std::string_view text, int* out) {
  const std::optional<std::int64_t> v = ngnpro::core::parse_integer(text);
  if (!v || *v < INT_MIN || *v > INT_MAX) return false;  // overflow faults, never wraps
  *out = static_cast<int>(*v);
  return true;
}

bool to_double(std::string_view text, double* out) {
  const std::optional<double> v = ngnpro::core::parse_double(text);
  if (!v) return false;
  *out = *v;
  return true;
}

bool to_boolean(std::string_view text, bool* out) {
  const std::optional<bool> v = ngnpro::core::parse_boolean(text);
  if (!v) return false;
  *out = *v;
  return true;
}

// The soap_s2* forms serve attributes and QName-less conversions; same rules, no nil.
template <class T, class Convert>
int convert_text(struct soap* soap, const char* s, T* a, Convert convert) {
  if (s && convert(std::string_view{s}, a)) return SOAP_OK;
  return soap->error = SOAP_TYPE;
}

}  // namespace

// ---- xsd:integer as long long -----------------------------------------------------------------
void soap_default_xsd__integer(struct soap*, LONG64* a) { *a = 0; }
const char* soap_xsd__integer2s(struct soap* soap, LONG64 n) { return soap_LONG642s(soap, n); }
int soap_s2xsd__integer(struct soap* soap, const char* s, LONG64* a) {
  return convert_text(soap, s, a, to_integer);
}
int soap_out_xsd__integer(struct soap* soap, const char* tag, int id, const LONG64* a,
                          const char* type) {
  return soap_outLONG64(soap, tag, id, a, type, SOAP_TYPE_xsd__integer);
}
LONG64* soap_in_xsd__integer(struct soap* soap, const char* tag, LONG64* a, const char*) {
  return read_lenient(soap, tag, a, SOAP_TYPE_xsd__integer, to_integer);
}

// ---- xsd:int as int ---------------------------------------------------------------------------
void soap_default_xsd__int(struct soap*, int* a) { *a = 0; }
const char* soap_xsd__int2s(struct soap* soap, int n) { return soap_int2s(soap, n); }
int soap_s2xsd__int(struct soap* soap, const char* s, int* a) {
  return convert_text(soap, s, a, to_int);
}
int soap_out_xsd__int(struct soap* soap, const char* tag, int id, const int* a,
                      const char* type) {
  return soap_outint(soap, tag, id, a, type, SOAP_TYPE_xsd__int);
}
int* soap_in_xsd__int(struct soap* soap, const char* tag, int* a, const char*) {
  return read_lenient(soap, tag, a, SOAP_TYPE_xsd__int, to_int);
}

// ---- xsd:double as double ---------------------------------------------------------------------
void soap_default_xsd__double(struct soap*, double* a) { *a = 0; }
const char* soap_xsd__double2s(struct soap* soap, double n) { return soap_double2s(soap, n); }
int soap_s2xsd__double(struct soap* soap, const char* s, double* a) {
  return convert_text(soap, s, a, to_double);
}
int soap_out_xsd__double(struct soap* soap, const char* tag, int id, const double* a,
                         const char* type) {
  return soap_outdouble(soap, tag, id, a, type, SOAP_TYPE_xsd__double);
}
double* soap_in_xsd__double(struct soap* soap, const char* tag, double* a, const char*) {
  return read_lenient(soap, tag, a, SOAP_TYPE_xsd__double, to_double);
}

// ---- xsd:boolean as bool ----------------------------------------------------------------------
// libgsoap has no runtime writer for bool (soapcpp2 generates it per header), hence by hand.
void soap_default_xsd__boolean(struct soap*, bool* a) { *a = false; }
const char* soap_xsd__boolean2s(struct soap*, bool n) { return n ? "true" : "false"; }
int soap_s2xsd__boolean(struct soap* soap, const char* s, bool* a) {
  return convert_text(soap, s, a, to_boolean);
}
int soap_out_xsd__boolean(struct soap* soap, const char* tag, int id, const bool* a,
                          const char* type) {
  if (soap_element_begin_out(soap, tag, soap_embedded_id(soap, id, a, SOAP_TYPE_xsd__boolean),
                             type) ||
      soap_string_out(soap, *a ? "true" : "false", 0))
    return soap->error;
  return soap_element_end_out(soap, tag);
}
bool* soap_in_xsd__boolean(struct soap* soap, const char* tag, bool* a, const char*) {
  return read_lenient(soap, tag, a, SOAP_TYPE_xsd__boolean, to_boolean);
}
