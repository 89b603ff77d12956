-- Files one page of a project's builds in the indexes by creation time (every build's, its pipeline's),
-- for builds recorded before create_build.lua kept them. Adding an entry already there changes nothing,
-- so this may run again, and on several instances at once.
local project_builds_key = KEYS[1]   -- the project's builds by number
local by_creation_key = KEYS[2]      -- every build by creation time
local prefix = ARGV[1]
local from = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
-- Returns how many builds the page held (fewer than count: the list's end)

local ids = redis.call('ZRANGE', project_builds_key, from, from + count - 1)
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', build_key_of(prefix, id), 'created_at', 'pipeline_id')
  if f[1] then
    redis.call('ZADD', by_creation_key, f[1], id)
    if f[2] then redis.call('ZADD', prefix .. 'pipeline:' .. f[2] .. ':builds', f[1], id) end
  end
end
return #ids
