// Dns port (api §4.3): convert in, call one service, convert out.
#include "soapDnsService.h"

#include "convert.hpp"
#include "dns_convert.hpp"
#include "guarded.hpp"

using ngnpro::ports::guarded;
using ngnpro::ports::required_id;
using ngnpro::ports::required_text;
using ngnpro::services::Caller;
using ngnpro::services::Services;
namespace ports = ngnpro::ports;

int DnsService::addZone(ngnpro__DnsZone* zone, dns__addZoneResponse*) {
  return guarded(soap, "Dns.addZone", [&](Services& svc, const Caller& caller) {
    svc.dns.add_zone(caller, ports::to_dns_zone_input(zone));
  });
}

int DnsService::updateZone(ngnpro__DnsZone* zone, dns__updateZoneResponse*) {
  return guarded(soap, "Dns.updateZone", [&](Services& svc, const Caller& caller) {
    svc.dns.update_zone(caller, ports::to_dns_zone_input(zone));
  });
}

int DnsService::deleteZone(std::string* zone, dns__deleteZoneResponse*) {
  return guarded(soap, "Dns.deleteZone", [&](Services& svc, const Caller& caller) {
    svc.dns.delete_zone(caller, required_text(zone, "zone"));
  });
}

int DnsService::getZone(std::string* zone, dns__getZoneResponse* out) {
  return guarded(soap, "Dns.getZone", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_dns_zone(soap, svc.dns.get_zone(caller, required_text(zone, "zone")));
  });
}

int DnsService::getZones(ngnpro__DnsZoneQuery* query, dns__getZonesResponse* out) {
  return guarded(soap, "Dns.getZones", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_dns_zone_query_result(soap, svc.dns.list_zones(caller, ports::to_dns_zone_query(query)));
  });
}

int DnsService::addRecord(ngnpro__DnsRecord* record, dns__addRecordResponse*) {
  return guarded(soap, "Dns.addRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.add_record(caller, ports::to_dns_record_input(record));
  });
}

int DnsService::updateRecord(ngnpro__DnsRecord* record, dns__updateRecordResponse*) {
  return guarded(soap, "Dns.updateRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.update_record(caller, ports::to_dns_record_input(record));
  });
}

int DnsService::deleteRecord(xsd__integer* recordId, dns__deleteRecordResponse*) {
  return guarded(soap, "Dns.deleteRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.delete_record(caller, required_id(recordId, "recordId"));
  });
}

int DnsService::getRecord(xsd__integer* recordId, dns__getRecordResponse* out) {
  return guarded(soap, "Dns.getRecord", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_dns_record(soap, svc.dns.get_record(caller, required_id(recordId, "recordId")));
  });
}

int DnsService::getRecords(ngnpro__DnsRecordQuery* query, dns__getRecordsResponse* out) {
  return guarded(soap, "Dns.getRecords", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_dns_record_query_result(soap, svc.dns.list_records(caller, ports::to_dns_record_query(query)));
  });
}

int DnsService::addFancyRecord(ngnpro__DnsFancyRecord* record, dns__addFancyRecordResponse*) {
  return guarded(soap, "Dns.addFancyRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.add_fancy_record(caller, ports::to_dns_record_input(record));
  });
}

int DnsService::updateFancyRecord(ngnpro__DnsFancyRecord* record, dns__updateFancyRecordResponse*) {
  return guarded(soap, "Dns.updateFancyRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.update_fancy_record(caller, ports::to_dns_record_input(record));
  });
}

int DnsService::deleteFancyRecord(xsd__integer* recordId, dns__deleteFancyRecordResponse*) {
  return guarded(soap, "Dns.deleteFancyRecord", [&](Services& svc, const Caller& caller) {
    svc.dns.delete_fancy_record(caller, required_id(recordId, "recordId"));
  });
}

int DnsService::getFancyRecord(xsd__integer* recordId, dns__getFancyRecordResponse* out) {
  return guarded(soap, "Dns.getFancyRecord", [&](Services& svc, const Caller& caller) {
    out->return_ =
        ports::new_dns_fancy_record(soap, svc.dns.get_fancy_record(caller, required_id(recordId, "recordId")));
  });
}

int DnsService::getFancyRecords(ngnpro__DnsFancyRecordQuery* query, dns__getFancyRecordsResponse* out) {
  return guarded(soap, "Dns.getFancyRecords", [&](Services& svc, const Caller& caller) {
    out->return_ = ports::new_dns_fancy_record_query_result(
        soap, svc.dns.list_fancy_records(caller, ports::to_dns_record_query(query)));
  });
}
