-- No query looks issued tokens up by application, and every mint paid for this index: one more
-- B-tree page rewritten at each commit of a token's record (docs/performance.md, item 38).
DROP INDEX issued_tokens_app_id_idx;
