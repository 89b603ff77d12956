-- What several api-service scripts share; the loader puts it in front of each of them. The engine's
-- scripts have a library of their own: what a build's lease is, and how one ends, is the engine's.

-- Redis's clock in milliseconds, the one every stored time is written with.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
