// The one place where exceptions become SOAP faults, and the per-request context that the
// SOAP engine hangs on struct soap::user.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ngnpro/core/error.hpp"
#include "ngnpro/services/caller.hpp"
#include "ngnpro/services/services.hpp"

struct soap;

namespace ngnpro::ports {

// Everything one request needs besides struct soap itself; set by SoapEndpoint per request.
struct RequestContext {
  services::Services* services = nullptr;
  services::Credentials credentials;   // from the SOAP auth header
  std::string operation;               // "Customer.getAccount", for the access log
  std::optional<services::Caller> authenticated;  // set by authenticate(), before the body is read
  std::string caller;                  // authenticated login, for the access log
  std::int64_t impersonated = 0;
  int fault_code = 0;                  // NGNPro code of the fault sent, 0 for a result
  const std::string* input = nullptr;  // request body read by gSOAP's frecv
  std::size_t input_pos = 0;
  std::string output;                  // response body written by gSOAP's fsend
};

RequestContext& context_of(struct soap* ctx);

using Operation = std::function<void(services::Services&, const services::Caller&)>;

// Authenticates the request's credentials once the SOAP header is read and before the body is:
// a caller without valid credentials never costs the server the parse of a large body
// (bench/hostile). SOAP_OK, or the fault answered. The caller keeps the request's database
// session open until the operation is done, so that both share one pooled connection.
int authenticate(struct soap* ctx);

// Runs op as the authenticated caller and turns any exception into the NGNPro fault of
// api §7.1: core::Error with its code, anything else 9000 with nothing internal leaked.
int guarded(struct soap* ctx, const char* operation, const Operation& op);

// Sets the SOAP fault for code with message as errorstring; returns the gSOAP error to return.
int send_fault(struct soap* ctx, core::ErrorCode code, const std::string& message);

// Answers fault 9002 "<operation> is not implemented yet" for a method whose port is not
// built yet. The body has been parsed in full by then, so the request was well-formed.
int not_implemented(struct soap* ctx, const char* operation);

}  // namespace ngnpro::ports
