-- Reads runners and the jobs each holds, a batch per round trip: listing 10,000 runners one HGETALL
-- and one SMEMBERS at a time took 20,000 round trips (seconds), and held up whoever was waiting.
-- ARGV[1] prefix, ARGV[2..] runner ids
-- Returns {flat field/value list, job ids} per id, in order; a runner gone meanwhile has no fields
local out = {}
for i = 2, #ARGV do
  local key = ARGV[1] .. 'runner:' .. ARGV[i]
  table.insert(out, {redis.call('HGETALL', key), redis.call('SMEMBERS', jobs_key_of(ARGV[1], ARGV[i]))})
end
return out
