-- The SHA-256 (base64url) of each join token exactly as issued. A token whose digest matches the
-- row of its jti is the one this server signed, so its signature need not be checked again
-- (TokenVerifier). Rows of tokens issued before this migration have none and are verified in full.
ALTER TABLE issued_tokens ADD COLUMN token_digest VARCHAR(43);
