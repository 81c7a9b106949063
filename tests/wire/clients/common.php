<?php
// Step helpers shared by the PHP SoapClient tests: one line per step, exit 1 at the first failure.

function check(bool $ok, string $what): void
{
    if (!$ok) {
        fwrite(STDERR, "FAILED: $what\n");
        exit(1);
    }
    echo "ok   $what\n";
}

// The NGNPro error code of a call that must fault: CDRTool reads detail->exception->errorcode.
function fault_code(callable $call): ?int
{
    try {
        $call();
    } catch (SoapFault $f) {
        echo "     fault {$f->faultcode} '{$f->faultstring}': {$f->detail->exception->errorstring}\n";
        return (int)$f->detail->exception->errorcode;
    }
    return null;
}

// A SoapClient of the WSDL at $wsdl posting to $endpoint, verifying https with $cafile ("-" for
// plain http), with the admin's auth header (api §2.4) on every call.
function admin_client(string $wsdl, string $endpoint, string $cafile, string $password): SoapClient
{
    $ssl = $cafile === '-' ? [] : ['cafile' => $cafile, 'verify_peer' => true, 'verify_peer_name' => true,
                                   'peer_name' => '127.0.0.1'];
    $client = new SoapClient($wsdl, ['location' => $endpoint, 'trace' => 1, 'exceptions' => true,
                                     'cache_wsdl' => WSDL_CACHE_NONE,
                                     'stream_context' => stream_context_create(['ssl' => $ssl])]);
    $auth = ['username' => 'admin', 'password' => $password, 'admin' => true, 'impersonate' => 0];
    $client->__setSoapHeaders([new SoapHeader('urn:AGProjects:NGNPro', 'auth',
        new SoapVar($auth, SOAP_ENC_OBJECT, 'AuthHeader', 'urn:AGProjects:NGNPro'))]);
    return $client;
}
