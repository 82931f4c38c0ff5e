-- Runs after every migration (Flyway callback), as the owner that ran the migrations. When the installation names an
-- application role (placeholder horenso_app_role; HORENSO_DB_APP_ROLE), the services connect as that role: it may
-- read and change every table except the append-only trails registered in horenso_append_only, which it may only
-- read and add to — so not even a compromised service can rewrite, delete or truncate an audit trail, nor switch
-- their guard triggers off (only the owner may).
do $grants$
declare
    app text := '${horenso_app_role}';
    t record;
begin
    if app in ('', 'none') or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete, truncate on all tables in schema public to %I', app);
    execute format('grant usage, select, update on all sequences in schema public to %I', app);
    for t in select table_name from horenso_append_only loop
        execute format('revoke update, delete, truncate on %I from %I', t.table_name, app);
    end loop;
end
$grants$;
