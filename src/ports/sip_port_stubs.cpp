// Sip port, api §4.2, including the §4.2.10 routing methods (they live in the Sip namespace):
// the operations not built yet (the provisioning and settings ones are in sip_port.cpp).
// Each one answers fault 9002 "not implemented" until the port is built; the request body has
// been parsed in full by then, so a well-formed call is told apart from a malformed one.
#include "guarded.hpp"
#include "soapSipService.h"

int SipService::addBalance(ngnpro__SipId*, xsd__double*, std::string*, sip__addBalanceResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addBalance");
}

int SipService::addBalanceFromVoucher(
    ngnpro__SipId*, ngnpro__PrepaidCard*, sip__addBalanceFromVoucherResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addBalanceFromVoucher");
}

int SipService::getPrepaidStatus(SipIdArray*, sip__getPrepaidStatusResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getPrepaidStatus");
}

int SipService::getCreditHistory(ngnpro__SipId*, xsd__int*, sip__getCreditHistoryResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getCreditHistory");
}

int SipService::getCalls(ngnpro__SipId*, ngnpro__CallsQuery*, sip__getCallsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getCalls");
}

int SipService::getCallStatistics(
    ngnpro__SipId*, ngnpro__CallsQuery*, sip__getCallStatisticsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getCallStatistics");
}

int SipService::getSipDeviceLocations(SipIdArray*, sip__getSipDeviceLocationsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getSipDeviceLocations");
}

int SipService::getSipTrace(ngnpro__SipTraceFilter*, sip__getSipTraceResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getSipTrace");
}

int SipService::getMediaTrace(ngnpro__MediaTraceFilter*, sip__getMediaTraceResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getMediaTrace");
}

int SipService::getMediaSummary(sip__getMediaSummaryResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getMediaSummary");
}

int SipService::getMediaSessions(sip__getMediaSessionsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getMediaSessions");
}

int SipService::addCarrier(ngnpro__Carrier*, sip__addCarrierResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addCarrier");
}

int SipService::updateCarrier(ngnpro__Carrier*, sip__updateCarrierResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.updateCarrier");
}

int SipService::deleteCarrier(xsd__integer*, sip__deleteCarrierResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.deleteCarrier");
}

int SipService::getCarriers(ngnpro__CarrierQuery*, sip__getCarriersResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getCarriers");
}

int SipService::addGateway(ngnpro__Gateway*, sip__addGatewayResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addGateway");
}

int SipService::updateGateway(ngnpro__Gateway*, sip__updateGatewayResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.updateGateway");
}

int SipService::deleteGateway(xsd__integer*, sip__deleteGatewayResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.deleteGateway");
}

int SipService::getGateways(ngnpro__GatewayQuery*, sip__getGatewaysResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getGateways");
}

int SipService::addGatewayRule(ngnpro__GatewayRule*, sip__addGatewayRuleResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addGatewayRule");
}

int SipService::updateGatewayRule(ngnpro__GatewayRule*, sip__updateGatewayRuleResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.updateGatewayRule");
}

int SipService::deleteGatewayRule(xsd__integer*, sip__deleteGatewayRuleResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.deleteGatewayRule");
}

int SipService::getGatewayRules(ngnpro__GatewayRuleQuery*, sip__getGatewayRulesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getGatewayRules");
}

int SipService::addRoutes(RouteArray*, sip__addRoutesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.addRoutes");
}

int SipService::updateRoutes(RouteArray*, sip__updateRoutesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.updateRoutes");
}

int SipService::deleteRoutes(RouteArray*, sip__deleteRoutesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.deleteRoutes");
}

int SipService::getRoutes(ngnpro__RouteQuery*, sip__getRoutesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Sip.getRoutes");
}
