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
