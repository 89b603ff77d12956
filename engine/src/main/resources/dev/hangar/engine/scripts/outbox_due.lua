-- Outbox entries old enough that the instance that wrote them has evidently not published them (it
-- crashed, or RabbitMQ refused). Entries whose build has moved on are removed in the same step, so
-- only publishes still needed are returned and none is dropped that a build still waits for.
local outbox_key = KEYS[1]
local prefix = ARGV[1]
local grace_ms = tonumber(ARGV[2])   -- age an entry must reach before anyone but its writer publishes it
local limit = tonumber(ARGV[3])
-- Returns {build id, attempt, queue, priority} for each entry to republish

local out = {}
local due = redis.call('ZRANGEBYSCORE', outbox_key, '-inf', now_ms() - grace_ms, 'LIMIT', 0, limit)
for _, member in ipairs(due) do
  local id, attempt = string.match(member, '^(.*):(%d+)$')
  local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'attempt', 'queue', 'priority')
  if f[1] == 'queued' and f[2] == attempt then
    table.insert(out, id); table.insert(out, attempt); table.insert(out, f[3]); table.insert(out, f[4])
  else
    redis.call('ZREM', outbox_key, member)
  end
end
return out
