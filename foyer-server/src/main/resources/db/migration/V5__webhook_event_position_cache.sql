-- The event position's sequence hands out numbers in blocks of 1,000 instead of H2's 32. H2 writes
-- the sequence's state, a chunk of its file, each time a block is used up: with blocks of 32 that
-- was a write for every 32 events, more than the commits of the events themselves in a join storm
-- (docs/performance.md, item 30). Numbers left in a block when the server stops are skipped;
-- positions only order events that share a seq, which are inserted together in one statement, so
-- gaps, and PostgreSQL's blocks per connection, change no order.
ALTER TABLE webhook_events ALTER COLUMN position SET CACHE 1000;
