-- An upload failed before it was recorded (checksum mismatch, a client gone halfway): its reservation
-- ends at once rather than at its deadline.
local space_key = KEYS[1]
local upload_id = ARGV[1]
-- Returns {}

redis.call('HDEL', space_key, 'upload:' .. upload_id)
return {}
