-- Shared by get.lua and put.lua: numbers each wrk thread, and prints one WRKSUM line per run that
-- bench/run parses (latencies in ms; err_status counts responses with a status >= 400, as wrk does).
-- Adapted from nginx_anchor.sh (the project's shared benchmarking notes).
local nthreads = 0
function setup(thread) nthreads = nthreads + 1; thread:set("tid", nthreads) end
function done(summary, latency, requests)
  local e, secs = summary.errors, summary.duration / 1e6
  io.write(string.format(
    "WRKSUM reqs=%d secs=%.3f rps=%.1f rx_MBps=%.2f bytes_per_req=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f err_conn=%d err_rd=%d err_wr=%d err_tmo=%d err_status=%d\n",
    summary.requests, secs, summary.requests / secs, summary.bytes / secs / 1e6,
    summary.bytes / math.max(1, summary.requests),
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3,
    e.connect, e.read, e.write, e.timeout, e.status))
end
