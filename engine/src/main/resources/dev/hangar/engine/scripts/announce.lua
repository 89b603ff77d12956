-- Publishes "work available" for each class on the namespace's channel in one round trip: a script
-- runs on the shared connection, where a pipeline would open a dedicated one.
local channel = ARGV[1]
-- ARGV[2..]: the class keys
-- Returns how many classes were announced

for i = 2, #ARGV do redis.call('PUBLISH', channel, ARGV[i]) end
return #ARGV - 1
