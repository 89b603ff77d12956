-- Builds whose log is still in Redis though they have finished: the instance that saw them end did not
-- archive them (it died, or the disk refused), so a dispatcher's sweep does. Live logs belong to
-- running builds and these few, so the set stays small.
local live_key = KEYS[1]
local prefix = ARGV[1]
local batch = tonumber(ARGV[2])
-- Returns the ids of at most batch such builds

local out = {}
for _, id in ipairs(redis.call('SMEMBERS', live_key)) do
  local status = redis.call('HGET', build_key_of(prefix, id), 'status')
  if status ~= 'queued' and not is_leased(status) then
    table.insert(out, id)
    if #out >= batch then break end
  end
end
return out
