// Enum port, api §4.4: every operation of the generated EnumService.
// Each one answers fault 9002 "not implemented" until the port is built; the request body has
// been parsed in full by then, so a well-formed call is told apart from a malformed one.
#include "guarded.hpp"
#include "soapEnumService.h"

int EnumService::addRange(ngnpro__EnumRange*, enum__addRangeResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.addRange");
}

int EnumService::updateRange(ngnpro__EnumRange*, enum__updateRangeResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.updateRange");
}

int EnumService::deleteRange(ngnpro__EnumRangeId*, enum__deleteRangeResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.deleteRange");
}

int EnumService::getRanges(ngnpro__EnumRangeQuery*, enum__getRangesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.getRanges");
}

int EnumService::addNumber(ngnpro__EnumNumber*, enum__addNumberResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.addNumber");
}

int EnumService::updateNumber(ngnpro__EnumNumber*, enum__updateNumberResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.updateNumber");
}

int EnumService::deleteNumber(ngnpro__EnumId*, enum__deleteNumberResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.deleteNumber");
}

int EnumService::getNumber(ngnpro__EnumId*, enum__getNumberResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.getNumber");
}

int EnumService::getNumbers(ngnpro__EnumNumberQuery*, enum__getNumbersResponse*) {
  return ngnpro::ports::not_implemented(soap, "Enum.getNumbers");
}
