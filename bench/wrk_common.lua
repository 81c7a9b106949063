-- Shared by the wrk scripts of bench/ (loaded with dofile from the script's own directory):
-- a number per wrk thread in the global tid (for names unique across threads), and the one
-- machine-readable BENCH line the bench scripts read; wrk's own summary stays above it.
local next_thread = 0
setup = function(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("BENCH rps=%.0f p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
