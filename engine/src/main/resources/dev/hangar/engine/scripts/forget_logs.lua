-- Drops archived logs from the retention index once their files are deleted.
local archived_key = KEYS[1]
-- ARGV: the build ids
-- Returns how many were dropped

if #ARGV == 0 then return 0 end
return redis.call('ZREM', archived_key, unpack(ARGV))
