-- A dead letter whose build still waits at that attempt: its message was handed back until the
-- queue's delivery limit (claims refused because runners changed, instances dying mid-claim), and
-- without a message the build would stay queued for good. An outbox entry sends it back, so the
-- publish that follows can be retried by any dispatcher; checked and written in one step so a build
-- claimed or cancelled meanwhile gets no second message.
-- Its move is the DEAD_LETTER_REDRIVE row of BuildTransitions (Java); BuildTransitionsIT keeps the
-- two in step.
local build_key = KEYS[1]
local prefix = ARGV[1]
local build_id = ARGV[2]
local attempt = ARGV[3]              -- the attempt the dead letter stands for
-- Returns {'redrive', queue, priority}, or {'stale', status or 'missing'} when the build has moved on

local f = redis.call('HMGET', build_key, 'status', 'attempt', 'queue', 'priority')
if f[1] ~= 'queued' or f[2] ~= attempt then return {'stale', f[1] or 'missing'} end
local now = now_ms()
redis.call('ZADD', prefix .. 'outbox', now, build_id .. ':' .. attempt)
count_event(prefix, 'requeues', now)
return {'redrive', f[3], f[4]}
