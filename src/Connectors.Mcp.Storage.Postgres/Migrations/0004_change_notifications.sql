-- LISTEN/NOTIFY for PostgresStorageChangeSignal: a statement that changes what tools/list_changed and the console's
-- live events are derived from (a workspace's catalog version, its connectors, its approvals) notifies channel
-- connectors_mcp_changes with 'schema.table' (listeners ignore other schemas' changes: several deployments, or the
-- tests, may share one database under different schemas). PostgreSQL delivers a notification when (and only if) the transaction
-- commits, once per distinct payload per transaction, to every listening session of the database. The audit log is
-- deliberately left out: a NOTIFY per tool call would serialise commits on the notification queue's lock; pollers
-- still read new audit rows on their interval.
CREATE FUNCTION connectors_mcp_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('connectors_mcp_changes', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER workspaces_notify_change AFTER INSERT OR UPDATE OR DELETE ON workspaces
    FOR EACH STATEMENT EXECUTE FUNCTION connectors_mcp_notify_change();
CREATE TRIGGER workspace_connectors_notify_change AFTER INSERT OR UPDATE OR DELETE ON workspace_connectors
    FOR EACH STATEMENT EXECUTE FUNCTION connectors_mcp_notify_change();
CREATE TRIGGER approvals_notify_change AFTER INSERT OR UPDATE OR DELETE ON approvals
    FOR EACH STATEMENT EXECUTE FUNCTION connectors_mcp_notify_change();
