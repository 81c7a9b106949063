// Enum port (api §4.4): convert in, call one service, convert out.
#include "soapEnumService.h"

#include "convert.hpp"
#include "enum_convert.hpp"
#include "guarded.hpp"

using ngnpro::ports::guarded;
using ngnpro::services::Caller;
using ngnpro::services::Services;
namespace ports = ngnpro::ports;

int EnumService::addRange(ngnpro__EnumRange* range, enum__addRangeResponse*) {
  return guarded(soap, "Enum.addRange", [&](Services& svc, const Caller& caller) {
    svc.enums.add_range(caller, ports::to_enum_range_input(range));
  });
}

int EnumService::updateRange(ngnpro__EnumRange* range, enum__updateRangeResponse*) {
  return guarded(soap, "Enum.updateRange", [&](Services& svc, const Caller& caller) {
    svc.enums.update_range(caller, ports::to_enum_range_input(range));
  });
}

int EnumService::deleteRange(ngnpro__EnumRangeId* range, enum__deleteRangeResponse*) {
  return guarded(soap, "Enum.deleteRange", [&](Services& svc, const Caller& caller) {
    svc.enums.delete_range(caller, ports::to_enum_range_id(range, "range"));
  });
}

int EnumService::getRanges(ngnpro__EnumRangeQuery* query, enum__getRangesResponse* out) {
  return guarded(soap, "Enum.getRanges", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_enum_range_query_result(soap, svc.enums.list_ranges(caller, ports::to_enum_range_query(query)));
  });
}

int EnumService::addNumber(ngnpro__EnumNumber* number, enum__addNumberResponse*) {
  return guarded(soap, "Enum.addNumber", [&](Services& svc, const Caller& caller) {
    svc.enums.add_number(caller, ports::to_enum_number_input(number));
  });
}

int EnumService::updateNumber(ngnpro__EnumNumber* number, enum__updateNumberResponse*) {
  return guarded(soap, "Enum.updateNumber", [&](Services& svc, const Caller& caller) {
    svc.enums.update_number(caller, ports::to_enum_number_input(number));
  });
}

int EnumService::deleteNumber(ngnpro__EnumId* enumId, enum__deleteNumberResponse*) {
  return guarded(soap, "Enum.deleteNumber", [&](Services& svc, const Caller& caller) {
    svc.enums.delete_number(caller, ports::to_enum_id(enumId, "enumId"));
  });
}

int EnumService::getNumber(ngnpro__EnumId* enumId, enum__getNumberResponse* out) {
  return guarded(soap, "Enum.getNumber", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_enum_number(soap, svc.enums.get_number(caller, ports::to_enum_id(enumId, "enumId")));
  });
}

int EnumService::getNumbers(ngnpro__EnumNumberQuery* query, enum__getNumbersResponse* out) {
  return guarded(soap, "Enum.getNumbers", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_enum_number_query_result(soap, svc.enums.list_numbers(caller, ports::to_enum_number_query(query)));
  });
}
