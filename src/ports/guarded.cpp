#include "guarded.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "ngnpro/core/text_limits.hpp"
#include "soapH.h"

namespace ngnpro::ports {

namespace {

// A fault message may carry an excerpt of client text; the whole message is bounded again here
// and characters XML 1.0 forbids (C0 controls other than TAB/LF/CR) are dropped, so the detail
// is always well-formed for the client's parser.
constexpr std::size_t kMaxFaultMessageBytes = 1024;

std::string xml_escape(const std::string& text) {
  const std::string bounded = core::excerpt(text, kMaxFaultMessageBytes);
  std::string out;
  out.reserve(bounded.size());
  for (const char c : bounded) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\t': case '\n': case '\r': out += c; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

}  // namespace

RequestContext& context_of(struct soap* ctx) { return *static_cast<RequestContext*>(ctx->user); }

int send_fault(struct soap* ctx, core::ErrorCode code, const std::string& message) {
  RequestContext& rq = context_of(ctx);
  rq.fault_code = core::wire_code(code);
  // Raw XML on purpose: an xsi:type on <exception> makes PHP's SoapClient hand back a SoapVar
  // instead of an object (gSOAP recipe §2, pitfall 8); CDRTool reads detail->exception->errorcode.
  const std::string detail = "<exception><errorcode xsi:type=\"xsd:int\">" + std::to_string(rq.fault_code) +
                             "</errorcode><errorstring xsi:type=\"xsd:string\">" + xml_escape(message) +
                             "</errorstring></exception>";
  const char* faultstring = core::fault_string(code);
  char* detail_copy = soap_strdup(ctx, detail.c_str());
  return core::is_client_error(code) ? soap_sender_fault(ctx, faultstring, detail_copy)
                                     : soap_receiver_fault(ctx, faultstring, detail_copy);
}

namespace {

// The one place where an exception becomes a fault.
template <class F>
int answering_faults(struct soap* ctx, const char* what, F&& fn) {
  try {
    fn();
    return SOAP_OK;
  } catch (const core::Error& e) {
    return send_fault(ctx, e.code(), e.what());
  } catch (const std::exception& e) {
    spdlog::error("{} failed unexpectedly: {}", what, e.what());
    return send_fault(ctx, core::ErrorCode::kInternal, "internal server error");
  }
}

}  // namespace

int authenticate(struct soap* ctx) {
  RequestContext& rq = context_of(ctx);
  return answering_faults(ctx, "authentication", [&rq] {
    rq.authenticated = rq.services->auth.authenticate(rq.credentials);
    rq.caller = rq.authenticated->login;
    rq.impersonated = rq.authenticated->impersonated;
  });
}

int guarded(struct soap* ctx, const char* operation, const Operation& op) {
  RequestContext& rq = context_of(ctx);
  rq.operation = operation;
  return answering_faults(ctx, operation, [&rq, &op] {
    if (!rq.authenticated) throw std::logic_error("operation dispatched before authentication");
    op(*rq.services, *rq.authenticated);
  });
}

int not_implemented(struct soap* ctx, const char* operation) {
  context_of(ctx).operation = operation;
  return send_fault(ctx, core::ErrorCode::kUnknownMethod, std::string(operation) + " is not implemented yet");
}

}  // namespace ngnpro::ports
