-- wrk -s put.lua URL -- <path prefix> <body bytes> <run tag> [<API key, sent as Authorization: Bearer>]
-- PUTs a never-used key per request: <prefix>/<2 random hex>/<2 random hex>/<tag>-<thread>-<n>.
-- The tag is unique per run (bench/run passes one), so no run overwrites another's objects.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local prefix, body, tag, ctr, headers
function init(args)
  prefix, tag = args[1], args[3]
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  local t = {}
  for i = 1, tonumber(args[2]) do t[i] = string.char(math.random(0, 255)) end
  body, ctr = table.concat(t), 0
  headers = {["Content-Type"] = "application/octet-stream"}
  if args[4] and args[4] ~= "" then headers["Authorization"] = "Bearer " .. args[4] end
end
function request()
  ctr = ctr + 1
  local path = string.format("%s/%02x/%02x/%s-%d-%d", prefix, math.random(0, 255), math.random(0, 255), tag, tid, ctr)
  return wrk.format("PUT", path, headers, body)
end
