-- wrk script: an add with a fresh name per request. The body is the envelope BENCH_BODY
-- (tests/wire/envelopes/Sip/addAccount-cleartext.xml) with its username "bob" replaced by
-- "w<BENCH_TAG>t<thread>n<counter>", so no two requests of one run collide; BENCH_TAG must
-- differ between runs against the same database. BENCH_ELEMENT and BENCH_VALUE name another
-- xsd:string element to replace (bench/run_dns: the record name "www" of Dns/addRecord.xml).
-- BENCH_CYCLE=N names existing rows instead: "u0" to "u<N-1>", each thread from its own offset
-- (bench/run_sip_settings: the settings of N accounts).
local f = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY not set"), "rb"))
local template = f:read("*a")
f:close()
local tag = os.getenv("BENCH_TAG") or "0"
local element = os.getenv("BENCH_ELEMENT") or "username"
local value = os.getenv("BENCH_VALUE") or "bob"
local open_tag = "<" .. element .. ' xsi:type="xsd:string">'
local head, tail
do
  local s, e = template:find(open_tag .. value .. "</" .. element .. ">", 1, true)
  assert(s, "BENCH_BODY has no " .. element .. " " .. value .. " to replace")
  head = template:sub(1, s - 1) .. open_tag
  tail = "</" .. element .. ">" .. template:sub(e + 1)
end

local cycle = tonumber(os.getenv("BENCH_CYCLE") or "")
local counter = 0
local headers = { ["Content-Type"] = "text/xml; charset=UTF-8", ["SOAPAction"] = '""' }
request = function()
  counter = counter + 1
  local name
  if cycle then
    name = string.format("u%d", ((tid or 0) * 7919 + counter) % cycle)
  else
    name = string.format("w%st%dn%d", tag, tid or 0, counter)
  end
  return wrk.format("POST", nil, headers, head .. name .. tail)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "wrk_common.lua")
