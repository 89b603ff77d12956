-- Deletes a pipeline's signing material of one kind and records who did it, in one step, so the audit
-- trail names every delete that happened and none that did not.
local signing_key = KEYS[1]
local audit_key = KEYS[2]
local kind = ARGV[1]                 -- 'android' or 'ios'
local user_id = ARGV[2]
local address = ARGV[3]              -- the connection's peer
local forwarded_for = ARGV[4]        -- X-Forwarded-For as received, or ''
-- Returns 1, or 0 when there was nothing to delete

if redis.call('DEL', signing_key) == 0 then return 0 end
redis.call('RPUSH', audit_key, cjson.encode({action = 'deleted', kind = kind, user_id = user_id,
  at = math.floor(now_ms() / 1000), address = address,
  forwarded_for = forwarded_for ~= '' and forwarded_for or nil}))
return 1
