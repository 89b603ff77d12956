-- Replaces sealed material with the same material sealed under the current key, unless it changed
-- since it was read (an upload in between wins).
-- KEYS[1] signing hash
-- ARGV[1] sealed value read, ARGV[2] re-sealed value
if redis.call('HGET', KEYS[1], 'sealed') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'sealed', ARGV[2])
return 1
