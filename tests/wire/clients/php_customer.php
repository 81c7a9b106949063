<?php
// PHP SoapClient (php-soap, WSDL mode) drives ngnpro's Customer port (api §4.1) from the WSDL the
// server publishes. One line per step; exit status 0 when every step behaved.
//
// usage: php php_customer.php WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
//   ENDPOINT_URL overrides the WSDL's soap:address (that is the plain http URL, also over https).
//   CAFILE verifies the server's self-signed certificate; "-" for plain http.
//   PREFIX makes this run's user names unique (several clients share one database).

[, $wsdl, $endpoint, $cafile, $prefix] = $argv + [null, null, null, '-', 'php'];
const ADMIN_PASSWORD = 'admin-secret';
const TYPES_NS = 'urn:AGProjects:NGNPro';

require __DIR__ . '/common.php';

// The auth header (api §2.4); the WSDL declares it as the literal element ngnpro:auth.
function login(SoapClient $client, string $user, string $password, bool $admin): void
{
    $auth = ['username' => $user, 'password' => $password, 'admin' => $admin, 'impersonate' => 0];
    $client->__setSoapHeaders([new SoapHeader(TYPES_NS, 'auth',
        new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', TYPES_NS))]);
}

function property(string $name, string $value, string $category, string $permission): array
{
    return ['name' => $name, 'value' => $value, 'category' => $category, 'permission' => $permission];
}

$ssl = $cafile === '-' ? [] : ['cafile' => $cafile, 'verify_peer' => true, 'verify_peer_name' => true,
                               'peer_name' => '127.0.0.1'];
// ngnpro.wsdl lists CustomerPort first, so its addAccount/getAccount/updateAccount/deleteAccount
// win over the Sip and Voicemail operations of the same names (gSOAP recipe pitfall 15).
$client = new SoapClient($wsdl, ['location' => $endpoint, 'trace' => 1, 'exceptions' => true,
                                 'cache_wsdl' => WSDL_CACHE_NONE,
                                 'stream_context' => stream_context_create(['ssl' => $ssl])]);
login($client, 'admin', ADMIN_PASSWORD, true);

// addAccount as admin without reseller: a new reseller (api §8.4)
$password = "Pw-$prefix-1";
$r = $client->addAccount(['username' => "$prefix-r", 'password' => $password, 'firstName' => 'Rita',
                          'organization' => "$prefix & Co <test>",
                          'properties' => [property('sip_credit', '5', 'credit', 'admin')]]);
$rid = (int)$r->id;
check($rid >= 1000 && (int)$r->reseller === $rid, "addAccount creates reseller $rid");
$c = $client->addAccount(['username' => "$prefix-c", 'password' => "Pw-$prefix-2", 'reseller' => $rid,
                          'firstName' => 'Carl']);
$cid = (int)$c->id;
check((int)$c->reseller === $rid, "addAccount creates customer $cid of reseller $rid");

// getAccount: the stored fields, the properties, never the password
$a = $client->getAccount($rid);
check($a->username === "$prefix-r" && $a->firstName === 'Rita' && $a->organization === "$prefix & Co <test>",
      'getAccount returns the stored fields');
check($a->password === '', 'getAccount returns an empty password');
check(is_array($a->properties) && count($a->properties) === 1 && $a->properties[0]->name === 'sip_credit'
      && $a->properties[0]->value === '5', 'getAccount returns the properties as an array');
check($a->resellerActive === true, 'resellerActive decodes to PHP true');

// updateAccount: the members given replace, nil members keep their value (api §8.9)
$client->updateAccount(['id' => $rid, 'organization' => 'Updated BV']);
$a = $client->getAccount($rid);
check($a->organization === 'Updated BV' && $a->firstName === 'Rita', 'updateAccount changes only what it got');

// getCustomers with filter, orderBy and range: total ignores the range (api §3)
$q = $client->getCustomers(['filter' => ['username' => "$prefix-%"],
                            'orderBy' => ['attribute' => 'username', 'direction' => 'ASC'],
                            'range' => ['start' => 0, 'count' => 1]]);
check($q->total === 2 && is_array($q->accounts) && count($q->accounts) === 1
      && $q->accounts[0]->username === "$prefix-c", "getCustomers: total {$q->total}, first page of 1");

$q = $client->getResellers(['filter' => ['username' => "$prefix-%"]]);
check($q->total === 1 && (int)$q->accounts[0]->id === $rid, 'getResellers returns only the reseller');

// setProperties upserts by name; getProperties lists them (api §4.1)
$client->setProperties($cid, [property('sip_accounts_last_domain', 'example.com', 'web', 'customer')]);
$names = array_map(fn($p) => "$p->name=$p->value", $client->getProperties($cid));
check(in_array('sip_accounts_last_domain=example.com', $names, true), 'setProperties + getProperties');

// faults: the NGNPro code is in detail->exception->errorcode (api §7.1)
check(fault_code(fn() => $client->getAccount(999999999)) === 5000, 'getAccount of a missing id is fault 5000');
login($client, "$prefix-r", 'wrong-password', false);
check(fault_code(fn() => $client->getAccount($rid)) === 8000, 'a wrong password is fault 8000');
login($client, "$prefix-r", $password, false);
check((int)$client->getAccount($rid)->id === $rid, 'a customer-level login reads its own account');

// deleteAccount: refused while a customer references the reseller (api §8.10)
login($client, 'admin', ADMIN_PASSWORD, true);
check(fault_code(fn() => $client->deleteAccount($rid)) === 5002, 'deleteAccount of a reseller with customers is 5002');
$client->deleteAccount($cid);
$client->deleteAccount($rid);
check(fault_code(fn() => $client->getAccount($rid)) === 5000, 'deleteAccount removed both customers');
echo "php SoapClient: all steps passed\n";
