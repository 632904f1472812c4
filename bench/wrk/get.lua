-- wrk -s get.lua URL -- <file of URL paths> [<API key, sent as Authorization: Bearer>]
-- GETs a uniformly random path of the file per request. No response() function on purpose: wrk
-- would then copy every body into Lua, which costs the client more than the server.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local paths, n, headers = {}, 0, nil
function init(args)
  for line in io.lines(args[1]) do n = n + 1; paths[n] = line end
  if args[2] and args[2] ~= "" then headers = {["Authorization"] = "Bearer " .. args[2]} end
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
function request() return wrk.format("GET", paths[math.random(n)], headers) end
