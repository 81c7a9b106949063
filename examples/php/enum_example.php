<?php
// Manage ENUM ranges and numbers on ngnpro from PHP with SoapClient:
// range -> number with NAPTR mappings -> get -> update -> list -> delete.
//
// usage: php enum_example.php [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
//        (default http://127.0.0.1:9200/ngnpro/enum/wsdl, admin / change-me)
// Needs the soap extension (Debian: php-soap).

$wsdl = $argv[1] ?? 'http://127.0.0.1:9200/ngnpro/enum/wsdl';
[$user, $password] = count($argv) > 3 ? [$argv[2], $argv[3]] : ['admin', 'change-me'];

$client = new SoapClient($wsdl, ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);

$auth = ['username' => $user, 'password' => $password, 'admin' => true, 'impersonate' => 0];
$client->__setSoapHeaders([new SoapHeader('urn:AGProjects:NGNPro', 'auth',
    new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', 'urn:AGProjects:NGNPro'))]);

// Any tld works; e164.arpa is the default when the tld is empty.
$tld = 'e164.example-php.example';
$prefix = ['prefix' => '3120555', 'tld' => $tld];     // an EnumRangeId
$bob = ['number' => '31205559876', 'tld' => $tld];    // an EnumId

// The range is published as a DNS zone, 5.5.5.0.2.1.3.<tld>, with the configured name servers.
$client->addRange(['id' => $prefix, 'ttl' => 3600, 'minDigits' => 11, 'maxDigits' => 11, 'size' => 100,
                   'info' => 'example range']);

// Each mapping becomes a NAPTR record of 6.7.8.9.5.5.5.0.2.1.3.<tld>: at most 5 per number,
// mapto starting with a scheme of its type (sip: or sips: for sip, tel: for tel, ...).
$client->addNumber(['id' => $bob, 'info' => 'Bob',
                    'mappings' => [['type' => 'sip', 'mapto' => 'sip:bob@example.com', 'priority' => 5,
                                    'ttl' => 3600]]]);
$number = $client->getNumber($bob);
$sip = $number->mappings[0];
echo "got {$number->id->number}: $sip->type $sip->mapto (mapping $sip->id)\n";

// updateNumber replaces the mapping list; a mapping sent back with its id keeps it.
$client->updateNumber(['id' => $bob, 'mappings' => [
    ['id' => $sip->id, 'type' => 'sip', 'mapto' => $sip->mapto, 'priority' => 5, 'ttl' => 3600],
    ['type' => 'tel', 'mapto' => 'tel:+31205559876', 'priority' => 10, 'ttl' => 3600]]]);

$result = $client->getNumbers(['filter' => ['tld' => $tld, 'mapto' => 'bob@example.com']]);  // a substring
echo "found $result->total: ", implode(', ', array_map(fn($n) => $n->id->number, $result->numbers)), "\n";
$range = $client->getRanges(['filter' => ['prefix' => '3120555', 'tld' => $tld]])->ranges[0];
echo "range {$range->id->prefix} serial $range->serial, used $range->used of $range->size\n";

$client->deleteNumber($bob);
$client->deleteRange($prefix);  // refused (fault 3005) while numbers remain
try {
    $client->getNumber($bob);
    fwrite(STDERR, "the number is still there\n");
    exit(1);
} catch (SoapFault $fault) {  // NGNPro errors are SOAP faults with a numeric code in the detail
    $error = $fault->detail->exception;
    echo "after delete: $error->errorcode $error->errorstring\n";  // 3002 number not found
}
