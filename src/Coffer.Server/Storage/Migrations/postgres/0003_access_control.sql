-- Access control: organization settings, member roles (memberships.role already holds 'member' or
-- 'admin'), teams and grants. A grant gives a user or a team a permission on one environment or,
-- with environment '*', on every environment of a project. Subjects of two kinds cannot share a
-- foreign key, so whoever deletes a team or a membership deletes its grants in the same transaction.

ALTER TABLE organizations ADD COLUMN default_permission text NOT NULL DEFAULT 'write';
ALTER TABLE organizations ADD COLUMN members_can_create_environments boolean NOT NULL DEFAULT true;

-- Organization tokens act as an organization administrator only when created so.
ALTER TABLE access_tokens ADD COLUMN admin boolean NOT NULL DEFAULT false;

CREATE TABLE teams (
    id text PRIMARY KEY,
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name text COLLATE "C" NOT NULL,
    description text NOT NULL,
    created bigint NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE team_members (
    team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE grants (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    project text COLLATE "C" NOT NULL,
    environment text COLLATE "C" NOT NULL,
    permission text NOT NULL,
    PRIMARY KEY (organization_id, project, environment, subject_kind, subject_id)
);

CREATE INDEX grants_subject ON grants (subject_kind, subject_id);
