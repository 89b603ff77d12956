-- Records a new build and its outbox entry in one step (DESIGN rule 6): once this returns, the build
-- cannot be lost even if the publish that follows fails; a dispatcher republishes the entry.
-- KEYS[1] project build counter, KEYS[2] build hash, KEYS[3] project's builds (by number), KEYS[4] outbox,
-- KEYS[5] the class's index of waiting builds
-- ARGV[1] build id, ARGV[2..] field/value pairs of the build's fixed data
-- Returns {build_number, created_at_ms}
local now = now_ms()
local number = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'id', ARGV[1], 'build_number', number, 'status', 'queued', 'attempt', 1,
  'cancel_requested', 0, 'created_at', now, 'updated_at', now, unpack(ARGV, 2))
redis.call('ZADD', KEYS[3], number, ARGV[1])
redis.call('ZADD', KEYS[4], now, ARGV[1] .. ':1')
redis.call('ZADD', KEYS[5], now, ARGV[1])
return {number, now}
