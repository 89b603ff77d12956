-- Claims and requeues of the last minute and the last hour for /v1/stats, summed from the 10-second
-- buckets count_event fills (the current one included), by Redis's clock. Reads only.
local prefix = ARGV[1]
-- Returns {claims last minute, claims last hour, requeues last minute, requeues last hour}

local current = math.floor(now_ms() / STATS_BUCKET_MS)
local minute = 60000 / STATS_BUCKET_MS
local hour = 3600000 / STATS_BUCKET_MS
local out = {0, 0, 0, 0}
for i = 0, hour - 1 do
  local f = redis.call('HMGET', stats_key_of(prefix, current - i), 'claims', 'requeues')
  local claims, requeues = tonumber(f[1]) or 0, tonumber(f[2]) or 0
  if i < minute then
    out[1] = out[1] + claims
    out[3] = out[3] + requeues
  end
  out[2] = out[2] + claims
  out[4] = out[4] + requeues
end
return out
