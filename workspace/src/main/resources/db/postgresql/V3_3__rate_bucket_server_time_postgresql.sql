-- The service's time as known across instances (issue 15). Never edit this file once it is on main.
--   server_seen  the latest time of the service (epoch ms) that some instance was sure its clock had reached when it
--                asked for requests: an instance whose own estimate lags (a Date header tells time to the second)
--                takes it up, so no instance is granted requests of a window another already knows has reset
ALTER TABLE rate_bucket ADD COLUMN server_seen BIGINT NOT NULL DEFAULT 0;
