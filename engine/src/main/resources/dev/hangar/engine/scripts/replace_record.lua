-- Replaces a project's or pipeline's record with a changed one only if it still holds what the change was
-- made from (optimistic concurrency): a PATCH reads the record, applies its fields and validates the
-- result outside Redis, and retries from a fresh read when another change came first, so two concurrent
-- PATCHes never lose each other's fields. A deleted record (set aside by its deletion) is not revived.
local record_key = KEYS[1]
local expected = ARGV[1]             -- the record as the change read it
local replacement = ARGV[2]
-- Returns 'replaced', 'changed' (another change came first) or 'missing'

local current = redis.call('GET', record_key)
if not current then return 'missing' end
if current ~= expected then return 'changed' end
redis.call('SET', record_key, replacement)
return 'replaced'
