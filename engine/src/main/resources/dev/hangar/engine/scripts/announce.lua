-- Publishes "work available" for each class on the namespace's channel in one round trip (a script
-- runs on the shared connection; a pipeline would open a dedicated one).
-- ARGV[1] channel, ARGV[2..] class keys
for i = 2, #ARGV do redis.call('PUBLISH', ARGV[1], ARGV[i]) end
return #ARGV - 1
