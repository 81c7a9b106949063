<?php
// PHP SoapClient (php-soap, WSDL mode) drives ngnpro's Sip port (api §4.2.1, §4.2.2, §4.2.4,
// §4.2.6) from the WSDL the server publishes: add, get, update and delete a SIP domain, an account
// and an alias, and set and read back the account's settings (diversions, accept rules, reject
// list, barring prefixes, phonebook). One line per step; exit status 0 when every step behaved.
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

// settings (api §4.2.6): every set replaces the whole setting; every read gives exactly what is stored
$bob = "sip:bob@$domain";
$client->setCallDiversions($alice, ['FUNC' => $bob, 'FNOA' => 'voice-mailbox',
                                    'RBUS' => 'sips:carol@elsewhere.example']);
$set = fn($d) => array_filter((array)$d, fn($v) => $v !== null && $v !== '');  // the conditions that are set
check($set($client->getCallDiversions($alice)) === ['FUNC' => $bob, 'FNOA' => '<voice-mailbox>',
                                                    'RBUS' => 'sips:carol@elsewhere.example'],
      'setCallDiversions + getCallDiversions: voice-mailbox reads back as <voice-mailbox> (api §8.11)');
$client->setCallDiversions($alice, ['FBUS' => '<voice-mailbox>']);
check($set($client->getCallDiversions($alice)) === ['FBUS' => '<voice-mailbox>'],
      'setCallDiversions replaces the whole set: the conditions not sent are gone');
check(fault_code(fn() => $client->setCallDiversions($alice, ['FUNC' => 'tel:123'])) === 8003,
      'a diversion to tel:123 is fault 8003');
// <voice-mailbox> is valid for the F... (forward) conditions only (api §8.11)
check(fault_code(fn() => $client->setCallDiversions($alice, ['RUNC' => '<voice-mailbox>'])) === 8003,
      'a redirect to <voice-mailbox> is fault 8003');
check($set($client->getCallDiversions($alice)) === ['FBUS' => '<voice-mailbox>'], 'a refused set changes nothing');

// reject list: the URI inside <>, lower-cased, without parameters (what Kamailio compares)
$client->setRejectMembers($alice, ['"Bob" <SIP:Bob@Example.COM;transport=tcp>', 'sip:spammer@example.net']);
check($client->getRejectMembers($alice) === ['sip:bob@example.com', 'sip:spammer@example.net'],
      'setRejectMembers + getRejectMembers: the bare, lower-cased URIs');
$client->setRejectMembers($alice, []);
check($client->getRejectMembers($alice) === [], 'setRejectMembers with an empty list clears it');

$client->setBarringPrefixes($alice, ['+4490', '+31900']);
check($client->getBarringPrefixes($alice) === ['+31900', '+4490'], 'setBarringPrefixes + getBarringPrefixes');
check(fault_code(fn() => $client->setBarringPrefixes($alice, ['+4490', '0031'])) === 8003,
      'barring prefix 0031 (not +E.164) is fault 8003');
check($client->getBarringPrefixes($alice) === ['+31900', '+4490'], 'a refused set keeps the barring prefixes');

// phonebook: keyed by uri; match.uri and match.name are LIKE patterns, either may match
$client->addPhonebookEntry($alice, ['uri' => $bob, 'name' => 'Bob Jones', 'group' => 'coworkers']);
$client->addPhonebookEntry($alice, ['uri' => 'sip:carol@elsewhere.example', 'name' => 'Carol', 'group' => 'friends']);
$client->addPhonebookEntry($alice, ['uri' => 'sip:dave@elsewhere.example', 'name' => 'Dave', 'group' => '']);
check(fault_code(fn() => $client->addPhonebookEntry($alice, ['uri' => $bob, 'name' => 'Bob'])) === 1051,
      'addPhonebookEntry again is fault 1051');
$client->updatePhonebookEntry($alice, ['uri' => $bob, 'name' => 'Bob J.', 'group' => 'coworkers']);
$entry = fn($e) => [$e->uri, $e->name, $e->group];
$q = $client->getPhonebookEntries($alice, ['uri' => '%bob%', 'name' => 'Carol'], ['start' => 0, 'count' => 1]);
check($q->total === 2 && is_array($q->entries) && array_map($entry, $q->entries) === [[$bob, 'Bob J.', 'coworkers']],
      'getPhonebookEntries: bob by uri and carol by name, total 2; the first is bob, updated');
$q = $client->getPhonebookEntries($alice, ['uri' => '%bob%', 'name' => 'Carol'], ['start' => 1, 'count' => 1]);
check($q->total === 2 && array_map($entry, $q->entries) === [['sip:carol@elsewhere.example', 'Carol', 'friends']],
      'getPhonebookEntries: range start 1 gives carol');

// accept rules: a schedule plus "do not disturb" for 30 minutes, read back as minutes left (api §8.12)
$client->setAcceptRules($alice, ['persistent' => [
    ['start' => '09:00', 'stop' => '18:00', 'groups' => ['everybody'], 'days' => 31],
    ['start' => '10:00', 'stop' => '12:00', 'groups' => ['coworkers', 'friends'], 'days' => 96]],
    'temporary' => ['groups' => ['nobody'], 'duration' => 30]]);
$r = $client->getAcceptRules($alice);
check(array_map(fn($p) => [$p->start, $p->stop, $p->groups, $p->days], $r->rules->persistent)
      === [['09:00', '18:00', ['everybody'], 31], ['10:00', '12:00', ['coworkers', 'friends'], 96]],
      'setAcceptRules + getAcceptRules: the persistent rules in order');
check($r->rules->temporary->groups === ['nobody'] && in_array($r->rules->temporary->duration, [29, 30], true),
      "getAcceptRules: temporary nobody, {$r->rules->temporary->duration} minutes left of 30");
check($r->nonEmptyGroups === ['everybody', 'nobody', 'coworkers', 'friends'],
      'getAcceptRules: nonEmptyGroups are everybody, nobody and the phonebook groups');
$client->setAcceptRules($alice, ['persistent' => [], 'temporary' => ['groups' => ['everybody'], 'duration' => 0]]);
$r = $client->getAcceptRules($alice);
check($r->rules->persistent === [] && $r->rules->temporary->groups === ['everybody']
      && $r->rules->temporary->duration === 0, 'setAcceptRules off: no schedule, temporary {everybody, 0}');

$client->deletePhonebookEntry($alice, $bob);
check(fault_code(fn() => $client->deletePhonebookEntry($alice, $bob)) === 1050,
      'deletePhonebookEntry again is fault 1050');
$q = $client->getPhonebookEntries($alice, ['uri' => '%'], ['start' => 0, 'count' => 10]);
check(array_column($q->entries, 'uri') === ['sip:carol@elsewhere.example', 'sip:dave@elsewhere.example'],
      'deletePhonebookEntry removed bob only');

// delete: the domain is refused while the account remains (api §8.10)
check(fault_code(fn() => $client->deleteDomain($domain)) === 1002, 'deleteDomain with an account is fault 1002');
$client->deleteAccount($alice);
check(fault_code(fn() => $client->getAccount($alice)) === 1010, 'deleteAccount: getAccount is then fault 1010');
$client->deleteDomain($domain);
check($client->getDomains(['filter' => ['domain' => $domain]])->total === 0, 'deleteDomain removed the domain');
echo "php SoapClient: all Sip steps passed\n";
