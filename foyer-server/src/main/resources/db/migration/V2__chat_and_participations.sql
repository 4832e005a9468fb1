-- Chat lines and participation history of meetings. Same dialect rules as V1: types and syntax
-- that H2 (PostgreSQL mode) and PostgreSQL both accept, no foreign keys; MeetingStore.delete and
-- ApplicationStore.delete delete these rows with their meetings, in the same transaction.

-- text is at most 4000 characters (code points). PostgreSQL counts VARCHAR lengths in code
-- points, H2 in UTF-16 units, where a character outside the BMP (most emoji) takes two:
-- VARCHAR(16000) holds 4000 of any character on both without becoming a CLOB.
CREATE TABLE chat_messages (
    meeting_id        VARCHAR(13)              NOT NULL,
    seq               BIGINT                   NOT NULL,
    message_id        VARCHAR                  NOT NULL,
    sender_id         VARCHAR                  NOT NULL,
    sender_name       VARCHAR                  NOT NULL,
    client_message_id VARCHAR                  NOT NULL,
    text              VARCHAR(16000)           NOT NULL,
    sent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chat_messages_pkey PRIMARY KEY (meeting_id, seq),
    CONSTRAINT chat_messages_client_message_key UNIQUE (meeting_id, sender_id, client_message_id)
);

CREATE TABLE participations (
    meeting_id     VARCHAR(13)              NOT NULL,
    participant_id VARCHAR                  NOT NULL,
    subject        VARCHAR                  NOT NULL,
    display_name   VARCHAR                  NOT NULL,
    role           VARCHAR(16)              NOT NULL,
    joined_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    admitted_at    TIMESTAMP WITH TIME ZONE,
    admitted_by    VARCHAR,
    left_at        TIMESTAMP WITH TIME ZONE,
    left_reason    VARCHAR,
    CONSTRAINT participations_pkey PRIMARY KEY (meeting_id, participant_id)
);
