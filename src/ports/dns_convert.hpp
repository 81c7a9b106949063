// gSOAP <-> core conversions of the Dns port's types (api §5.12).
#pragma once

#include "ngnpro/core/dns.hpp"
#include "soapH.h"

namespace ngnpro::ports {

core::DnsZoneInput to_dns_zone_input(const ngnpro__DnsZone* zone);
core::DnsZoneQuery to_dns_zone_query(const ngnpro__DnsZoneQuery* query);
core::DnsRecordInput to_dns_record_input(const ngnpro__DnsRecord* record);
core::DnsRecordInput to_dns_record_input(const ngnpro__DnsFancyRecord* record);
core::DnsRecordQuery to_dns_record_query(const ngnpro__DnsRecordQuery* query);
core::DnsRecordQuery to_dns_record_query(const ngnpro__DnsFancyRecordQuery* query);

ngnpro__DnsZone* new_dns_zone(struct soap* ctx, const core::DnsZone& zone);
ngnpro__DnsZoneQueryResult* new_dns_zone_query_result(struct soap* ctx, const core::Page<core::DnsZone>& page);
ngnpro__DnsRecord* new_dns_record(struct soap* ctx, const core::DnsRecord& record);
ngnpro__DnsRecordQueryResult* new_dns_record_query_result(struct soap* ctx, const core::Page<core::DnsRecord>& page);
ngnpro__DnsFancyRecord* new_dns_fancy_record(struct soap* ctx, const core::DnsRecord& record);
ngnpro__DnsFancyRecordQueryResult* new_dns_fancy_record_query_result(struct soap* ctx,
                                                                     const core::Page<core::DnsRecord>& page);

}  // namespace ngnpro::ports
