-- Removes everything kept for a deleted pipeline's signing: its material of both kinds and its audit trail,
-- which nothing can read once the pipeline is gone. Removing what is already gone changes nothing, so a
-- deletion that is retried runs this again safely.
local android_key = KEYS[1]
local ios_key = KEYS[2]
local audit_key = KEYS[3]
-- Returns how many kinds of material there were

local kinds = redis.call('DEL', android_key, ios_key)
redis.call('DEL', audit_key)
return kinds
