-- Reads a build's hash and its attempt history in one round trip. A script rather than a pipeline:
-- scripts run on the shared connection, while each pipeline would open a dedicated one.
local build_key = KEYS[1]
local attempts_key = KEYS[2]
-- Returns {flat field/value list, attempt entries as json}

return {redis.call('HGETALL', build_key), redis.call('LRANGE', attempts_key, 0, -1)}
