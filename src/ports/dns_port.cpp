// Dns port, api §4.3: every operation of the generated DnsService.
// Each one answers fault 9002 "not implemented" until the port is built; the request body has
// been parsed in full by then, so a well-formed call is told apart from a malformed one.
#include "guarded.hpp"
#include "soapDnsService.h"

int DnsService::addZone(ngnpro__DnsZone*, dns__addZoneResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.addZone");
}

int DnsService::updateZone(ngnpro__DnsZone*, dns__updateZoneResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.updateZone");
}

int DnsService::deleteZone(std::string*, dns__deleteZoneResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.deleteZone");
}

int DnsService::getZone(std::string*, dns__getZoneResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getZone");
}

int DnsService::getZones(ngnpro__DnsZoneQuery*, dns__getZonesResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getZones");
}

int DnsService::addRecord(ngnpro__DnsRecord*, dns__addRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.addRecord");
}

int DnsService::updateRecord(ngnpro__DnsRecord*, dns__updateRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.updateRecord");
}

int DnsService::deleteRecord(xsd__integer*, dns__deleteRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.deleteRecord");
}

int DnsService::getRecord(xsd__integer*, dns__getRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getRecord");
}

int DnsService::getRecords(ngnpro__DnsRecordQuery*, dns__getRecordsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getRecords");
}

int DnsService::addFancyRecord(ngnpro__DnsFancyRecord*, dns__addFancyRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.addFancyRecord");
}

int DnsService::updateFancyRecord(ngnpro__DnsFancyRecord*, dns__updateFancyRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.updateFancyRecord");
}

int DnsService::deleteFancyRecord(xsd__integer*, dns__deleteFancyRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.deleteFancyRecord");
}

int DnsService::getFancyRecord(xsd__integer*, dns__getFancyRecordResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getFancyRecord");
}

int DnsService::getFancyRecords(ngnpro__DnsFancyRecordQuery*, dns__getFancyRecordsResponse*) {
  return ngnpro::ports::not_implemented(soap, "Dns.getFancyRecords");
}
