-- A dead letter whose build still waits at that attempt: its message was handed back until the
-- queue's delivery limit (claims refused because runners changed, instances dying mid-claim), and
-- without a message the build would stay queued for good. An outbox entry sends it back, so the
-- publish that follows can be retried by any dispatcher.
-- KEYS[1] build hash
-- ARGV[1] prefix, ARGV[2] build id, ARGV[3] attempt
-- Returns {'redrive', queue, priority} or {'stale', status} when the build has moved on
local f = redis.call('HMGET', KEYS[1], 'status', 'attempt', 'queue', 'priority')
if f[1] ~= 'queued' or f[2] ~= ARGV[3] then return {'stale', f[1] or 'missing'} end
redis.call('ZADD', ARGV[1] .. 'outbox', now_ms(), ARGV[2] .. ':' .. ARGV[3])
return {'redrive', f[3], f[4]}
