<?php
// Manage SIP domains, accounts and aliases on ngnpro from PHP with SoapClient:
// domain -> account -> alias -> get -> update -> call forwarding and do not disturb -> delete.
//
// usage: php sip_example.php [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
//        (default http://127.0.0.1:9200/ngnpro/sip/wsdl, admin / change-me)
// Needs the soap extension (Debian: php-soap).

$wsdl = $argv[1] ?? 'http://127.0.0.1:9200/ngnpro/sip/wsdl';
[$user, $password] = count($argv) > 3 ? [$argv[2], $argv[3]] : ['admin', 'change-me'];

// The Sip port's own WSDL: SoapClient keeps the first operation of a name, so the all-ports
// WSDL would give it the Customer port's getAccount.
$client = new SoapClient($wsdl, ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);

$auth = ['username' => $user, 'password' => $password, 'admin' => true, 'impersonate' => 0];
$client->__setSoapHeaders([new SoapHeader('urn:AGProjects:NGNPro', 'auth',
    new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', 'urn:AGProjects:NGNPro'))]);

$domain = 'example-sip-php.example';
$bob = ['username' => 'bob', 'domain' => $domain];          // a SipId
$alias = ['username' => 'bob.jones', 'domain' => $domain];

// A domain first; accounts and aliases inherit its customer and reseller.
$client->addDomain(['domain' => $domain]);

// A clear-text password is hashed (ha1/ha1b) and, by default, also kept and returned.
$client->addAccount(['id' => $bob, 'password' => 'S3cret-pw', 'firstName' => 'Bob', 'lastName' => 'Jones',
                     'email' => 'bob@example.com', 'groups' => ['voicemail']]);
$client->addAlias(['id' => $alias, 'target' => $bob]);

$account = $client->getAccount($bob);
echo "got {$account->id->username}@{$account->id->domain} $account->firstName, groups: ",
     implode(', ', $account->groups), "\n";
echo 'alias -> ', $client->getAlias($alias)->target->username, "\n";

// updateAccount replaces every attribute: send them all. No password keeps the current one.
$client->updateAccount(['id' => $bob, 'firstName' => 'Bob', 'lastName' => 'Jones-Smith',
                        'email' => 'bob@example.com', 'groups' => ['voicemail', 'missed-calls']]);
echo 'updated ', $client->getAccount($bob)->lastName, "\n";

$result = $client->getAccounts(['filter' => ['domain' => $domain]]);
echo "found $result->total: ", implode(', ', array_map(fn($a) => $a->id->username, $result->accounts)), "\n";

// Call settings. Forward every call to another SIP address (FUNC: forward unconditionally);
// setCallDiversions replaces all of the account's diversions with these.
$client->setCallDiversions($bob, ['FUNC' => 'sip:bob@office.example.com']);
// Do not disturb for the next hour: a temporary accept rule that lets nobody through.
// setAcceptRules replaces all accept rules; with no schedule, everybody gets through again after.
$client->setAcceptRules($bob, ['temporary' => ['groups' => ['nobody'], 'duration' => 60]]);
echo 'forwarding to ', $client->getCallDiversions($bob)->FUNC, "\n";
$dnd = $client->getAcceptRules($bob)->rules->temporary;  // duration: the minutes left
echo "do not disturb for $dnd->duration more minutes, accepting: ", implode(', ', $dnd->groups), "\n";

$client->deleteAlias($alias);
$client->deleteAccount($bob);
$client->deleteDomain($domain);  // refused (fault 1002) while accounts or aliases remain
try {
    $client->getAccount($bob);
    fwrite(STDERR, "the account is still there\n");
    exit(1);
} catch (SoapFault $fault) {  // NGNPro errors are SOAP faults with a numeric code in the detail
    $error = $fault->detail->exception;
    echo "after delete: $error->errorcode $error->errorstring\n";  // 1010 account not found
}
