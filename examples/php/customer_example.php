<?php
// Manage ngnpro customers from PHP with SoapClient: add, get, update, list and delete a customer.
//
// usage: php customer_example.php [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
//        (default http://127.0.0.1:9200/ngnpro/wsdl, admin / change-me)
// Needs the soap extension (Debian: php-soap).

$wsdl = $argv[1] ?? 'http://127.0.0.1:9200/ngnpro/wsdl';
[$user, $password] = count($argv) > 3 ? [$argv[2], $argv[3]] : ['admin', 'change-me'];

$client = new SoapClient($wsdl, ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);

// Every call carries the auth header. admin=true checks the [admin] account of the server's
// config; admin=false logs in as a customer with its own username and password.
$auth = ['username' => $user, 'password' => $password, 'admin' => true, 'impersonate' => 0];
$client->__setSoapHeaders([new SoapHeader('urn:AGProjects:NGNPro', 'auth',
    new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', 'urn:AGProjects:NGNPro'))]);

// An admin who adds a customer without naming a reseller creates a new reseller.
$new = $client->addAccount([
    'username' => 'bob-example', 'password' => 'S3cret-pw',
    'firstName' => 'Bob', 'lastName' => 'Example', 'email' => 'bob@example.com',
    'properties' => [['name' => 'sip_credit', 'value' => '10', 'category' => 'credit', 'permission' => 'admin']],
]);
echo "added customer $new->id reseller $new->reseller\n";

$account = $client->getAccount($new->id);  // the password always comes back empty
echo "got $account->username $account->firstName $account->lastName, properties: ",
     implode(', ', array_map(fn($p) => "$p->name=$p->value", $account->properties)), "\n";

$client->updateAccount(['id' => $new->id, 'organization' => 'Example Ltd']);  // omitted members are kept

$result = $client->getCustomers(['filter' => ['username' => 'bob%'],
                                 'orderBy' => ['attribute' => 'username', 'direction' => 'ASC'],
                                 'range' => ['start' => 0, 'count' => 10]]);
echo "found $result->total: ",
     implode(', ', array_map(fn($a) => "$a->id $a->username $a->organization", $result->accounts)), "\n";

$client->deleteAccount($new->id);
try {
    $client->getAccount($new->id);
    fwrite(STDERR, "the customer is still there\n");
    exit(1);
} catch (SoapFault $fault) {  // NGNPro errors are SOAP faults with a numeric code in the detail
    $error = $fault->detail->exception;
    echo "after delete: $error->errorcode $error->errorstring\n";  // 5000 customer not found
}
