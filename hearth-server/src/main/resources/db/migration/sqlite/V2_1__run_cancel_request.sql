-- A cancel asked for through the REST API while the run is running: recorded here, not in memory,
-- so the node that holds the run's lease sees it whichever node answered the request.
ALTER TABLE runs ADD COLUMN cancel_requested_at BIGINT;
