-- wrk script: PowerDNS's own HTTP API adding one record, the reference for Dns.addRecord in
-- bench/run_dns. Each request is a PATCH of the zone BENCH_ZONE (URL path) with one new RRset:
-- changetype REPLACE, one A record, a name no other request of the run uses
-- ("w<BENCH_TAG>t<thread>n<counter>.<zone>."); BENCH_API_KEY goes in X-API-Key.
-- PowerDNS answers 204 No Content.
local zone = assert(os.getenv("BENCH_ZONE"), "BENCH_ZONE not set")
local tag = os.getenv("BENCH_TAG") or "0"
local headers = {
  ["Content-Type"] = "application/json",
  ["X-API-Key"] = assert(os.getenv("BENCH_API_KEY"), "BENCH_API_KEY not set"),
}
local path = "/api/v1/servers/localhost/zones/" .. zone .. "."

local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"rrsets":[{"name":"w%st%dn%d.%s.","type":"A","ttl":3600,"changetype":"REPLACE",' ..
    '"records":[{"content":"192.0.2.80","disabled":false}]}]}', tag, tid or 0, counter, zone)
  return wrk.format("PATCH", path, headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_common.lua")
