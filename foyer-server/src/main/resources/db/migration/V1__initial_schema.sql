-- One schema for H2 (PostgreSQL mode) and PostgreSQL: only types and syntax both accept.
-- Instants are TIMESTAMP WITH TIME ZONE; string lists are JSON arrays in VARCHAR columns.
-- No foreign keys: deletes that span tables run in one transaction in the stores.

CREATE TABLE applications (
    id                 VARCHAR(32)              NOT NULL PRIMARY KEY,
    name               VARCHAR                  NOT NULL,
    client_id          VARCHAR                  NOT NULL,
    client_secret_hash VARCHAR                  NOT NULL,
    allowed_origins    VARCHAR                  NOT NULL,
    callback_url       VARCHAR,
    webhook_secret     VARCHAR                  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT applications_name_key UNIQUE (name),
    CONSTRAINT applications_client_id_key UNIQUE (client_id)
);

CREATE TABLE users (
    id           VARCHAR(32)              NOT NULL PRIMARY KEY,
    user_name    VARCHAR                  NOT NULL,
    display_name VARCHAR                  NOT NULL,
    token_hash   VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_user_name_key UNIQUE (user_name)
);

CREATE INDEX users_token_hash_idx ON users (token_hash);

CREATE TABLE meetings (
    id                          VARCHAR(13)              NOT NULL PRIMARY KEY,
    organizer_kind              VARCHAR(16)              NOT NULL,
    organizer_id                VARCHAR                  NOT NULL,
    organizer_url_name          VARCHAR                  NOT NULL,
    subject                     VARCHAR                  NOT NULL,
    description                 VARCHAR,
    access_level                VARCHAR(16)              NOT NULL,
    lobby_bypass                VARCHAR(16)              NOT NULL,
    automatic_leader_assignment VARCHAR(16)              NOT NULL,
    attendees                   VARCHAR                  NOT NULL,
    leaders                     VARCHAR                  NOT NULL,
    start_time                  TIMESTAMP WITH TIME ZONE,
    end_time                    TIMESTAMP WITH TIME ZONE,
    expiration_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at                    TIMESTAMP WITH TIME ZONE,
    end_reason                  VARCHAR
);

CREATE INDEX meetings_organizer_idx ON meetings (organizer_kind, organizer_id, created_at);

CREATE TABLE issued_tokens (
    jti         VARCHAR                  NOT NULL PRIMARY KEY,
    kind        VARCHAR(16)              NOT NULL,
    meeting_id  VARCHAR(13)              NOT NULL,
    app_id      VARCHAR(32),
    subject     VARCHAR                  NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    consumed_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX issued_tokens_meeting_id_idx ON issued_tokens (meeting_id);
CREATE INDEX issued_tokens_app_id_idx ON issued_tokens (app_id);
CREATE INDEX issued_tokens_expires_at_idx ON issued_tokens (expires_at);

CREATE TABLE signing_keys (
    kid         VARCHAR                  NOT NULL PRIMARY KEY,
    private_jwk VARCHAR                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE
);
