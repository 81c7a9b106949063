#include "ngnpro/ports/soap_endpoint.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/spdlog.h>

#include "guarded.hpp"
#include "ngnpro/core/log_text.hpp"
#include "xml_guard.hpp"
#include "soapCustomerService.h"
#include "soapDnsService.h"
#include "soapEnumService.h"
#include "soapSipService.h"
#include "soapVoicemailService.h"
// libgsoap++ needs one global namespaces[] table; every generated .nsmap holds the same one.
#include "Customer.nsmap"

namespace ngnpro::ports {

namespace {

size_t read_body(struct soap* ctx, char* buf, size_t len) {
  RequestContext& rq = context_of(ctx);
  const std::size_t n = std::min(len, rq.input->size() - rq.input_pos);
  std::memcpy(buf, rq.input->data() + rq.input_pos, n);
  rq.input_pos += n;
  return n;  // 0: end of the body
}

int write_body(struct soap* ctx, const char* data, size_t len) {
  context_of(ctx).output.append(data, len);
  return SOAP_OK;
}

// Where gSOAP's reader is in the envelope; our element hook judges an element by it.
enum class EnvelopePart { kEnvelope, kHeader, kBody };

// A request's context as this file sees it: what guarded() needs, plus what the element hook
// learns while gSOAP reads. ctx->user points at the RequestContext base.
struct RequestState : RequestContext {
  EnvelopePart part = EnvelopePart::kEnvelope;
  int body_elements = 0;  // children of Body that are not multi-ref targets (no id)
  // Set by the element hook when it stops gSOAP's reader: the fault to answer.
  std::optional<core::ErrorCode> refusal;
  std::string refusal_message;
};

RequestState& state_of(struct soap* ctx) { return static_cast<RequestState&>(context_of(ctx)); }

// Stops gSOAP's reader: the hook's non-zero return becomes ctx->error and ends the parse.
int refuse(struct soap* ctx, core::ErrorCode code, std::string message) {
  RequestState& rq = state_of(ctx);
  rq.refusal = code;
  rq.refusal_message = std::move(message);
  return SOAP_FAULT;
}

constexpr const char* kTypesNamespace = "urn:AGProjects:NGNPro";
constexpr std::size_t kMaxArrayItems = 100'000;  // also ctx->maxoccurs: items actually read

// "[n]" or "[]" as gSOAP keeps it from SOAP-ENC:arrayType (the text from the last '['); the
// problem with it, or nullopt.
std::optional<std::string> array_size_problem(std::string_view size) {
  if (size.size() < 2 || size.front() != '[' || size.back() != ']') return "malformed SOAP-ENC:arrayType";
  const std::string_view digits = size.substr(1, size.size() - 2);
  if (digits.find(',') != std::string_view::npos) return "multi-dimensional SOAP arrays are not supported";
  if (digits.empty()) return std::nullopt;  // "xsd:string[]": the items tell the size
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) return "malformed SOAP-ENC:arrayType";
  // Compared as text first: no overflow whatever the number of digits.
  if (digits.size() > 7 || std::strtoul(std::string(digits).c_str(), nullptr, 10) > kMaxArrayItems)
    return "SOAP-ENC:arrayType declares more than " + std::to_string(kMaxArrayItems) + " items";
  return std::nullopt;
}

// gSOAP's array readers allocate the size an array declares before reading an item: with
// SOAP-ENC:arrayType="ngnpro:SipAccount[99999]" on an empty element, or on a thousand of them,
// a few bytes of request cost megabytes each. So the declared size is checked, then forgotten:
// without it gSOAP's readers grow the array item by item as the items come, up to
// ctx->maxoccurs. Partial and sparse arrays (SOAP-ENC:offset, SOAP-ENC:position) and arrays of
// arrays have no use in NGNPro and are refused rather than read as something else (8003).
// The item type is forgotten too: PEAR types arrays of structs as SOAP-ENC:arrayType="Struct[n]",
// which gSOAP's readers would reject (api §2.6.6); each item is still read, and checked, by its
// own reader (gSOAP recipe §9.2).
std::optional<std::string> array_attributes_problem(struct soap* ctx) {
  if (*ctx->arraySize) {
    if (std::strchr(ctx->arrayType, '[') != nullptr) return "arrays of arrays are not supported";
    if (auto problem = array_size_problem(ctx->arraySize)) return problem;
  }
  const std::string_view offset = ctx->arrayOffset;
  if (!offset.empty() && offset != "[0]")
    return "partially transmitted arrays (SOAP-ENC:offset) are not supported";
  if (ctx->position > 0) return "sparse arrays (SOAP-ENC:position) are not supported";
  return std::nullopt;
}

// gSOAP binds the unqualified header member `auth` by local name alone, so <auth xmlns="urn:x">
// would be read as credentials. api §2.4: `auth` in no namespace or in the types namespace only;
// any other is a header we do not know (ignored, or refused with mustUnderstand="1").
void forget_foreign_auth(struct soap* ctx) {
  const char* colon = std::strchr(ctx->tag, ':');
  if (std::strcmp(colon ? colon + 1 : ctx->tag, "auth") != 0) return;
  const char* ns = soap_current_namespace_tag(ctx, ctx->tag);
  ctx->error = SOAP_OK;  // an undeclared prefix is gSOAP's to refuse when it matches the tag
  if (ns == nullptr || std::strcmp(ns, kTypesNamespace) == 0) return;
  soap_strcpy(ctx->tag, sizeof(ctx->tag), "{foreign}auth");  // matches no member of the Header
}

// gSOAP's feltbegin hook: called once per element, after its attributes are read and before
// any reader looks at it.
int check_element(struct soap* ctx, const char*) {
  RequestState& rq = state_of(ctx);
  if (rq.part == EnvelopePart::kHeader) {
    // The credentials are taken from the Header before the Body is read, while gSOAP resolves
    // references only at the end of the message: a referenced auth would be seen as missing,
    // or filled in after authentication.
    if (*ctx->href || *ctx->id)
      return refuse(ctx, core::ErrorCode::kMalformedRequest,
                    "multi-reference values (href, id) are not accepted in the SOAP Header");
    if (ctx->level == 2) forget_foreign_auth(ctx);  // a child of Header (Envelope 1, Header 2)
  } else if (rq.part == EnvelopePart::kBody && ctx->level == 2 && !*ctx->id && ++rq.body_elements > 1) {
    // gSOAP would run the first method and ignore the rest; the caller meant them all.
    return refuse(ctx, core::ErrorCode::kMalformedRequest, "the SOAP Body holds more than one method element");
  }
  if (auto problem = array_attributes_problem(ctx)) return refuse(ctx, core::ErrorCode::kInvalidArgument, *problem);
  ctx->arrayType[0] = '\0';
  ctx->arraySize[0] = '\0';
  ctx->arrayOffset[0] = '\0';
  return SOAP_OK;
}

services::Credentials credentials_from(const ngnpro__AuthHeader* auth, const std::string& peer) {
  services::Credentials c;
  c.peer = peer;
  if (auth == nullptr) return c;
  c.present = true;
  c.username = auth->username ? *auth->username : std::string{};
  c.password = auth->password ? *auth->password : std::string{};
  c.admin = auth->admin && *auth->admin;
  c.impersonate = auth->impersonate ? *auth->impersonate : 0;
  return c;
}

// One gSOAP context and the generated port classes over it, per worker thread.
struct Engine {
  struct soap* ctx;
  CustomerService customer;
  SipService sip;
  DnsService dns;
  EnumService enum_port;
  VoicemailService voicemail;

  Engine()
      // in: no HTTP header (transport framed it), UTF-8 kept as is;
      // out: no HTTP header, no id/href multi-refs (SOAP_XML_TREE).
      : ctx(soap_new2(SOAP_ENC_PLAIN | SOAP_C_UTFSTRING, SOAP_ENC_PLAIN | SOAP_C_UTFSTRING | SOAP_XML_TREE)),
        customer(ctx), sip(ctx), dns(ctx), enum_port(ctx), voicemail(ctx) {
    ctx->frecv = read_body;
    ctx->fsend = write_body;
    ctx->feltbegin = check_element;  // every element, once its attributes are read
    // gSOAP skips header elements whose SOAP-ENV:actor is not "next"; PEAR under PHP 5 sends
    // <auth SOAP-ENV:actor=""> (api §2.4: ignore actor).
    ctx->actor = "";
    ctx->maxlevel = 64;               // XML nesting depth
    ctx->maxoccurs = kMaxArrayItems;  // items in one array
  }
  ~Engine() {
    // The port classes do not own ctx; free it once, after them.
    customer.soap = sip.soap = dns.soap = enum_port.soap = voicemail.soap = nullptr;
    soap_destroy(ctx);
    soap_end(ctx);
    soap_free(ctx);
  }

  // The body element's namespace URI and name pick the port and method; path, prefix and
  // SOAPAction do not matter (api §2.1).
  int dispatch() {
    int err = customer.dispatch();
    if (err == SOAP_NO_METHOD) err = sip.dispatch();
    if (err == SOAP_NO_METHOD) err = dns.dispatch();
    if (err == SOAP_NO_METHOD) err = enum_port.dispatch();
    if (err == SOAP_NO_METHOD) err = voicemail.dispatch();
    return err;
  }
};

std::string gsoap_message(struct soap* ctx) {
  soap_set_fault(ctx);
  const char** text = soap_faultstring(ctx);
  const char** detail = soap_faultdetail(ctx);
  std::string message = text && *text ? *text : "malformed request";
  if (detail && *detail && **detail) message += std::string(": ") + *detail;
  return message;
}

// gSOAP's own complaint about the request: a value of the wrong form is the caller's invalid
// argument (8003); anything else means the XML or envelope itself is broken (9001).
core::ErrorCode code_for_gsoap_error(int error) {
  switch (error) {
    case SOAP_TYPE:
    case SOAP_LENGTH:
    case SOAP_OCCURS:
    case SOAP_FIXED:
    case SOAP_NULL:
    case SOAP_MISSING_ID:
    case SOAP_HREF:
      return core::ErrorCode::kInvalidArgument;
    default:
      return core::ErrorCode::kMalformedRequest;
  }
}

// Faults from here on are SOAP 1.1 whatever came in: gSOAP adopts the request's envelope version
// (0 for XML without an envelope) into the context, and builds faults for that version.
int soap11_fault(struct soap* ctx, core::ErrorCode code, const std::string& message) {
  soap_set_namespaces(ctx, namespaces);
  soap_set_version(ctx, 1);
  send_fault(ctx, code, message);
  return SOAP_FAULT;
}

constexpr std::string_view kSoap12Envelope = "http://www.w3.org/2003/05/soap-envelope";

// Reads the envelope up to the Body's first child; gSOAP's error code, or SOAP_OK.
int begin_request(struct soap* ctx, RequestState& rq) {
  if (soap_begin_recv(ctx) || soap_envelope_begin_in(ctx)) return ctx->error;
  rq.part = EnvelopePart::kHeader;
  if (soap_recv_header(ctx) || soap_body_begin_in(ctx)) return ctx->error;
  rq.part = EnvelopePart::kBody;
  return SOAP_OK;
}

SoapResult serve(Engine& engine, services::Services& services, const std::string& body, const std::string& peer) {
  struct soap* ctx = engine.ctx;
  RequestState rq;
  rq.services = &services;
  rq.input = &body;
  ctx->user = static_cast<RequestContext*>(&rq);

  soap_begin(ctx);
  int err = SOAP_OK;
  if (const auto problem = find_xml_violation(body)) {
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, *problem);
  } else if (body.find(kSoap12Envelope) != std::string::npos) {
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, "SOAP 1.2 is not supported; send SOAP 1.1");
  } else if (const int read = begin_request(ctx, rq); read != SOAP_OK) {
    err = read;
  } else if (ctx->version != 1) {
    // In plain mode gSOAP also takes XML without a SOAP envelope (REST); we take only SOAP 1.1.
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, "not a SOAP 1.1 envelope");
  } else {
    // The handlers read the credentials from rq; leaving them in ctx->header would make the
    // generated code echo the request header, password included, in the response.
    if (ctx->header) {
      rq.credentials = credentials_from(ctx->header->ngnpro__auth ? ctx->header->ngnpro__auth : ctx->header->auth, peer);
      ctx->header = nullptr;
    } else {
      rq.credentials = credentials_from(nullptr, peer);
    }
    const services::RequestScope scope = services.request_scope();
    err = authenticate(ctx);
    if (err == SOAP_OK) err = engine.dispatch();
  }

  if (rq.refusal && rq.fault_code == 0) {
    err = soap11_fault(ctx, *rq.refusal, rq.refusal_message);
  } else if (err == SOAP_MUSTUNDERSTAND && rq.fault_code == 0) {
    // SOAP 1.1 §4.2.3: a header marked mustUnderstand="1" that we do not process fails the whole
    // request. 9001: the envelope asks for something this server does not do; it is no value of
    // the call the client could correct (8003), and the method itself is known (9002).
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest,
                       std::string(ctx->tag) + " is marked mustUnderstand=\"1\" and is not understood");
  } else if (err == SOAP_NO_METHOD && *ctx->tag == '\0') {
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, "the SOAP Body holds no method element");
  } else if (err == SOAP_NO_METHOD) {
    err = soap11_fault(ctx, core::ErrorCode::kUnknownMethod,
                       "unknown method " + std::string(ctx->tag) + " for its namespace");
  } else if (err != SOAP_OK && rq.fault_code == 0) {
    err = soap11_fault(ctx, code_for_gsoap_error(err), gsoap_message(ctx));
  }
  if (err != SOAP_OK) {
    ctx->header = nullptr;
    rq.output.clear();  // anything half-written before the failure
    soap_send_fault(ctx);
  } else {
    mark_soap_arrays(rq.output);  // api §2.5
  }

  SoapResult result{err != SOAP_OK, std::move(rq.output), std::move(rq.operation), std::move(rq.caller),
                    rq.impersonated, rq.fault_code};
  soap_destroy(ctx);
  soap_end(ctx);
  ctx->user = nullptr;
  return result;
}

// The answer when serve() did not finish: written without gSOAP, whose context is in an unknown
// state. The shape of send_fault's faults (api §7.1).
SoapResult internal_fault() {
  const core::ErrorCode code = core::ErrorCode::kInternal;
  SoapResult result;
  result.fault = true;
  result.fault_code = core::wire_code(code);
  result.body = std::string(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
      " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
      "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>") +
      core::fault_string(code) +
      "</faultstring><detail><exception><errorcode xsi:type=\"xsd:int\">" + std::to_string(result.fault_code) +
      "</errorcode><errorstring xsi:type=\"xsd:string\">internal server error</errorstring></exception></detail>"
      "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";
  return result;
}

}  // namespace

SoapResult SoapEndpoint::handle(const std::string& body, const std::string& peer) {
  thread_local std::unique_ptr<Engine> engine;
  try {
    if (!engine) engine = std::make_unique<Engine>();
    return serve(*engine, services_, body, peer);
  } catch (const std::exception& e) {
    // std::bad_alloc from gSOAP, or anything a handler let out of guarded(): nothing may leave
    // here, or the client gets no SOAP answer and the worker's engine stays half-way through.
    spdlog::error("peer={} SOAP request failed outside the handlers: {}", core::log_safe(peer),
                  core::log_safe(e.what()));
  } catch (...) {
    spdlog::error("peer={} SOAP request failed outside the handlers: a non-standard exception",
                  core::log_safe(peer));
  }
  engine.reset();  // gSOAP stopped half-way through: the next request gets a new context
  return internal_fault();
}

}  // namespace ngnpro::ports
