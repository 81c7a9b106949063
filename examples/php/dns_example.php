<?php
// Manage DNS zones, records and fancy records on ngnpro from PHP with SoapClient:
// zone -> records -> e-mail forward -> list -> update -> delete.
//
// usage: php dns_example.php [WSDL_URL [ADMIN_USER ADMIN_PASSWORD]]
//        The arguments, else NGNPRO_WSDL, NGNPRO_USER and NGNPRO_PASSWORD from the environment,
//        else http://127.0.0.1:9200/ngnpro/dns/wsdl, admin / change-me.
// Needs the soap extension (Debian: php-soap).

$wsdl = $argv[1] ?? (getenv('NGNPRO_WSDL') ?: 'http://127.0.0.1:9200/ngnpro/dns/wsdl');
[$user, $password] = count($argv) > 3
    ? [$argv[2], $argv[3]]
    : [getenv('NGNPRO_USER') ?: 'admin', getenv('NGNPRO_PASSWORD') ?: 'change-me'];

// The Dns port's own WSDL: SoapClient keeps the first operation of a name across ports.
try {
    $client = new SoapClient($wsdl, ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
} catch (SoapFault $fault) {
    fwrite(STDERR, "cannot read the WSDL at $wsdl ({$fault->getMessage()}): is ngnpro running there? Set NGNPRO_WSDL.\n");
    exit(2);
}

$auth = ['username' => $user, 'password' => $password, 'admin' => true, 'impersonate' => 0];
$client->__setSoapHeaders([new SoapHeader('urn:AGProjects:NGNPro', 'auth',
    new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', 'urn:AGProjects:NGNPro'))]);

$zone = 'example-dns-php.example';

// A zone gets its SOA and one NS record per name server; the serial is the server's.
$client->addZone(['name' => $zone, 'ttl' => 3600, 'info' => 'an example zone',
                  'nameservers' => ["ns1.$zone", "ns2.$zone"]]);

// Names are relative to the zone ('' is the apex) or end with it; they come back fully qualified.
$client->addRecord(['zone' => $zone, 'name' => 'www', 'type' => 'A', 'value' => '192.0.2.80', 'ttl' => 3600]);
$client->addRecord(['zone' => $zone, 'name' => '', 'type' => 'MX', 'value' => 'mail', 'priority' => 10]);
$client->addRecord(['zone' => $zone, 'name' => '', 'type' => 'NAPTR',
                    'value' => '10 100 "s" "SIP+D2U" "" _sip._udp']);

// An e-mail forward (MBOXFW): the mail forwarder reads it; it is not a DNS record.
$client->addFancyRecord(['zone' => $zone, 'name' => 'info', 'type' => 'MBOXFW', 'value' => 'someone@example.net']);

$result = $client->getRecords(['filter' => ['zone' => $zone],
                               'orderBy' => ['attribute' => 'name', 'direction' => 'ASC']]);
foreach ($result->records as $record) {
    echo "record $record->id $record->name $record->type $record->value\n";
}
$www = array_values(array_filter($result->records, fn($r) => $r->type === 'A'))[0];

// Updates take the id and keep what is not given.
$client->updateRecord(['id' => $www->id, 'value' => '192.0.2.81']);
echo 'updated ', $client->getRecord($www->id)->value, "\n";
$client->updateZone(['name' => $zone, 'ttl' => 7200]);
echo 'zone serial ', $client->getZone($zone)->serial, "\n";

$client->deleteZone($zone);  // with every record and fancy record in it
try {
    $client->getZone($zone);
    fwrite(STDERR, "the zone is still there\n");
    exit(1);
} catch (SoapFault $fault) {  // NGNPro errors are SOAP faults with a numeric code in the detail
    $error = $fault->detail->exception;
    echo "after delete: $error->errorcode $error->errorstring\n";  // 7000 zone not found
}
