-- Replaces sealed material with the same material sealed under the current key, unless it changed
-- since it was read: compared and written in one step, so an upload in between wins.
local signing_key = KEYS[1]
local sealed_read = ARGV[1]          -- the sealed value as the caller read it
local resealed = ARGV[2]             -- the same material sealed under the current key
-- Returns 1 when replaced, 0 when the material changed meanwhile

if redis.call('HGET', signing_key, 'sealed') ~= sealed_read then return 0 end
redis.call('HSET', signing_key, 'sealed', resealed)
return 1
