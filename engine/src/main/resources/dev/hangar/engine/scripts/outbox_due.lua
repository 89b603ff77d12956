-- Outbox entries old enough that the instance that wrote them has evidently not published them
-- (it crashed, or RabbitMQ refused). Entries whose build has moved on are removed here, so only
-- publishes still needed are returned.
-- KEYS[1] outbox
-- ARGV[1] prefix, ARGV[2] grace ms, ARGV[3] limit
-- Returns {member, build id, attempt, queue key, priority} for each entry to republish
local prefix = ARGV[1]
local out = {}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms() - tonumber(ARGV[2]), 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do
  local id, attempt = string.match(member, '^(.*):(%d+)$')
  local f = redis.call('HMGET', build_key_of(prefix, id), 'status', 'attempt', 'queue', 'priority')
  if f[1] == 'queued' and f[2] == attempt then
    table.insert(out, member); table.insert(out, id); table.insert(out, attempt)
    table.insert(out, f[3]); table.insert(out, f[4])
  else
    redis.call('ZREM', KEYS[1], member)
  end
end
return out
