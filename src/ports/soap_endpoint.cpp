#include "ngnpro/ports/soap_endpoint.hpp"

#include <cstring>
#include <memory>

#include "guarded.hpp"
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

// PEAR SOAP types arrays of structs as SOAP-ENC:arrayType="Struct[n]", which gSOAP's array
// readers would reject; forgetting the declared item type accepts any arrayType (api §2.6.6).
// Each item is still read, and checked, by its own reader (gSOAP recipe §9.2).
int relax_array_type(struct soap* ctx, const char*) {
  ctx->arrayType[0] = '\0';
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
    ctx->feltbegin = relax_array_type;
    // gSOAP skips header elements whose SOAP-ENV:actor is not "next"; PEAR under PHP 5 sends
    // <auth SOAP-ENV:actor=""> (api §2.4: ignore actor).
    ctx->actor = "";
    ctx->maxlevel = 64;        // XML nesting depth
    ctx->maxoccurs = 100'000;  // items in one array
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

}  // namespace

SoapResult SoapEndpoint::handle(const std::string& body, const std::string& peer) {
  thread_local Engine engine;
  struct soap* ctx = engine.ctx;
  RequestContext rq;
  rq.services = &services_;
  rq.input = &body;
  ctx->user = &rq;

  soap_begin(ctx);
  int err = SOAP_OK;
  if (const auto problem = find_xml_violation(body)) {
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, *problem);
  } else if (body.find(kSoap12Envelope) != std::string::npos) {
    err = soap11_fault(ctx, core::ErrorCode::kMalformedRequest, "SOAP 1.2 is not supported; send SOAP 1.1");
  } else if (soap_begin_recv(ctx) || soap_envelope_begin_in(ctx) || soap_recv_header(ctx) ||
             soap_body_begin_in(ctx)) {
    err = ctx->error;
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
    err = engine.dispatch();
  }

  if (err == SOAP_NO_METHOD && *ctx->tag == '\0') {
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
  }

  SoapResult result{err != SOAP_OK, std::move(rq.output), std::move(rq.operation), std::move(rq.caller),
                    rq.impersonated, rq.fault_code};
  soap_destroy(ctx);
  soap_end(ctx);
  ctx->user = nullptr;
  return result;
}

}  // namespace ngnpro::ports
