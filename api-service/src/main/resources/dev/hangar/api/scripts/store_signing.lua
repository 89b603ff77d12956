-- Stores a pipeline's sealed signing material and its metadata, and records the upload in the
-- pipeline's audit trail in the same step, so no material is ever stored without its audit entry. The
-- pipeline must exist in the same step: its deletion sets its record aside before it removes its material,
-- so an upload that overlaps a deletion cannot leave material behind.
local signing_key = KEYS[1]
local audit_key = KEYS[2]
local pipeline_key = KEYS[3]         -- the engine's record of the pipeline
local sealed = ARGV[1]
local info = ARGV[2]                 -- the metadata, json
local kind = ARGV[3]                 -- 'android' or 'ios'
local user_id = ARGV[4]
local address = ARGV[5]              -- the connection's peer
local forwarded_for = ARGV[6]        -- X-Forwarded-For as received, or ''
-- Returns the upload time in seconds, or 0 when the pipeline is gone

if redis.call('EXISTS', pipeline_key) == 0 then return 0 end

local at = math.floor(now_ms() / 1000)
redis.call('DEL', signing_key)
redis.call('HSET', signing_key, 'sealed', sealed, 'info', info)
redis.call('RPUSH', audit_key, cjson.encode({action = 'uploaded', kind = kind, user_id = user_id, at = at,
  address = address, forwarded_for = forwarded_for ~= '' and forwarded_for or nil}))
return at
