-- wrk script: POST one captured envelope (BENCH_BODY) to the SOAP endpoint, as CDRTool would.
-- BENCH_CLOSE=1 adds "Connection: close" (a new TCP connection per request, like PEAR over HTTP).
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=UTF-8"
wrk.headers["SOAPAction"] = '""'
if os.getenv("BENCH_CLOSE") == "1" then wrk.headers["Connection"] = "close" end
local f = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY not set"), "rb"))
wrk.body = f:read("*a")
f:close()

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_common.lua")
