-- wrk script: POST one captured envelope (BENCH_BODY) to the SOAP endpoint, as CDRTool would.
-- BENCH_CLOSE=1 adds "Connection: close" (a new TCP connection per request, like PEAR over HTTP).
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
wrk.headers["SOAPAction"] = '""'
if os.getenv("BENCH_CLOSE") == "1" then wrk.headers["Connection"] = "close" end
local f = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY not set"), "rb"))
wrk.body = f:read("*a")
f:close()

-- One machine-readable line for run.sh; wrk's own summary stays above it.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH rps=%.0f p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
