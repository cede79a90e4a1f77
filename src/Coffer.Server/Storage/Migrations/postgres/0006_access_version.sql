-- A counter per organization that moves forward, in the same transaction, with every change to
-- who may do what there: member roles, teams and their members, grants, and the default
-- permission and create right. Replicas keep the permission decisions they made and re-check
-- each against this counter, read with the environment lookup every request does anyway, so a
-- change of access applies to the very next request on every replica without a query of its own.
-- Triggers keep it rather than application code, so that no write path can forget it.

ALTER TABLE organizations ADD COLUMN access_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION bump_access_version(organization text) RETURNS void LANGUAGE sql AS $$
    UPDATE organizations SET access_version = access_version + 1 WHERE id = organization;
$$;

-- For tables with an organization_id column.
CREATE FUNCTION organization_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM bump_access_version(OLD.organization_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.organization_id IS DISTINCT FROM OLD.organization_id) THEN
        PERFORM bump_access_version(NEW.organization_id);
    END IF;
    RETURN NULL;
END;
$$;

-- Team members name their organization through the team (gone already when the team is deleted,
-- but then the team's own trigger moved the counter).
CREATE FUNCTION team_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_access_version((SELECT organization_id FROM teams WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.team_id ELSE NEW.team_id END));
    RETURN NULL;
END;
$$;

CREATE FUNCTION settings_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_access_version(NEW.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_access_changed AFTER UPDATE OF default_permission, members_can_create_environments ON organizations
    FOR EACH ROW EXECUTE FUNCTION settings_access_changed();
CREATE TRIGGER memberships_access_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION organization_access_changed();
CREATE TRIGGER teams_access_changed AFTER INSERT OR DELETE ON teams
    FOR EACH ROW EXECUTE FUNCTION organization_access_changed();
CREATE TRIGGER team_members_access_changed AFTER INSERT OR DELETE ON team_members
    FOR EACH ROW EXECUTE FUNCTION team_access_changed();
CREATE TRIGGER grants_access_changed AFTER INSERT OR UPDATE OR DELETE ON grants
    FOR EACH ROW EXECUTE FUNCTION organization_access_changed();
