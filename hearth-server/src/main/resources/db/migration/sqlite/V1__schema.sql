-- Times are epoch milliseconds (BIGINT) so the same Java code reads both databases alike.
CREATE TABLE deliveries (
    delivery_id  TEXT    NOT NULL PRIMARY KEY,
    event        TEXT    NOT NULL,
    action       TEXT,
    received_at  BIGINT  NOT NULL,
    body         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    updated_at   BIGINT  NOT NULL
);
CREATE INDEX deliveries_state ON deliveries (state, received_at);

CREATE TABLE runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id      TEXT    NOT NULL REFERENCES deliveries (delivery_id),
    repository       TEXT    NOT NULL,
    sha              TEXT    NOT NULL,
    ref              TEXT,
    workflow_path    TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    conclusion       TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    created_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    completed_at     BIGINT,
    updated_at       BIGINT  NOT NULL,
    UNIQUE (delivery_id, workflow_path)
);
CREATE INDEX runs_state ON runs (state, id);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       BIGINT  NOT NULL REFERENCES runs (id),
    job_key      TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    conclusion   TEXT,
    started_at   BIGINT,
    completed_at BIGINT,
    duration_ms  BIGINT
);
CREATE INDEX jobs_run ON jobs (run_id);

CREATE TABLE steps (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id       BIGINT  NOT NULL REFERENCES jobs (id),
    number       INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    conclusion   TEXT,
    started_at   BIGINT,
    completed_at BIGINT,
    duration_ms  BIGINT
);
CREATE INDEX steps_job ON steps (job_id);

CREATE TABLE log_chunks (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id   BIGINT  NOT NULL REFERENCES runs (id),
    job_id   BIGINT,
    step_id  BIGINT,
    sequence INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    written_at BIGINT NOT NULL
);
CREATE INDEX log_chunks_run ON log_chunks (run_id, id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    done            INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX outbox_due ON outbox (done, next_attempt_at);
