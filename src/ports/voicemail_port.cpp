// Voicemail port, api §4.5: every operation of the generated VoicemailService.
// Each one answers fault 9002 "not implemented" until the port is built; the request body has
// been parsed in full by then, so a well-formed call is told apart from a malformed one.
#include "guarded.hpp"
#include "soapVoicemailService.h"

int VoicemailService::addAccount(ngnpro__VoicemailAccount*, voicemail__addAccountResponse*) {
  return ngnpro::ports::not_implemented(soap, "Voicemail.addAccount");
}

int VoicemailService::updateAccount(ngnpro__VoicemailAccount*, voicemail__updateAccountResponse*) {
  return ngnpro::ports::not_implemented(soap, "Voicemail.updateAccount");
}

int VoicemailService::deleteAccount(ngnpro__SipId*, voicemail__deleteAccountResponse*) {
  return ngnpro::ports::not_implemented(soap, "Voicemail.deleteAccount");
}

int VoicemailService::getAccount(ngnpro__SipId*, voicemail__getAccountResponse*) {
  return ngnpro::ports::not_implemented(soap, "Voicemail.getAccount");
}

int VoicemailService::setAnnouncement(
    ngnpro__SipId*, std::string*, voicemail__setAnnouncementResponse*) {
  return ngnpro::ports::not_implemented(soap, "Voicemail.setAnnouncement");
}
