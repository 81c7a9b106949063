// ngnpro.h -- the soapcpp2 input for the whole first-scope contract (api §4.1–§4.5, §5).
// soapcpp2 -1 -e -t -S -j -x -u: SOAP 1.1, rpc/encoded, xsi:type on every element, server side,
// one <Port>Service class per port sharing one struct soap. Generated code goes to the build
// tree only (wsdl/CMakeLists.txt); merge_wsdl.py turns the output into ngnpro.wsdl.
//
// Conventions (research/gsoap/RECIPE.md §2, §9):
// - Prefix ngnpro = the types namespace; each port has its own prefix = its rpc body namespace.
//   soap_match_tag compares namespace URIs, so the client's prefixes (ns4, ns5...) never matter.
// - Every member is a pointer: a missing or empty member must be representable as NULL (api
//   §2.6.3, §2.6.5). "T *x nullptr 1;" is required+nillable (NULL goes out as xsi:nil="true"),
//   "T *x 1;" is a key the spec marks "not nil".
// - SOAP-ENC arrays are UNPREFIXED __ptr/__size classes, always referenced through a pointer:
//   by value, gSOAP checks SOAP-ENC:arrayType and rejects the real client's "Struct[n]" (RECIPE
//   §9.1). soapcpp2 names them ArrayOfX in the schema; merge_wsdl.py --rename restores the names.
//   On output an array is written with SOAP-ENC:arrayType="ngnpro:X[n]" only when __ptr is not
//   NULL: give an empty array __ptr = soap_new_X(soap, 0), never nullptr, or it goes out as a
//   bare element that PEAR decodes as "" instead of an empty list (api §2.5). gSOAP writes no
//   xsi:type on arrays; SoapEndpoint adds xsi:type="SOAP-ENC:Array" to the finished response
//   (ports/xml_guard.hpp mark_soap_arrays). On input the declared size is never allocated: the
//   element hook checks it and gSOAP grows the array item by item (ports/soap_endpoint.cpp).
// - Scalars are the lenient types of lenient.h: any xsi:type, empty content = nil (api §2.6.4-5).
//   xsd__integer (long long) holds every id and every reference to an entity (customer, reseller,
//   owner, carrier_id...), epoch times and other values that may pass 2^31, even where the spec
//   says int; xsd__int holds counts, sizes, ports, timers and small flags.
// - Member "enum_" / "delete_" / "return_" are the elements enum / delete / return: soapcpp2
//   drops the trailing underscore.
// - soapcpp2 writes an inner "_" of a name as "-" in XML (carrier_id would become <carrier-id>
//   and never bind), so the spec's underscored names are spelled with gSOAP's _USCORE escape:
//   member carrier_USCOREid is element <carrier_id>.

//gsoap ngnpro schema namespace: urn:AGProjects:NGNPro
//gsoap ngnpro schema form:      unqualified

#import "lenient.h"

// ==== §5.1 simple types: restrictions of xsd:string ========================================
// Not C enums: an unknown value must reach the service layer, which answers with the proper
// fault, instead of failing in the parser (other values of the real server are unknown).
typedef std::string ngnpro__DnsRecordType;        // A AAAA CNAME MX NAPTR NS SRV TXT PTR LOC
typedef std::string ngnpro__DnsFancyRecordType;   // MBOXFW URL
typedef std::string ngnpro__TrustedPeerProtocol;  // any udp tcp tls (default any)

// ==== §5.2 common structures and arrays ====================================================
class StringArray { public:
  std::string *__ptr;
  int          __size;
};

class ngnpro__SipId { public:
  std::string *username 1;
  std::string *domain   1;
};
class SipIdArray { public:
  ngnpro__SipId *__ptr;
  int            __size;
};

class ngnpro__Property { public:
  std::string *name  1;
  std::string *value nullptr 1;
};
class PropertyArray { public:
  ngnpro__Property *__ptr;
  int               __size;
};

class ngnpro__SubscriberACL { public:
  std::string *ip   1;
  xsd__int    *mask nullptr 1;
  std::string *tag  nullptr 1;
};
class SubscriberACLArray { public:
  ngnpro__SubscriberACL *__ptr;
  int                    __size;
};

class ngnpro__Range { public:
  xsd__int *start nullptr 1;
  xsd__int *count nullptr 1;
};

class ngnpro__OrderBy { public:
  std::string *attribute nullptr 1;
  std::string *direction nullptr 1;
};

// ==== §5.15 header and fault types =========================================================
class ngnpro__AuthHeader { public:
  std::string  *username    nullptr;
  std::string  *password    nullptr;
  xsd__boolean *admin       0;
  xsd__integer *impersonate 0;
};

// For the WSDL only: the fault mapper writes <detail><exception>...</exception></detail> as raw
// XML, because a typed detail makes PHP's SoapClient return a SoapVar (RECIPE §2 Faults).
class ngnpro__NGNProException { public:
  xsd__int    errorcode;
  std::string errorstring;
};

struct SOAP_ENV__Header {
  mustUnderstand ngnpro__AuthHeader *ngnpro__auth;  // <ngnpro:auth>: WSDL-driven clients
  ngnpro__AuthHeader *auth 0;                       // <auth> in no namespace: PEAR (api §2.4)
};

struct SOAP_ENV__Detail {
  _XML  __any;                                      // raw XML detail, see above
  int   __type;
  void *fault;
};

// ==== §5.3 customer types ==================================================================
class ngnpro__CustomerProperty { public:
  std::string *name       1;
  std::string *value      nullptr 1;
  std::string *category   nullptr 1;
  std::string *permission nullptr 1;
};
class CustomerPropertyArray { public:
  ngnpro__CustomerProperty *__ptr;
  int                       __size;
};

class ngnpro__CustomerAccount { public:
  xsd__integer          *id             nullptr 1;
  xsd__integer          *reseller       nullptr 1;
  xsd__integer          *impersonate    nullptr 1;
  std::string           *username       nullptr 1;
  std::string           *password       nullptr 1;
  std::string           *firstName      nullptr 1;
  std::string           *lastName       nullptr 1;
  std::string           *organization   nullptr 1;
  std::string           *vatNumber      nullptr 1;
  std::string           *email          nullptr 1;
  std::string           *web            nullptr 1;
  std::string           *tel            nullptr 1;
  std::string           *fax            nullptr 1;
  std::string           *mobile         nullptr 1;
  std::string           *sip            nullptr 1;
  std::string           *enum_          nullptr 1;
  std::string           *address        nullptr 1;
  std::string           *postcode       nullptr 1;
  std::string           *city           nullptr 1;
  std::string           *state          nullptr 1;
  std::string           *country        nullptr 1;
  std::string           *timezone       nullptr 1;
  std::string           *language       nullptr 1;
  std::string           *bankAccount    nullptr 1;
  std::string           *billingAddress nullptr 1;
  std::string           *billingEmail   nullptr 1;
  xsd__double           *balance        nullptr 1;
  xsd__double           *credit         nullptr 1;
  std::string           *companyCode    nullptr 1;
  xsd__boolean          *resellerActive nullptr 1;
  std::string           *changeDate     nullptr 1;
  CustomerPropertyArray *properties     nullptr 1;
};
class CustomerAccountArray { public:
  ngnpro__CustomerAccount *__ptr;
  int                      __size;
};

class ngnpro__CustomerFilter { public:
  std::string  *username             nullptr 1;
  std::string  *firstName            nullptr 1;
  std::string  *lastName             nullptr 1;
  std::string  *organization         nullptr 1;
  std::string  *tel                  nullptr 1;
  std::string  *email                nullptr 1;
  std::string  *web                  nullptr 1;
  std::string  *city                 nullptr 1;
  std::string  *country              nullptr 1;
  std::string  *only_USCOREresellers nullptr 1;
  xsd__integer *customer             nullptr 1;
  xsd__integer *reseller             nullptr 1;
};
class ngnpro__CustomerQuery { public:
  ngnpro__CustomerFilter *filter  nullptr 1;
  ngnpro__OrderBy        *orderBy nullptr 1;
  ngnpro__Range          *range   nullptr 1;
};
class ngnpro__CustomerQueryResult { public:
  xsd__int             *total    nullptr 1;
  CustomerAccountArray *accounts nullptr 1;
};

// ==== §5.4 SIP domain types ================================================================
class ngnpro__SipDomain { public:
  std::string  *domain                       1;
  xsd__integer *customer                     nullptr 1;
  xsd__integer *reseller                     nullptr 1;
  std::string  *certificate                  nullptr 1;
  std::string  *private_USCOREkey            nullptr 1;
  std::string  *match_USCOREip_USCOREaddress nullptr 1;
  std::string  *match_USCOREsip_USCOREdomain nullptr 1;
  xsd__boolean *verify_USCOREcert            nullptr 1;
  xsd__boolean *require_USCOREcert           nullptr 1;
  std::string  *changeDate                   nullptr 1;
};
class SipDomainArray { public:
  ngnpro__SipDomain *__ptr;
  int                __size;
};
class ngnpro__SipDomainFilter { public:
  std::string  *domain   nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__SipDomainQuery { public:
  ngnpro__SipDomainFilter *filter  nullptr 1;
  ngnpro__OrderBy         *orderBy nullptr 1;
  ngnpro__Range           *range   nullptr 1;
};
class ngnpro__SipDomainQueryResult { public:
  xsd__int       *total   nullptr 1;
  SipDomainArray *domains nullptr 1;
};

// ==== §5.5 SIP account types ===============================================================
// Input-only extra answerTimeout is not declared: unknown members are skipped (api §2.6.2).
class ngnpro__SipAccount { public:
  ngnpro__SipId      *id              1;
  std::string        *password        nullptr 1;
  std::string        *firstName       nullptr 1;
  std::string        *lastName        nullptr 1;
  std::string        *email           nullptr 1;
  SubscriberACLArray *acl             nullptr 1;
  StringArray        *groups          nullptr 1;
  PropertyArray      *properties      nullptr 1;
  std::string        *timezone        nullptr 1;
  std::string        *rpid            nullptr 1;
  xsd__integer       *quota           nullptr 1;
  std::string        *quickdialPrefix nullptr 1;
  xsd__int           *callLimit       nullptr 1;
  xsd__boolean       *prepaid         nullptr 1;
  std::string        *region          nullptr 1;
  xsd__int           *timeout         nullptr 1;
  xsd__integer       *owner           nullptr 1;
  xsd__integer       *customer        nullptr 1;
  xsd__integer       *reseller        nullptr 1;
  std::string        *changeDate      nullptr 1;
  std::string        *createDate      nullptr 1;
};
class SipAccountArray { public:
  ngnpro__SipAccount *__ptr;
  int                 __size;
};
class ngnpro__SipFilter { public:
  std::string  *username  nullptr 1;
  std::string  *domain    nullptr 1;
  std::string  *firstName nullptr 1;
  std::string  *lastName  nullptr 1;
  std::string  *email     nullptr 1;
  xsd__integer *owner     nullptr 1;
  xsd__integer *customer  nullptr 1;
  xsd__integer *reseller  nullptr 1;
  StringArray  *groups    nullptr 1;
};
class ngnpro__SipQuery { public:
  ngnpro__SipFilter *filter  nullptr 1;
  ngnpro__OrderBy   *orderBy nullptr 1;
  ngnpro__Range     *range   nullptr 1;
};
class ngnpro__SipAccountQueryResult { public:
  xsd__int        *total    nullptr 1;
  SipAccountArray *accounts nullptr 1;
};

// ==== §5.6 alias types =====================================================================
class ngnpro__SipAlias { public:
  ngnpro__SipId *id         1;
  ngnpro__SipId *target     nullptr 1;
  xsd__integer  *owner      nullptr 1;
  xsd__integer  *customer   nullptr 1;
  xsd__integer  *reseller   nullptr 1;
  std::string   *changeDate nullptr 1;
};
class SipAliasArray { public:
  ngnpro__SipAlias *__ptr;
  int               __size;
};
class ngnpro__AliasFilter { public:
  std::string  *aliasUsername  nullptr 1;
  std::string  *aliasDomain    nullptr 1;
  std::string  *targetUsername nullptr 1;
  std::string  *targetDomain   nullptr 1;
  xsd__integer *owner          nullptr 1;
  xsd__integer *customer       nullptr 1;
  xsd__integer *reseller       nullptr 1;
};
class ngnpro__AliasQuery { public:
  ngnpro__AliasFilter *filter  nullptr 1;
  ngnpro__OrderBy     *orderBy nullptr 1;
  ngnpro__Range       *range   nullptr 1;
};
class ngnpro__SipAliasQueryResult { public:
  xsd__int      *total   nullptr 1;
  SipAliasArray *aliases nullptr 1;
};

// ==== §5.7 trusted peer types ==============================================================
class ngnpro__TrustedPeer { public:
  std::string                 *ip          1;
  ngnpro__TrustedPeerProtocol *protocol    nullptr 1;
  std::string                 *tag         nullptr 1;
  std::string                 *description nullptr 1;
  xsd__integer                *reseller    nullptr 1;
  std::string                 *changeDate  nullptr 1;
  std::string                 *tags        nullptr 1;
  xsd__integer                *customer    nullptr 1;
  xsd__integer                *owner       nullptr 1;
  xsd__int                    *callLimit   nullptr 1;
  xsd__int                    *blocked     nullptr 1;
  xsd__boolean                *prepaid     nullptr 1;
  xsd__boolean                *enumLookup  nullptr 1;
  xsd__boolean                *transit     nullptr 1;
  xsd__boolean                *msteams     nullptr 1;
  std::string                 *tenant      nullptr 1;
  std::string                 *authToken   nullptr 1;
  std::string                 *carrierName nullptr 1;
  std::string                 *originator  nullptr 1;
  std::string                 *prefix      nullptr 1;
  xsd__int                    *strip       nullptr 1;
  std::string                 *billingId   nullptr 1;
};
class TrustedPeerArray { public:
  ngnpro__TrustedPeer *__ptr;
  int                  __size;
};
// customer and reseller are not in §5.7's list, but CDRTool sends them (envelopes/Sip/
// getTrustedPeers.xml) and every other filter has them.
class ngnpro__TrustedPeerFilter { public:
  std::string  *ip          nullptr 1;
  std::string  *description nullptr 1;
  std::string  *tenant      nullptr 1;
  std::string  *tags        nullptr 1;
  std::string  *billingId   nullptr 1;
  xsd__boolean *msteams     nullptr 1;
  xsd__int     *blocked     nullptr 1;
  xsd__integer *customer    nullptr 1;
  xsd__integer *reseller    nullptr 1;
};
class ngnpro__TrustedPeerQuery { public:
  ngnpro__TrustedPeerFilter *filter  nullptr 1;
  ngnpro__OrderBy           *orderBy nullptr 1;
  ngnpro__Range             *range   nullptr 1;
};
class ngnpro__TrustedPeerQueryResult { public:
  xsd__int         *total nullptr 1;
  TrustedPeerArray *peers nullptr 1;
};

// ==== §5.8 settings types ==================================================================
class ngnpro__CallDiversions { public:
  std::string *FUNC nullptr 1;
  std::string *FNOL nullptr 1;
  std::string *FUNV nullptr 1;
  std::string *FNOA nullptr 1;
  std::string *FBUS nullptr 1;
  std::string *RUNC nullptr 1;
  std::string *RNOL nullptr 1;
  std::string *RUNV nullptr 1;
  std::string *RNOA nullptr 1;
  std::string *RBUS nullptr 1;
};

class ngnpro__AcceptRulePersistent { public:
  std::string *start  nullptr 1;
  std::string *stop   nullptr 1;
  StringArray *groups nullptr 1;
  xsd__int    *days   nullptr 1;
};
class AcceptRulePersistentArray { public:
  ngnpro__AcceptRulePersistent *__ptr;
  int                           __size;
};
class ngnpro__AcceptRuleTemporary { public:
  StringArray *groups   nullptr 1;
  xsd__int    *duration nullptr 1;
};
class ngnpro__AcceptRules { public:
  AcceptRulePersistentArray   *persistent nullptr 1;
  ngnpro__AcceptRuleTemporary *temporary  nullptr 1;
};
class ngnpro__AcceptRulesResult { public:
  ngnpro__AcceptRules *rules          nullptr 1;
  StringArray         *nonEmptyGroups nullptr 1;
};

// uri is the key of add/update but a LIKE pattern (or absent) in getPhonebookEntries' match.
class ngnpro__PhonebookEntry { public:
  std::string *uri   nullptr 1;
  std::string *name  nullptr 1;
  std::string *group nullptr 1;
};
class PhonebookEntryArray { public:
  ngnpro__PhonebookEntry *__ptr;
  int                     __size;
};
class ngnpro__PhonebookEntries { public:
  xsd__int            *total   nullptr 1;
  PhonebookEntryArray *entries nullptr 1;
};

// ==== §5.9 prepaid types ===================================================================
class ngnpro__PrepaidCard { public:
  xsd__integer *id     nullptr 1;
  std::string  *number nullptr 1;
};
class ngnpro__PrepaidStatus { public:
  xsd__double   *balance nullptr 1;
  ngnpro__SipId *id      nullptr 1;
};
class PrepaidStatusArray { public:
  ngnpro__PrepaidStatus *__ptr;
  int                    __size;
};
class ngnpro__BalanceChange { public:
  xsd__double *old_USCOREbalance nullptr 1;
  xsd__double *new_USCOREbalance nullptr 1;
};
class ngnpro__CreditHistoryEntry { public:
  std::string *date        nullptr 1;
  std::string *action      nullptr 1;
  std::string *description nullptr 1;
  xsd__double *value       nullptr 1;
  xsd__double *balance     nullptr 1;
  std::string *session     nullptr 1;
};
class CreditHistoryEntryArray { public:
  ngnpro__CreditHistoryEntry *__ptr;
  int                         __size;
};
class ngnpro__CreditHistory { public:
  CreditHistoryEntryArray *entries nullptr 1;
};

// ==== §5.10 call and location types ========================================================
class ngnpro__CallQuery { public:
  xsd__integer *fromDate nullptr 1;  // epoch seconds
  xsd__integer *toDate   nullptr 1;
  xsd__int     *limit    nullptr 1;
};
class ngnpro__CallsQuery { public:
  ngnpro__CallQuery *placed   nullptr 1;
  ngnpro__CallQuery *received nullptr 1;
};
class ngnpro__Call { public:
  std::string  *fromURI          nullptr 1;
  std::string  *toURI            nullptr 1;
  std::string  *fromHeader       nullptr 1;
  xsd__integer *startTime        nullptr 1;  // epoch seconds
  xsd__integer *stopTime         nullptr 1;
  xsd__int     *duration         nullptr 1;
  xsd__int     *status           nullptr 1;
  xsd__double  *price            nullptr 1;
  std::string  *sessionId        nullptr 1;
  std::string  *fromTag          nullptr 1;
  std::string  *toTag            nullptr 1;
  std::string  *proxyIP          nullptr 1;
  StringArray  *applicationTypes nullptr 1;
};
class CallArray { public:
  ngnpro__Call *__ptr;
  int           __size;
};
class ngnpro__Calls { public:
  CallArray *placed   nullptr 1;
  CallArray *received nullptr 1;
};
class ngnpro__CallStatistic { public:
  xsd__int    *calls    nullptr 1;
  xsd__double *price    nullptr 1;
  xsd__int    *duration nullptr 1;
};
class ngnpro__CallStatistics { public:
  ngnpro__CallStatistic *placed   nullptr 1;
  ngnpro__CallStatistic *received nullptr 1;
};

class ngnpro__SipDeviceLocation { public:
  std::string *address       nullptr 1;
  xsd__int    *port          nullptr 1;
  std::string *publicAddress nullptr 1;
  xsd__int    *publicPort    nullptr 1;
  xsd__int    *expires       nullptr 1;
  std::string *userAgent     nullptr 1;
  std::string *transport     nullptr 1;
};
class SipDeviceLocationArray { public:
  ngnpro__SipDeviceLocation *__ptr;
  int                        __size;
};
class ngnpro__SipDeviceLocations { public:
  ngnpro__SipId          *id        nullptr 1;
  SipDeviceLocationArray *locations nullptr 1;
};
class SipDeviceLocationsArray { public:
  ngnpro__SipDeviceLocations *__ptr;
  int                         __size;
};

class ngnpro__SipTraceFilter { public:
  std::string *nodeIp  nullptr 1;
  std::string *callId  nullptr 1;
  std::string *fromTag nullptr 1;
  std::string *toTag   nullptr 1;
};
class ngnpro__MediaTraceFilter { public:
  std::string *nodeIp  nullptr 1;
  std::string *callId  nullptr 1;
  std::string *fromTag nullptr 1;
  std::string *toTag   nullptr 1;
};

// ==== §5.11 PSTN routing types =============================================================
class ngnpro__Carrier { public:
  xsd__integer *id         nullptr 1;
  std::string  *name       nullptr 1;
  xsd__integer *reseller   nullptr 1;
  std::string  *changeDate nullptr 1;
};
class CarrierArray { public:
  ngnpro__Carrier *__ptr;
  int              __size;
};
class ngnpro__Gateway { public:
  xsd__integer *id               nullptr 1;
  std::string  *name             nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  std::string  *carrier          nullptr 1;
  std::string  *ip               nullptr 1;
  xsd__int     *port             nullptr 1;
  std::string  *transport        nullptr 1;
  xsd__integer *reseller         nullptr 1;
  std::string  *changeDate       nullptr 1;
};
class GatewayArray { public:
  ngnpro__Gateway *__ptr;
  int              __size;
};
class ngnpro__GatewayRule { public:
  xsd__integer *id               nullptr 1;
  xsd__integer *gateway_USCOREid nullptr 1;
  std::string  *gateway          nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  std::string  *carrier          nullptr 1;
  std::string  *prefix           nullptr 1;
  xsd__int     *strip            nullptr 1;
  std::string  *prepend          nullptr 1;
  xsd__int     *minLength        nullptr 1;
  xsd__int     *maxLength        nullptr 1;
  xsd__integer *reseller         nullptr 1;
  std::string  *changeDate       nullptr 1;
};
class GatewayRuleArray { public:
  ngnpro__GatewayRule *__ptr;
  int                  __size;
};
class ngnpro__Route { public:
  xsd__integer *id               nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  std::string  *carrier          nullptr 1;
  std::string  *prefix           nullptr 1;
  std::string  *originator       nullptr 1;
  xsd__int     *priority         nullptr 1;
  xsd__integer *reseller         nullptr 1;
  std::string  *changeDate       nullptr 1;
};
class RouteArray { public:
  ngnpro__Route *__ptr;
  int            __size;
};

class ngnpro__CarrierFilter { public:
  xsd__integer *id       nullptr 1;
  std::string  *name     nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__CarrierQuery { public:
  ngnpro__CarrierFilter *filter  nullptr 1;
  ngnpro__OrderBy       *orderBy nullptr 1;
  ngnpro__Range         *range   nullptr 1;
};
class ngnpro__CarrierQueryResult { public:
  xsd__int     *total    nullptr 1;
  CarrierArray *carriers nullptr 1;
};

class ngnpro__GatewayFilter { public:
  xsd__integer *id               nullptr 1;
  std::string  *name             nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  xsd__integer *customer         nullptr 1;
  xsd__integer *reseller         nullptr 1;
};
class ngnpro__GatewayQuery { public:
  ngnpro__GatewayFilter *filter  nullptr 1;
  ngnpro__OrderBy       *orderBy nullptr 1;
  ngnpro__Range         *range   nullptr 1;
};
class ngnpro__GatewayQueryResult { public:
  xsd__int     *total    nullptr 1;
  GatewayArray *gateways nullptr 1;
};

class ngnpro__GatewayRuleFilter { public:
  xsd__integer *id               nullptr 1;
  xsd__integer *gateway_USCOREid nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  std::string  *prefix           nullptr 1;
  xsd__integer *customer         nullptr 1;
  xsd__integer *reseller         nullptr 1;
};
class ngnpro__GatewayRuleQuery { public:
  ngnpro__GatewayRuleFilter *filter  nullptr 1;
  ngnpro__OrderBy           *orderBy nullptr 1;
  ngnpro__Range             *range   nullptr 1;
};
class ngnpro__GatewayRuleQueryResult { public:
  xsd__int         *total               nullptr 1;
  GatewayRuleArray *gateway_USCORErules nullptr 1;
};

class ngnpro__RouteFilter { public:
  std::string  *prefix           nullptr 1;
  xsd__integer *carrier_USCOREid nullptr 1;
  xsd__integer *reseller         nullptr 1;
  xsd__integer *id               nullptr 1;
};
class ngnpro__RouteQuery { public:
  ngnpro__RouteFilter *filter  nullptr 1;
  ngnpro__OrderBy     *orderBy nullptr 1;
  ngnpro__Range       *range   nullptr 1;
};
class ngnpro__RouteQueryResult { public:
  xsd__int   *total  nullptr 1;
  RouteArray *routes nullptr 1;
};

// ==== §5.12 DNS types ======================================================================
// serial is an unsigned 32-bit SOA serial, so xsd__integer; ttl fits an int (RFC 2181 §8).
class ngnpro__DnsZone { public:
  std::string  *name        1;
  xsd__int     *ttl         nullptr 1;
  StringArray  *nameservers nullptr 1;
  std::string  *email       nullptr 1;
  xsd__integer *serial      nullptr 1;
  xsd__int     *refresh     nullptr 1;
  xsd__int     *retry       nullptr 1;
  xsd__int     *expire      nullptr 1;
  xsd__int     *minimum     nullptr 1;
  xsd__integer *customer    nullptr 1;
  xsd__integer *reseller    nullptr 1;
  std::string  *changeDate  nullptr 1;
  std::string  *info        nullptr 1;
};
class DnsZoneArray { public:
  ngnpro__DnsZone *__ptr;
  int              __size;
};
class ngnpro__DnsRecord { public:
  xsd__integer          *id         nullptr 1;
  std::string           *zone       nullptr 1;
  std::string           *name       nullptr 1;
  ngnpro__DnsRecordType *type       nullptr 1;
  xsd__int              *ttl        nullptr 1;
  std::string           *value      nullptr 1;
  xsd__int              *priority   nullptr 1;
  xsd__integer          *owner      nullptr 1;
  xsd__integer          *customer   nullptr 1;
  xsd__integer          *reseller   nullptr 1;
  std::string           *changeDate nullptr 1;
};
class DnsRecordArray { public:
  ngnpro__DnsRecord *__ptr;
  int                __size;
};
class ngnpro__DnsFancyRecord { public:
  xsd__integer               *id         nullptr 1;
  std::string                *zone       nullptr 1;
  std::string                *name       nullptr 1;
  ngnpro__DnsFancyRecordType *type       nullptr 1;
  std::string                *value      nullptr 1;
  xsd__integer               *owner      nullptr 1;
  xsd__integer               *customer   nullptr 1;
  xsd__integer               *reseller   nullptr 1;
  std::string                *changeDate nullptr 1;
  xsd__int                   *ttl        nullptr 1;
  xsd__int                   *priority   nullptr 1;
};
class DnsFancyRecordArray { public:
  ngnpro__DnsFancyRecord *__ptr;
  int                     __size;
};

class ngnpro__DnsZoneFilter { public:
  std::string  *name     nullptr 1;
  std::string  *info     nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__DnsZoneQuery { public:
  ngnpro__DnsZoneFilter *filter  nullptr 1;
  ngnpro__OrderBy       *orderBy nullptr 1;
  ngnpro__Range         *range   nullptr 1;
};
class ngnpro__DnsZoneQueryResult { public:
  xsd__int     *total nullptr 1;
  DnsZoneArray *zones nullptr 1;
};

// Filter type members are plain strings: "" means "no condition" (api §3).
class ngnpro__DnsRecordFilter { public:
  xsd__integer *id       nullptr 1;
  std::string  *zone     nullptr 1;
  std::string  *name     nullptr 1;
  std::string  *type     nullptr 1;
  std::string  *value    nullptr 1;
  xsd__integer *owner    nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__DnsRecordQuery { public:
  ngnpro__DnsRecordFilter *filter  nullptr 1;
  ngnpro__OrderBy         *orderBy nullptr 1;
  ngnpro__Range           *range   nullptr 1;
};
class ngnpro__DnsRecordQueryResult { public:
  xsd__int       *total   nullptr 1;
  DnsRecordArray *records nullptr 1;
};

class ngnpro__DnsFancyRecordFilter { public:
  xsd__integer *id       nullptr 1;
  std::string  *zone     nullptr 1;
  std::string  *name     nullptr 1;
  std::string  *type     nullptr 1;
  std::string  *value    nullptr 1;
  xsd__integer *owner    nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__DnsFancyRecordQuery { public:
  ngnpro__DnsFancyRecordFilter *filter  nullptr 1;
  ngnpro__OrderBy              *orderBy nullptr 1;
  ngnpro__Range                *range   nullptr 1;
};
class ngnpro__DnsFancyRecordQueryResult { public:
  xsd__int            *total   nullptr 1;
  DnsFancyRecordArray *records nullptr 1;
};

// ==== §5.13 ENUM types =====================================================================
class ngnpro__EnumRangeId { public:
  std::string *prefix 1;
  std::string *tld    1;
};
class ngnpro__EnumRange { public:
  ngnpro__EnumRangeId *id          1;
  xsd__int            *ttl         nullptr 1;
  xsd__int            *minDigits   nullptr 1;
  xsd__int            *maxDigits   nullptr 1;
  xsd__int            *size        nullptr 1;
  StringArray         *nameservers nullptr 1;
  xsd__int            *used        nullptr 1;
  xsd__integer        *serial      nullptr 1;
  xsd__integer        *customer    nullptr 1;
  xsd__integer        *reseller    nullptr 1;
  std::string         *changeDate  nullptr 1;
  std::string         *info        nullptr 1;
};
class EnumRangeArray { public:
  ngnpro__EnumRange *__ptr;
  int                __size;
};

class ngnpro__EnumId { public:
  std::string *number 1;
  std::string *tld    1;
};
class ngnpro__EnumMapping { public:
  xsd__integer *id       nullptr 1;
  std::string  *type     nullptr 1;
  std::string  *mapto    nullptr 1;
  xsd__int     *priority nullptr 1;
  xsd__int     *ttl      nullptr 1;
};
class EnumMappingArray { public:
  ngnpro__EnumMapping *__ptr;
  int                  __size;
};
class ngnpro__EnumNumber { public:
  ngnpro__EnumId   *id         1;
  EnumMappingArray *mappings   nullptr 1;
  std::string      *info       nullptr 1;
  xsd__integer     *owner      nullptr 1;
  xsd__integer     *customer   nullptr 1;
  xsd__integer     *reseller   nullptr 1;
  std::string      *changeDate nullptr 1;
};
class EnumNumberArray { public:
  ngnpro__EnumNumber *__ptr;
  int                 __size;
};

class ngnpro__EnumRangeFilter { public:
  std::string  *prefix   nullptr 1;
  std::string  *tld      nullptr 1;
  std::string  *info     nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__EnumRangeQuery { public:
  ngnpro__EnumRangeFilter *filter  nullptr 1;
  ngnpro__OrderBy         *orderBy nullptr 1;
  ngnpro__Range           *range   nullptr 1;
};
class ngnpro__EnumRangeQueryResult { public:
  xsd__int       *total  nullptr 1;
  EnumRangeArray *ranges nullptr 1;
};

class ngnpro__EnumNumberFilter { public:
  std::string  *number   nullptr 1;
  std::string  *tld      nullptr 1;
  std::string  *type     nullptr 1;
  std::string  *mapto    nullptr 1;
  xsd__integer *owner    nullptr 1;
  xsd__integer *customer nullptr 1;
  xsd__integer *reseller nullptr 1;
};
class ngnpro__EnumNumberQuery { public:
  ngnpro__EnumNumberFilter *filter  nullptr 1;
  ngnpro__OrderBy          *orderBy nullptr 1;
  ngnpro__Range            *range   nullptr 1;
};
class ngnpro__EnumNumberQueryResult { public:
  xsd__int        *total   nullptr 1;
  EnumNumberArray *numbers nullptr 1;
};

// ==== §5.14 voicemail types ================================================================
class ngnpro__VoicemailOptions { public:
  xsd__boolean *delete_ nullptr 1;
};
class ngnpro__VoicemailAccount { public:
  ngnpro__SipId            *sipId    1;
  std::string              *mailbox  nullptr 1;
  std::string              *password nullptr 1;
  std::string              *name     nullptr 1;
  std::string              *email    nullptr 1;
  std::string              *info     nullptr 1;
  ngnpro__VoicemailOptions *options  nullptr 1;
};

// ==== operations ===========================================================================
// rpc: the body element is <port-prefix:method>, parameters are unqualified, in the stub's
// order. A result is always wrapped in a response struct with one member return_ (element
// <return>, api §2.5); without the wrapper soapcpp2 would turn a class's members into separate
// response parts. Void methods have an empty response struct: an empty <xResponse/>.

// ---- §4.1 Customer port ----------------------------------------------------------------------
//gsoap customer service name:      Customer
//gsoap customer service type:      CustomerPortType
//gsoap customer service namespace: urn:AGProjects:NGNPro:Customer
//gsoap customer service transport: http://schemas.xmlsoap.org/soap/http
//gsoap customer service style:     rpc
//gsoap customer service encoding:  encoded
//gsoap customer service location:  http://localhost:9200/ngnpro/
//gsoap customer service method-input-header-part: addAccount ngnpro__auth
//gsoap customer service method-input-header-part: updateAccount ngnpro__auth
//gsoap customer service method-input-header-part: deleteAccount ngnpro__auth
//gsoap customer service method-input-header-part: getAccount ngnpro__auth
//gsoap customer service method-input-header-part: getCustomers ngnpro__auth
//gsoap customer service method-input-header-part: getResellers ngnpro__auth
//gsoap customer service method-input-header-part: setProperties ngnpro__auth
//gsoap customer service method-input-header-part: getProperties ngnpro__auth

int customer__addAccount(ngnpro__CustomerAccount *account,
    struct customer__addAccountResponse { ngnpro__CustomerAccount *return_; } *);
int customer__updateAccount(ngnpro__CustomerAccount *account,
    struct customer__updateAccountResponse { } *);
int customer__deleteAccount(xsd__integer *id,
    struct customer__deleteAccountResponse { } *);
int customer__getAccount(xsd__integer *id,
    struct customer__getAccountResponse { ngnpro__CustomerAccount *return_; } *);
int customer__getCustomers(ngnpro__CustomerQuery *query,
    struct customer__getCustomersResponse { ngnpro__CustomerQueryResult *return_; } *);
int customer__getResellers(ngnpro__CustomerQuery *query,
    struct customer__getResellersResponse { ngnpro__CustomerQueryResult *return_; } *);
int customer__setProperties(xsd__integer *customer, CustomerPropertyArray *properties,
    struct customer__setPropertiesResponse { } *);
int customer__getProperties(xsd__integer *customer,
    struct customer__getPropertiesResponse { CustomerPropertyArray *return_; } *);

// ---- §4.2 Sip port (§4.2.1–§4.2.9, and the §4.2.10 routing methods in the same namespace) ---
//gsoap sip service name:      Sip
//gsoap sip service type:      SipPortType
//gsoap sip service namespace: urn:AGProjects:NGNPro:Sip
//gsoap sip service transport: http://schemas.xmlsoap.org/soap/http
//gsoap sip service style:     rpc
//gsoap sip service encoding:  encoded
//gsoap sip service location:  http://localhost:9200/ngnpro/
//gsoap sip service method-input-header-part: addDomain ngnpro__auth
//gsoap sip service method-input-header-part: updateDomain ngnpro__auth
//gsoap sip service method-input-header-part: deleteDomain ngnpro__auth
//gsoap sip service method-input-header-part: getDomains ngnpro__auth
//gsoap sip service method-input-header-part: addAccount ngnpro__auth
//gsoap sip service method-input-header-part: updateAccount ngnpro__auth
//gsoap sip service method-input-header-part: deleteAccount ngnpro__auth
//gsoap sip service method-input-header-part: getAccount ngnpro__auth
//gsoap sip service method-input-header-part: getAccounts ngnpro__auth
//gsoap sip service method-input-header-part: addToGroup ngnpro__auth
//gsoap sip service method-input-header-part: removeFromGroup ngnpro__auth
//gsoap sip service method-input-header-part: getGroups ngnpro__auth
//gsoap sip service method-input-header-part: addAlias ngnpro__auth
//gsoap sip service method-input-header-part: updateAlias ngnpro__auth
//gsoap sip service method-input-header-part: deleteAlias ngnpro__auth
//gsoap sip service method-input-header-part: getAlias ngnpro__auth
//gsoap sip service method-input-header-part: getAliases ngnpro__auth
//gsoap sip service method-input-header-part: getAliasesForAccount ngnpro__auth
//gsoap sip service method-input-header-part: addTrustedPeer ngnpro__auth
//gsoap sip service method-input-header-part: updateTrustedPeer ngnpro__auth
//gsoap sip service method-input-header-part: deleteTrustedPeer ngnpro__auth
//gsoap sip service method-input-header-part: getTrustedPeers ngnpro__auth
//gsoap sip service method-input-header-part: setCallDiversions ngnpro__auth
//gsoap sip service method-input-header-part: getCallDiversions ngnpro__auth
//gsoap sip service method-input-header-part: setAcceptRules ngnpro__auth
//gsoap sip service method-input-header-part: getAcceptRules ngnpro__auth
//gsoap sip service method-input-header-part: setRejectMembers ngnpro__auth
//gsoap sip service method-input-header-part: getRejectMembers ngnpro__auth
//gsoap sip service method-input-header-part: setBarringPrefixes ngnpro__auth
//gsoap sip service method-input-header-part: getBarringPrefixes ngnpro__auth
//gsoap sip service method-input-header-part: addPhonebookEntry ngnpro__auth
//gsoap sip service method-input-header-part: updatePhonebookEntry ngnpro__auth
//gsoap sip service method-input-header-part: deletePhonebookEntry ngnpro__auth
//gsoap sip service method-input-header-part: getPhonebookEntries ngnpro__auth
//gsoap sip service method-input-header-part: addBalance ngnpro__auth
//gsoap sip service method-input-header-part: addBalanceFromVoucher ngnpro__auth
//gsoap sip service method-input-header-part: getPrepaidStatus ngnpro__auth
//gsoap sip service method-input-header-part: getCreditHistory ngnpro__auth
//gsoap sip service method-input-header-part: getCalls ngnpro__auth
//gsoap sip service method-input-header-part: getCallStatistics ngnpro__auth
//gsoap sip service method-input-header-part: getSipDeviceLocations ngnpro__auth
//gsoap sip service method-input-header-part: getSipTrace ngnpro__auth
//gsoap sip service method-input-header-part: getMediaTrace ngnpro__auth
//gsoap sip service method-input-header-part: getMediaSummary ngnpro__auth
//gsoap sip service method-input-header-part: getMediaSessions ngnpro__auth
//gsoap sip service method-input-header-part: addCarrier ngnpro__auth
//gsoap sip service method-input-header-part: updateCarrier ngnpro__auth
//gsoap sip service method-input-header-part: deleteCarrier ngnpro__auth
//gsoap sip service method-input-header-part: getCarriers ngnpro__auth
//gsoap sip service method-input-header-part: addGateway ngnpro__auth
//gsoap sip service method-input-header-part: updateGateway ngnpro__auth
//gsoap sip service method-input-header-part: deleteGateway ngnpro__auth
//gsoap sip service method-input-header-part: getGateways ngnpro__auth
//gsoap sip service method-input-header-part: addGatewayRule ngnpro__auth
//gsoap sip service method-input-header-part: updateGatewayRule ngnpro__auth
//gsoap sip service method-input-header-part: deleteGatewayRule ngnpro__auth
//gsoap sip service method-input-header-part: getGatewayRules ngnpro__auth
//gsoap sip service method-input-header-part: addRoutes ngnpro__auth
//gsoap sip service method-input-header-part: updateRoutes ngnpro__auth
//gsoap sip service method-input-header-part: deleteRoutes ngnpro__auth
//gsoap sip service method-input-header-part: getRoutes ngnpro__auth

// §4.2.1 SIP domains
int sip__addDomain(ngnpro__SipDomain *domain, struct sip__addDomainResponse { } *);
int sip__updateDomain(ngnpro__SipDomain *domain, struct sip__updateDomainResponse { } *);
int sip__deleteDomain(std::string *domain, struct sip__deleteDomainResponse { } *);
int sip__getDomains(ngnpro__SipDomainQuery *query,
    struct sip__getDomainsResponse { ngnpro__SipDomainQueryResult *return_; } *);

// §4.2.2 SIP accounts
int sip__addAccount(ngnpro__SipAccount *account,
    struct sip__addAccountResponse { ngnpro__SipAccount *return_; } *);
int sip__updateAccount(ngnpro__SipAccount *account, struct sip__updateAccountResponse { } *);
int sip__deleteAccount(ngnpro__SipId *sipId, struct sip__deleteAccountResponse { } *);
int sip__getAccount(ngnpro__SipId *sipId,
    struct sip__getAccountResponse { ngnpro__SipAccount *return_; } *);
int sip__getAccounts(ngnpro__SipQuery *query,
    struct sip__getAccountsResponse { ngnpro__SipAccountQueryResult *return_; } *);

// §4.2.3 groups
int sip__addToGroup(ngnpro__SipId *sipId, std::string *group,
    struct sip__addToGroupResponse { } *);
int sip__removeFromGroup(ngnpro__SipId *sipId, std::string *group,
    struct sip__removeFromGroupResponse { } *);
int sip__getGroups(ngnpro__SipId *sipId,
    struct sip__getGroupsResponse { StringArray *return_; } *);

// §4.2.4 SIP aliases (getAliasesForAccount: §9.1 decision 18)
int sip__addAlias(ngnpro__SipAlias *alias, struct sip__addAliasResponse { } *);
int sip__updateAlias(ngnpro__SipAlias *alias, struct sip__updateAliasResponse { } *);
int sip__deleteAlias(ngnpro__SipId *id, struct sip__deleteAliasResponse { } *);
int sip__getAlias(ngnpro__SipId *id,
    struct sip__getAliasResponse { ngnpro__SipAlias *return_; } *);
int sip__getAliases(ngnpro__AliasQuery *query,
    struct sip__getAliasesResponse { ngnpro__SipAliasQueryResult *return_; } *);
int sip__getAliasesForAccount(ngnpro__SipId *sipId,
    struct sip__getAliasesForAccountResponse { SipAliasArray *return_; } *);

// §4.2.5 trusted peers
int sip__addTrustedPeer(ngnpro__TrustedPeer *peer, struct sip__addTrustedPeerResponse { } *);
int sip__updateTrustedPeer(ngnpro__TrustedPeer *peer,
    struct sip__updateTrustedPeerResponse { } *);
int sip__deleteTrustedPeer(std::string *ip, struct sip__deleteTrustedPeerResponse { } *);
int sip__getTrustedPeers(ngnpro__TrustedPeerQuery *query,
    struct sip__getTrustedPeersResponse { ngnpro__TrustedPeerQueryResult *return_; } *);

// §4.2.6 per-subscriber settings (wire names are ...Phonebook..., lower-case b)
int sip__setCallDiversions(ngnpro__SipId *sipId, ngnpro__CallDiversions *diversions,
    struct sip__setCallDiversionsResponse { } *);
int sip__getCallDiversions(ngnpro__SipId *sipId,
    struct sip__getCallDiversionsResponse { ngnpro__CallDiversions *return_; } *);
int sip__setAcceptRules(ngnpro__SipId *sipId, ngnpro__AcceptRules *rules,
    struct sip__setAcceptRulesResponse { } *);
int sip__getAcceptRules(ngnpro__SipId *sipId,
    struct sip__getAcceptRulesResponse { ngnpro__AcceptRulesResult *return_; } *);
int sip__setRejectMembers(ngnpro__SipId *sipId, StringArray *members,
    struct sip__setRejectMembersResponse { } *);
int sip__getRejectMembers(ngnpro__SipId *sipId,
    struct sip__getRejectMembersResponse { StringArray *return_; } *);
int sip__setBarringPrefixes(ngnpro__SipId *sipId, StringArray *prefixes,
    struct sip__setBarringPrefixesResponse { } *);
int sip__getBarringPrefixes(ngnpro__SipId *sipId,
    struct sip__getBarringPrefixesResponse { StringArray *return_; } *);
int sip__addPhonebookEntry(ngnpro__SipId *sipId, ngnpro__PhonebookEntry *entry,
    struct sip__addPhonebookEntryResponse { } *);
int sip__updatePhonebookEntry(ngnpro__SipId *sipId, ngnpro__PhonebookEntry *entry,
    struct sip__updatePhonebookEntryResponse { } *);
int sip__deletePhonebookEntry(ngnpro__SipId *sipId, std::string *uri,
    struct sip__deletePhonebookEntryResponse { } *);
int sip__getPhonebookEntries(ngnpro__SipId *sipId, ngnpro__PhonebookEntry *match,
    ngnpro__Range *range,
    struct sip__getPhonebookEntriesResponse { ngnpro__PhonebookEntries *return_; } *);

// §4.2.7 prepaid
int sip__addBalance(ngnpro__SipId *sipId, xsd__double *value, std::string *description,
    struct sip__addBalanceResponse { ngnpro__BalanceChange *return_; } *);
int sip__addBalanceFromVoucher(ngnpro__SipId *sipId, ngnpro__PrepaidCard *card,
    struct sip__addBalanceFromVoucherResponse { ngnpro__BalanceChange *return_; } *);
int sip__getPrepaidStatus(SipIdArray *sipIds,
    struct sip__getPrepaidStatusResponse { PrepaidStatusArray *return_; } *);
int sip__getCreditHistory(ngnpro__SipId *sipId, xsd__int *count,
    struct sip__getCreditHistoryResponse { ngnpro__CreditHistory *return_; } *);

// §4.2.8 calls and registrations
int sip__getCalls(ngnpro__SipId *sipId, ngnpro__CallsQuery *query,
    struct sip__getCallsResponse { ngnpro__Calls *return_; } *);
int sip__getCallStatistics(ngnpro__SipId *sipId, ngnpro__CallsQuery *query,
    struct sip__getCallStatisticsResponse { ngnpro__CallStatistics *return_; } *);
int sip__getSipDeviceLocations(SipIdArray *sipIds,
    struct sip__getSipDeviceLocationsResponse { SipDeviceLocationsArray *return_; } *);

// §4.2.9 monitoring: the results are JSON text in an xsd:string
int sip__getSipTrace(ngnpro__SipTraceFilter *filter,
    struct sip__getSipTraceResponse { std::string *return_; } *);
int sip__getMediaTrace(ngnpro__MediaTraceFilter *filter,
    struct sip__getMediaTraceResponse { std::string *return_; } *);
int sip__getMediaSummary(
    struct sip__getMediaSummaryResponse { std::string *return_; } *);
int sip__getMediaSessions(
    struct sip__getMediaSessionsResponse { std::string *return_; } *);

// §4.2.10 PSTN routing
int sip__addCarrier(ngnpro__Carrier *carrier, struct sip__addCarrierResponse { } *);
int sip__updateCarrier(ngnpro__Carrier *carrier, struct sip__updateCarrierResponse { } *);
int sip__deleteCarrier(xsd__integer *id, struct sip__deleteCarrierResponse { } *);
int sip__getCarriers(ngnpro__CarrierQuery *query,
    struct sip__getCarriersResponse { ngnpro__CarrierQueryResult *return_; } *);
int sip__addGateway(ngnpro__Gateway *gateway, struct sip__addGatewayResponse { } *);
int sip__updateGateway(ngnpro__Gateway *gateway, struct sip__updateGatewayResponse { } *);
int sip__deleteGateway(xsd__integer *id, struct sip__deleteGatewayResponse { } *);
int sip__getGateways(ngnpro__GatewayQuery *query,
    struct sip__getGatewaysResponse { ngnpro__GatewayQueryResult *return_; } *);
int sip__addGatewayRule(ngnpro__GatewayRule *rule, struct sip__addGatewayRuleResponse { } *);
int sip__updateGatewayRule(ngnpro__GatewayRule *rule,
    struct sip__updateGatewayRuleResponse { } *);
int sip__deleteGatewayRule(xsd__integer *id, struct sip__deleteGatewayRuleResponse { } *);
int sip__getGatewayRules(ngnpro__GatewayRuleQuery *query,
    struct sip__getGatewayRulesResponse { ngnpro__GatewayRuleQueryResult *return_; } *);
int sip__addRoutes(RouteArray *routes, struct sip__addRoutesResponse { } *);
int sip__updateRoutes(RouteArray *routes, struct sip__updateRoutesResponse { } *);
int sip__deleteRoutes(RouteArray *routes, struct sip__deleteRoutesResponse { } *);
int sip__getRoutes(ngnpro__RouteQuery *query,
    struct sip__getRoutesResponse { ngnpro__RouteQueryResult *return_; } *);

// ---- §4.3 Dns port ---------------------------------------------------------------------------
//gsoap dns service name:      Dns
//gsoap dns service type:      DnsPortType
//gsoap dns service namespace: urn:AGProjects:NGNPro:Dns
//gsoap dns service transport: http://schemas.xmlsoap.org/soap/http
//gsoap dns service style:     rpc
//gsoap dns service encoding:  encoded
//gsoap dns service location:  http://localhost:9200/ngnpro/
//gsoap dns service method-input-header-part: addZone ngnpro__auth
//gsoap dns service method-input-header-part: updateZone ngnpro__auth
//gsoap dns service method-input-header-part: deleteZone ngnpro__auth
//gsoap dns service method-input-header-part: getZone ngnpro__auth
//gsoap dns service method-input-header-part: getZones ngnpro__auth
//gsoap dns service method-input-header-part: addRecord ngnpro__auth
//gsoap dns service method-input-header-part: updateRecord ngnpro__auth
//gsoap dns service method-input-header-part: deleteRecord ngnpro__auth
//gsoap dns service method-input-header-part: getRecord ngnpro__auth
//gsoap dns service method-input-header-part: getRecords ngnpro__auth
//gsoap dns service method-input-header-part: addFancyRecord ngnpro__auth
//gsoap dns service method-input-header-part: updateFancyRecord ngnpro__auth
//gsoap dns service method-input-header-part: deleteFancyRecord ngnpro__auth
//gsoap dns service method-input-header-part: getFancyRecord ngnpro__auth
//gsoap dns service method-input-header-part: getFancyRecords ngnpro__auth

int dns__addZone(ngnpro__DnsZone *zone, struct dns__addZoneResponse { } *);
int dns__updateZone(ngnpro__DnsZone *zone, struct dns__updateZoneResponse { } *);
int dns__deleteZone(std::string *zone, struct dns__deleteZoneResponse { } *);
int dns__getZone(std::string *zone,
    struct dns__getZoneResponse { ngnpro__DnsZone *return_; } *);
int dns__getZones(ngnpro__DnsZoneQuery *query,
    struct dns__getZonesResponse { ngnpro__DnsZoneQueryResult *return_; } *);
int dns__addRecord(ngnpro__DnsRecord *record, struct dns__addRecordResponse { } *);
int dns__updateRecord(ngnpro__DnsRecord *record, struct dns__updateRecordResponse { } *);
int dns__deleteRecord(xsd__integer *recordId, struct dns__deleteRecordResponse { } *);
int dns__getRecord(xsd__integer *recordId,
    struct dns__getRecordResponse { ngnpro__DnsRecord *return_; } *);
int dns__getRecords(ngnpro__DnsRecordQuery *query,
    struct dns__getRecordsResponse { ngnpro__DnsRecordQueryResult *return_; } *);
int dns__addFancyRecord(ngnpro__DnsFancyRecord *record,
    struct dns__addFancyRecordResponse { } *);
int dns__updateFancyRecord(ngnpro__DnsFancyRecord *record,
    struct dns__updateFancyRecordResponse { } *);
int dns__deleteFancyRecord(xsd__integer *recordId,
    struct dns__deleteFancyRecordResponse { } *);
int dns__getFancyRecord(xsd__integer *recordId,
    struct dns__getFancyRecordResponse { ngnpro__DnsFancyRecord *return_; } *);
int dns__getFancyRecords(ngnpro__DnsFancyRecordQuery *query,
    struct dns__getFancyRecordsResponse { ngnpro__DnsFancyRecordQueryResult *return_; } *);

// ---- §4.4 Enum port --------------------------------------------------------------------------
//gsoap enum service name:      Enum
//gsoap enum service type:      EnumPortType
//gsoap enum service namespace: urn:AGProjects:NGNPro:Enum
//gsoap enum service transport: http://schemas.xmlsoap.org/soap/http
//gsoap enum service style:     rpc
//gsoap enum service encoding:  encoded
//gsoap enum service location:  http://localhost:9200/ngnpro/
//gsoap enum service method-input-header-part: addRange ngnpro__auth
//gsoap enum service method-input-header-part: updateRange ngnpro__auth
//gsoap enum service method-input-header-part: deleteRange ngnpro__auth
//gsoap enum service method-input-header-part: getRanges ngnpro__auth
//gsoap enum service method-input-header-part: addNumber ngnpro__auth
//gsoap enum service method-input-header-part: updateNumber ngnpro__auth
//gsoap enum service method-input-header-part: deleteNumber ngnpro__auth
//gsoap enum service method-input-header-part: getNumber ngnpro__auth
//gsoap enum service method-input-header-part: getNumbers ngnpro__auth

int enum__addRange(ngnpro__EnumRange *range, struct enum__addRangeResponse { } *);
int enum__updateRange(ngnpro__EnumRange *range, struct enum__updateRangeResponse { } *);
int enum__deleteRange(ngnpro__EnumRangeId *range, struct enum__deleteRangeResponse { } *);
int enum__getRanges(ngnpro__EnumRangeQuery *query,
    struct enum__getRangesResponse { ngnpro__EnumRangeQueryResult *return_; } *);
int enum__addNumber(ngnpro__EnumNumber *number, struct enum__addNumberResponse { } *);
int enum__updateNumber(ngnpro__EnumNumber *number, struct enum__updateNumberResponse { } *);
int enum__deleteNumber(ngnpro__EnumId *enumId, struct enum__deleteNumberResponse { } *);
int enum__getNumber(ngnpro__EnumId *enumId,
    struct enum__getNumberResponse { ngnpro__EnumNumber *return_; } *);
int enum__getNumbers(ngnpro__EnumNumberQuery *query,
    struct enum__getNumbersResponse { ngnpro__EnumNumberQueryResult *return_; } *);

// ---- §4.5 Voicemail port: same method names as Sip, own namespace, own path (api §2.1) ----
//gsoap voicemail service name:      Voicemail
//gsoap voicemail service type:      VoicemailPortType
//gsoap voicemail service namespace: urn:AGProjects:NGNPro:Voicemail
//gsoap voicemail service transport: http://schemas.xmlsoap.org/soap/http
//gsoap voicemail service style:     rpc
//gsoap voicemail service encoding:  encoded
//gsoap voicemail service location:  http://localhost:9200/ngnpro/voicemail/
//gsoap voicemail service method-input-header-part: addAccount ngnpro__auth
//gsoap voicemail service method-input-header-part: updateAccount ngnpro__auth
//gsoap voicemail service method-input-header-part: deleteAccount ngnpro__auth
//gsoap voicemail service method-input-header-part: getAccount ngnpro__auth
//gsoap voicemail service method-input-header-part: setAnnouncement ngnpro__auth

int voicemail__addAccount(ngnpro__VoicemailAccount *account,
    struct voicemail__addAccountResponse { } *);
int voicemail__updateAccount(ngnpro__VoicemailAccount *account,
    struct voicemail__updateAccountResponse { } *);
int voicemail__deleteAccount(ngnpro__SipId *sipId,
    struct voicemail__deleteAccountResponse { } *);
int voicemail__getAccount(ngnpro__SipId *sipId,
    struct voicemail__getAccountResponse { ngnpro__VoicemailAccount *return_; } *);
// message: type unknown (api Q11); a string takes whatever text arrives (base64 in practice).
int voicemail__setAnnouncement(ngnpro__SipId *sipId, std::string *message,
    struct voicemail__setAnnouncementResponse { } *);
