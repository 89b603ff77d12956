-- Makes what a deleted project's (or pipeline's) ended builds keep due at once: each ended build of
-- one page of the project's build list (of the one pipeline, when named) that has not expired yet is
-- filed in the retention index at time 0, so the next retention sweep deletes its data the way it
-- deletes any expired build's. A build that has not ended is left: it is filed when it ends, at once
-- too, since its project or pipeline is gone by then (end_build).
local builds_key = KEYS[1]           -- the project's builds by number
local index_key = KEYS[2]            -- the retention index
local prefix = ARGV[1]
local pipeline_id = ARGV[2]          -- or '' for every pipeline of the project
local from = tonumber(ARGV[3])
local count = tonumber(ARGV[4])
-- Returns {builds looked at, builds filed}

local ids = redis.call('ZRANGE', builds_key, from, from + count - 1)
local filed = 0
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', build_key_of(prefix, id), 'pipeline_id', 'finished_at', 'data_expired_at')
  if (pipeline_id == '' or f[1] == pipeline_id) and f[2] and not f[3] then
    redis.call('ZADD', index_key, 0, id)
    filed = filed + 1
  end
end
return {#ids, filed}
