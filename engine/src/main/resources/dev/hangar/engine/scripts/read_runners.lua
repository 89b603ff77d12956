-- Reads runners and the jobs each holds, a batch per round trip: one HGETALL and one SMEMBERS per
-- runner would cost two round trips each, and listing many runners would hold up whoever waits on the
-- same connection. A script rather than a pipeline, since scripts run on the shared connection.
local prefix = ARGV[1]
-- ARGV[2..]: the runner ids
-- Returns {flat field/value list, job ids} per id, in order; a runner gone meanwhile has no fields

local out = {}
for i = 2, #ARGV do
  local runner_id = ARGV[i]
  table.insert(out, {redis.call('HGETALL', runner_key_of(prefix, runner_id)),
    redis.call('SMEMBERS', jobs_key_of(prefix, runner_id))})
end
return out
