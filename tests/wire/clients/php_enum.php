<?php
// PHP SoapClient (php-soap, WSDL mode) drives ngnpro's Enum port (api §4.4) from the WSDL the
// server publishes: add, list, update and delete an ENUM range and a number with its mappings.
// One line per step; exit status 0 when every step behaved.
//
// usage: php php_enum.php WSDL_URL ENDPOINT_URL CAFILE|- PREFIX
//   WSDL_URL is the Enum port's own WSDL, <base>/enum/wsdl (see php_sip.php for why).
//   PREFIX makes this run's tld unique (several clients share one database).

[, $wsdl, $endpoint, $cafile, $prefix] = $argv + [null, null, null, '-', 'php'];
const ADMIN_PASSWORD = 'admin-secret';

require __DIR__ . '/common.php';

$client = admin_client($wsdl, $endpoint, $cafile, ADMIN_PASSWORD);

$tld = "$prefix.e164.example";
$rangeId = ['prefix' => '3120555', 'tld' => $tld];
$numberId = ['number' => '31205551234', 'tld' => $tld];
$sip = "sip:alice@$prefix.example";

// range: add, list, refuse the duplicate, update
$client->addRange(['id' => $rangeId, 'ttl' => 3600, 'minDigits' => 11, 'maxDigits' => 11, 'size' => 10,
                   'info' => 'php']);
$q = $client->getRanges(['filter' => ['tld' => $tld]]);
check($q->total === 1 && is_array($q->ranges) && $q->ranges[0]->id->prefix === '3120555'
      && $q->ranges[0]->used === 0 && $q->ranges[0]->size === 10, 'addRange + getRanges: the range, nothing used');
check(is_array($q->ranges[0]->nameservers) && count($q->ranges[0]->nameservers) === 2,
      'the configured name servers');
check(fault_code(fn() => $client->addRange(['id' => $rangeId])) === 3001, 'addRange again is fault 3001');
$client->updateRange(['id' => $rangeId, 'info' => 'php (updated)', 'size' => 20]);
$r = $client->getRanges(['filter' => ['tld' => $tld]])->ranges[0];
check($r->info === 'php (updated)' && $r->size === 20 && $r->ttl === 3600,
      'updateRange changes info and size, keeps ttl');

// number: add, get, refuse the duplicate, replace the mappings keeping an id, find by mapto
$client->addNumber(['id' => $numberId, 'info' => 'Alice',
                    'mappings' => [['type' => 'sip', 'mapto' => $sip, 'priority' => 5, 'ttl' => 3600]]]);
$n = $client->getNumber($numberId);
check($n->info === 'Alice' && is_array($n->mappings) && count($n->mappings) === 1
      && $n->mappings[0]->mapto === $sip, 'addNumber + getNumber: the number and its mapping');
check(fault_code(fn() => $client->addNumber(['id' => $numberId])) === 3003, 'addNumber again is fault 3003');
$kept = $n->mappings[0]->id;
$client->updateNumber(['id' => $numberId, 'mappings' => [
    ['id' => $kept, 'type' => 'sip', 'mapto' => $sip, 'priority' => 5, 'ttl' => 3600],
    ['type' => 'mailto', 'mapto' => "mailto:alice@$prefix.example", 'priority' => 10, 'ttl' => 3600]]]);
$m = $client->getNumber($numberId)->mappings;
check(count($m) === 2 && $m[0]->type === 'sip' && $m[1]->type === 'mailto' && $m[0]->id === $kept,
      'updateNumber replaces the mappings and keeps the id sent back');
$q = $client->getNumbers(['filter' => ['tld' => $tld, 'mapto' => "alice@$prefix"]]);
check($q->total === 1, 'getNumbers finds it by a mapto substring');

// delete: refused while the range holds the number, then number and range
check(fault_code(fn() => $client->deleteRange($rangeId)) === 3005, 'deleteRange with a number is fault 3005');
$client->deleteNumber($numberId);
check(fault_code(fn() => $client->getNumber($numberId)) === 3002, 'deleteNumber: getNumber is then fault 3002');
$client->deleteRange($rangeId);
check($client->getRanges(['filter' => ['tld' => $tld]])->total === 0, 'deleteRange removed the range');
check(fault_code(fn() => $client->deleteRange($rangeId)) === 3000, 'deleteRange again is fault 3000');
echo "php: all Enum steps passed\n";
