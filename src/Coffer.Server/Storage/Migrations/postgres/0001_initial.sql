-- The initial schema. Times are unix milliseconds (bigint). Names use COLLATE "C": byte-wise,
-- case-sensitive, and the same order as SQLite whatever the database's default collation is, so
-- keyset pagination gives the same pages on both.

CREATE TABLE organizations (
    id text PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE,
    created bigint NOT NULL
);

CREATE TABLE users (
    id text PRIMARY KEY,
    login text COLLATE "C" NOT NULL UNIQUE,
    name text NOT NULL,
    email text,
    created bigint NOT NULL
);

CREATE TABLE memberships (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE access_tokens (
    id text PRIMARY KEY,
    value_hash bytea NOT NULL UNIQUE,
    kind text NOT NULL,
    user_id text REFERENCES users (id) ON DELETE CASCADE,
    organization_id text REFERENCES organizations (id) ON DELETE CASCADE,
    team_id text,
    name text NOT NULL,
    description text NOT NULL,
    created bigint NOT NULL,
    last_used bigint,
    expires bigint,
    revoked bigint,
    created_by text NOT NULL
);

CREATE INDEX access_tokens_user ON access_tokens (user_id);
CREATE INDEX access_tokens_organization ON access_tokens (organization_id);

CREATE TABLE environments (
    id text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id),
    project text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    created bigint NOT NULL,
    modified bigint NOT NULL,
    latest_revision integer NOT NULL,
    deletion_protected boolean NOT NULL DEFAULT false,
    wrapped_data_key bytea NOT NULL,
    key_version integer NOT NULL,
    UNIQUE (organization_id, project, name)
);

CREATE TABLE revisions (
    environment_id text NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    number integer NOT NULL,
    definition text NOT NULL,
    created bigint NOT NULL,
    creator_login text NOT NULL,
    creator_name text NOT NULL,
    retracted_replacement integer,
    retracted_at bigint,
    retracted_by_login text,
    retracted_by_name text,
    retracted_reason text,
    PRIMARY KEY (environment_id, number)
);

CREATE TABLE revision_tags (
    environment_id text NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name text COLLATE "C" NOT NULL,
    revision integer NOT NULL,
    created bigint NOT NULL,
    modified bigint NOT NULL,
    editor_login text NOT NULL,
    editor_name text NOT NULL,
    PRIMARY KEY (environment_id, name),
    FOREIGN KEY (environment_id, revision) REFERENCES revisions (environment_id, number) ON DELETE CASCADE
);

CREATE INDEX revision_tags_revision ON revision_tags (environment_id, revision);

CREATE TABLE environment_tags (
    environment_id text NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    name text COLLATE "C" NOT NULL,
    value text NOT NULL,
    created bigint NOT NULL,
    modified bigint NOT NULL,
    editor_login text NOT NULL,
    editor_name text NOT NULL,
    PRIMARY KEY (environment_id, name)
);

-- The environments a revision's definition depends on, as the caller wrote them, for referrer queries.
CREATE TABLE environment_references (
    environment_id text NOT NULL,
    revision integer NOT NULL,
    referenced_name text COLLATE "C" NOT NULL,
    PRIMARY KEY (environment_id, revision, referenced_name),
    FOREIGN KEY (environment_id, revision) REFERENCES revisions (environment_id, number) ON DELETE CASCADE
);

CREATE INDEX environment_references_name ON environment_references (referenced_name);

-- Sessions belong to an environment or to another owner key chosen by the caller, so there is no
-- foreign key; deleting an environment deletes its sessions explicitly.
CREATE TABLE open_sessions (
    id text PRIMARY KEY,
    environment_id text NOT NULL,
    revision integer NOT NULL,
    payload bytea NOT NULL,
    created bigint NOT NULL,
    expires bigint NOT NULL
);

CREATE INDEX open_sessions_expires ON open_sessions (expires);
CREATE INDEX open_sessions_environment ON open_sessions (environment_id);
