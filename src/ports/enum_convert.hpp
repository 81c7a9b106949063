// gSOAP <-> core conversions of the Enum port's types (api §5.13).
#pragma once

#include "ngnpro/core/enum.hpp"
#include "soapH.h"

namespace ngnpro::ports {

// Prefixes and numbers trimmed, without a leading '+' (api §6); tlds trimmed and lower-cased.
// Both members required (8003).
core::EnumRangeId to_enum_range_id(const ngnpro__EnumRangeId* id, const char* what);
core::EnumId to_enum_id(const ngnpro__EnumId* id, const char* what);
core::EnumRangeInput to_enum_range_input(const ngnpro__EnumRange* range);
core::EnumRangeQuery to_enum_range_query(const ngnpro__EnumRangeQuery* query);
core::EnumNumberInput to_enum_number_input(const ngnpro__EnumNumber* number);
core::EnumNumberQuery to_enum_number_query(const ngnpro__EnumNumberQuery* query);

ngnpro__EnumRangeQueryResult* new_enum_range_query_result(struct soap* ctx, const core::Page<core::EnumRange>& page);
ngnpro__EnumNumber* new_enum_number(struct soap* ctx, const core::EnumNumber& number);
ngnpro__EnumNumberQueryResult* new_enum_number_query_result(struct soap* ctx,
                                                            const core::Page<core::EnumNumber>& page);

}  // namespace ngnpro::ports
