<?php
// PHP SoapClient (php-soap, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4) from
// the WSDL the server publishes: add, get, update and delete a SIP domain, an account and an
// alias. One line per step; exit status 0 when every step behaved.
//
// usage: php php_sip.php WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
//   WSDL_URL is the Sip port's own WSDL, <base>/sip/wsdl: SoapClient merges the operations of
//   every port of a WSDL and keeps the first of a name (gSOAP recipe §3), so with the all-ports
//   ngnpro.wsdl, addAccount/getAccount/updateAccount/deleteAccount would be the Customer port's.
//   ENDPOINT_URL overrides the WSDL's soap:address; CAFILE verifies https ("-" for plain http).
//   PREFIX makes this run's domain unique (several clients share one database).

[, $wsdl, $endpoint, $cafile, $prefix] = $argv + [null, null, null, '-', 'php'];
const ADMIN_PASSWORD = 'admin-secret';

require __DIR__ . '/common.php';

$client = admin_client($wsdl, $endpoint, $cafile, ADMIN_PASSWORD);
// The one-port WSDL has only the Sip operations: no Customer or Voicemail getAccount to clash with.
check(array_values(array_filter($client->__getFunctions(), fn($f) => str_contains($f, ' getAccount(')))
      === ['SipAccount getAccount(SipId $sipId)'], 'sip.wsdl: getAccount is the Sip port\'s only');

$domain = "$prefix.example";
$alice = ['username' => 'alice', 'domain' => $domain];
$aliasId = ['username' => 'alice.smith', 'domain' => $domain];

// domain: add (admin, no customer: the platform's own), list, update, list
$client->addDomain(['domain' => strtoupper($domain)]);
$q = $client->getDomains(['filter' => ['domain' => $domain]]);
check($q->total === 1 && is_array($q->domains) && $q->domains[0]->domain === $domain,
      'addDomain + getDomains: the domain, lower-cased');
check(fault_code(fn() => $client->addDomain(['domain' => $domain])) === 1001, 'addDomain again is fault 1001');
$client->updateDomain(['domain' => $domain, 'match_sip_domain' => "sip.$domain"]);
$q = $client->getDomains(['filter' => ['domain' => $domain]]);
check($q->domains[0]->match_sip_domain === "sip.$domain", 'updateDomain changes match_sip_domain');

// account: clear-text password (kept and returned, api §8.7), groups, properties
$a = $client->addAccount(['id' => $alice, 'password' => 'Alice-pw-1', 'firstName' => 'Alice',
                          'lastName' => 'Smith', 'email' => "alice@$domain", 'groups' => ['voicemail'],
                          'properties' => [['name' => 'language', 'value' => 'en']], 'prepaid' => false]);
check($a->id->username === 'alice' && $a->id->domain === $domain, 'addAccount returns the id');
$a = $client->getAccount($alice);
check($a->firstName === 'Alice' && $a->password === 'Alice-pw-1' && $a->email === "alice@$domain",
      'getAccount returns the stored fields and the clear-text password');
check(is_array($a->groups) && $a->groups === ['voicemail'], 'getAccount returns the groups as an array');
check(is_array($a->properties) && $a->properties[0]->name === 'language', 'getAccount returns the properties');
check(fault_code(fn() => $client->addAccount(['id' => $alice, 'password' => 'x'])) === 1011,
      'addAccount again is fault 1011');
// updateAccount replaces every attribute; the absent password keeps the credentials (api §8.9)
$client->updateAccount(['id' => $alice, 'firstName' => 'Alice B.', 'lastName' => 'Smith',
                        'email' => "alice@$domain", 'groups' => ['voicemail', 'missed-calls']]);
$a = $client->getAccount($alice);
check($a->firstName === 'Alice B.' && $a->password === 'Alice-pw-1', 'updateAccount keeps the password');
$groups = $a->groups;
sort($groups);
check($groups === ['missed-calls', 'voicemail'], 'updateAccount replaces the groups');

// alias: add, get, update, list, delete
$client->addAlias(['id' => $aliasId, 'target' => $alice]);
$al = $client->getAlias($aliasId);
check($al->target->username === 'alice' && $al->target->domain === $domain, 'addAlias + getAlias');
check(fault_code(fn() => $client->addAlias(['id' => $alice, 'target' => $aliasId])) === 1021,
      'an alias shadowing an account is fault 1021');
$client->updateAlias(['id' => $aliasId, 'target' => ['username' => 'alice', 'domain' => 'elsewhere.example']]);
check($client->getAlias($aliasId)->target->domain === 'elsewhere.example', 'updateAlias changes the target');
$q = $client->getAliases(['filter' => ['aliasDomain' => $domain]]);
check($q->total === 1 && is_array($q->aliases), "getAliases: total {$q->total}");
$client->deleteAlias($aliasId);
check(fault_code(fn() => $client->getAlias($aliasId)) === 1020, 'deleteAlias: getAlias is then fault 1020');

// delete: the domain is refused while the account remains (api §8.10)
check(fault_code(fn() => $client->deleteDomain($domain)) === 1002, 'deleteDomain with an account is fault 1002');
$client->deleteAccount($alice);
check(fault_code(fn() => $client->getAccount($alice)) === 1010, 'deleteAccount: getAccount is then fault 1010');
$client->deleteDomain($domain);
check($client->getDomains(['filter' => ['domain' => $domain]])->total === 0, 'deleteDomain removed the domain');
echo "php SoapClient: all Sip steps passed\n";
