-- wrk script: Sip.addAccount with a fresh username per request. The body is the envelope
-- BENCH_BODY (tests/wire/envelopes/Sip/addAccount-cleartext.xml) with its username "bob"
-- replaced by "w<BENCH_TAG>t<thread>n<counter>", so no two requests of one run collide;
-- BENCH_TAG must differ between runs against the same database.
local f = assert(io.open(assert(os.getenv("BENCH_BODY"), "BENCH_BODY not set"), "rb"))
local template = f:read("*a")
f:close()
local tag = os.getenv("BENCH_TAG") or "0"
local marker = '<username xsi:type="xsd:string">bob</username>'
local head, tail
do
  local s, e = template:find(marker, 1, true)
  assert(s, "BENCH_BODY has no bob username to replace")
  head = template:sub(1, s - 1) .. '<username xsi:type="xsd:string">'
  tail = '</username>' .. template:sub(e + 1)
end

local next_thread = 0
setup = function(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

local counter = 0
local headers = { ["Content-Type"] = "text/xml; charset=UTF-8", ["SOAPAction"] = '""' }
request = function()
  counter = counter + 1
  local name = string.format("w%st%dn%d", tag, tid or 0, counter)
  return wrk.format("POST", nil, headers, head .. name .. tail)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH rps=%.0f p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
