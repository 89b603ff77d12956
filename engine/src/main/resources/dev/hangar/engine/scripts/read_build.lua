-- Reads a build's hash and its attempt history in one round trip. A script rather than a pipeline:
-- scripts run on the shared connection, while each pipeline would open a dedicated one.
-- KEYS[1] build hash, KEYS[2] attempts list
-- Returns {flat field/value list, attempt entries}
return {redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1)}
