<?php
// PHP SoapClient (php-soap, WSDL mode) drives ngnpro's Dns port (api §4.3) from the WSDL the
// server publishes: add, list, update and delete a zone, a record and a fancy record. One line
// per step; exit status 0 when every step behaved.
//
// usage: php php_dns.php WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
//   WSDL_URL is the Dns port's own WSDL, <base>/dns/wsdl (SoapClient keeps the first operation of
//   a name across ports; php_sip.php says why). PREFIX makes this run's zone unique.

[, $wsdl, $endpoint, $cafile, $prefix] = $argv + [null, null, null, '-', 'php'];
const ADMIN_PASSWORD = 'admin-secret';

require __DIR__ . '/common.php';

$client = admin_client($wsdl, $endpoint, $cafile, ADMIN_PASSWORD);

$zone = "$prefix.example";

// zone: add with its name servers, get, add again, list, update
$client->addZone(['name' => strtoupper($zone), 'ttl' => 3600, 'info' => 'php zone',
                  'nameservers' => ["ns1.$zone", "ns2.$zone"]]);
$z = $client->getZone($zone);
check($z->name === $zone && $z->nameservers === ["ns1.$zone", "ns2.$zone"] && $z->email === "hostmaster@$zone",
      'addZone + getZone: lower-cased, the name servers as an array, the default contact');
check(fault_code(fn() => $client->addZone(['name' => $zone])) === 7001, 'addZone again is fault 7001');
$q = $client->getZones(['filter' => ['name' => $zone], 'orderBy' => ['attribute' => 'name', 'direction' => 'ASC'],
                        'range' => ['start' => 0, 'count' => 10]]);
check($q->total === 1 && is_array($q->zones) && $q->zones[0]->info === 'php zone', 'getZones finds the zone');
$client->updateZone(['name' => $zone, 'ttl' => 7200, 'nameservers' => ["ns1.$zone"]]);
$updated = $client->getZone($zone);
check($updated->ttl === 7200 && $updated->nameservers === ["ns1.$zone"] && $updated->serial > $z->serial
      && $updated->info === 'php zone', 'updateZone replaces the name servers, keeps the rest, bumps the serial');

// record: add, list, update by id, get
$client->addRecord(['zone' => $zone, 'name' => 'www', 'type' => 'A', 'value' => '192.0.2.80', 'ttl' => 3600]);
$client->addRecord(['zone' => $zone, 'name' => '', 'type' => 'MX', 'value' => 'mail', 'priority' => 10]);
$q = $client->getRecords(['filter' => ['zone' => $zone, 'type' => 'A']]);
check($q->total === 1 && $q->records[0]->name === "www.$zone" && $q->records[0]->value === '192.0.2.80',
      'addRecord + getRecords: the name qualified, the value as sent');
$id = $q->records[0]->id;
check(fault_code(fn() => $client->addRecord(['zone' => $zone, 'name' => 'www', 'type' => 'A',
                                             'value' => '192.0.2.80'])) === 7003, 'addRecord again is fault 7003');
check(fault_code(fn() => $client->addRecord(['zone' => $zone, 'name' => '', 'type' => 'CNAME',
                                             'value' => 'www'])) === 7004, 'a CNAME at the apex is fault 7004');
$client->updateRecord(['id' => $id, 'value' => '192.0.2.81']);
$r = $client->getRecord($id);
check($r->value === '192.0.2.81' && $r->ttl === 3600 && $r->type === 'A', 'updateRecord changes the value, keeps the rest');

// fancy record: an e-mail forward
$client->addFancyRecord(['zone' => $zone, 'name' => 'info', 'type' => 'MBOXFW', 'value' => 'carla@example.net']);
$q = $client->getFancyRecords(['filter' => ['zone' => $zone, 'type' => 'MBOXFW']]);
check($q->total === 1 && $q->records[0]->name === "info@$zone", 'addFancyRecord + getFancyRecords: info@zone');
$fancy = $q->records[0]->id;
$client->updateFancyRecord(['id' => $fancy, 'value' => 'carla@example.org']);
check($client->getFancyRecord($fancy)->value === 'carla@example.org', 'updateFancyRecord changes the target');
$client->deleteFancyRecord($fancy);
check(fault_code(fn() => $client->getFancyRecord($fancy)) === 7002, 'deleteFancyRecord: getFancyRecord is then 7002');

$client->deleteRecord($id);
check(fault_code(fn() => $client->getRecord($id)) === 7002, 'deleteRecord: getRecord is then fault 7002');
$client->deleteZone($zone);
check(fault_code(fn() => $client->getZone($zone)) === 7000, 'deleteZone (with its MX): getZone is then fault 7000');
echo "php: all Dns steps passed\n";
