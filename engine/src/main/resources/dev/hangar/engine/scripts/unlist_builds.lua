-- Takes one page of a deleted project's builds (or of one deleted pipeline's) out of the listings: the
-- index of every build and the pipeline's; for a pipeline, out of its project's build list too. Build
-- records stay, readable by id. Removing what is gone changes nothing, so a retried deletion may run
-- this again.
local project_builds_key = KEYS[1]   -- the project's builds by number
local by_creation_key = KEYS[2]      -- every build by creation time
local prefix = ARGV[1]
local pipeline_id = ARGV[2]          -- or '' for every pipeline of the project
local from = tonumber(ARGV[3])
local count = tonumber(ARGV[4])
-- Returns {builds looked at, builds taken out of the project's list}: the next page starts at
-- from + looked - taken

local ids = redis.call('ZRANGE', project_builds_key, from, from + count - 1)
local taken = 0
for _, id in ipairs(ids) do
  local pipeline = redis.call('HGET', build_key_of(prefix, id), 'pipeline_id')
  if pipeline_id == '' or pipeline == pipeline_id then
    redis.call('ZREM', by_creation_key, id)
    if pipeline then redis.call('ZREM', prefix .. 'pipeline:' .. pipeline .. ':builds', id) end
    if pipeline_id ~= '' then
      redis.call('ZREM', project_builds_key, id)
      taken = taken + 1
    end
  end
end
return {#ids, taken}
