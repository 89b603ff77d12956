-- Registers a runner and its token index entry together, stamped with Redis's clock.
-- KEYS[1] runner hash, KEYS[2] token index entry, KEYS[3] runner index
-- ARGV[1] runner id, ARGV[2..] field/value pairs
-- Returns the registration time in ms
local now = now_ms()
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'caps_rev', 1, 'draining', 0, 'created_at', now, 'updated_at', now,
  'last_contact_at', now, unpack(ARGV, 2))
redis.call('SET', KEYS[2], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return now
