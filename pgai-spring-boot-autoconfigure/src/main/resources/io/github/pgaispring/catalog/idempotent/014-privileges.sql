-- Access for other roles, with pgai's grants (its idempotent/999-privileges.sql), role names quoted. admin also gets
-- what running a worker and the starter's installer need: the worker-tracking and the starter's bookkeeping tables.
create or replace function ai.grant_vectorizer_usage
( to_user pg_catalog.name
, admin pg_catalog.bool default false
) returns void
as $func$
declare
    _grantee pg_catalog.text = pg_catalog.quote_ident(to_user);
    _object pg_catalog.text;
begin
    if not admin then
        execute pg_catalog.format('grant usage, create on schema ai to %s', _grantee);
        execute pg_catalog.format('grant select, insert, update, delete on table ai.vectorizer to %s', _grantee);
        execute pg_catalog.format('grant select, insert, update, delete on table ai.pgai_spring_vectorizer_migration to %s', _grantee);
        execute pg_catalog.format('grant select, insert on table ai.pgai_spring_vectorizer_migration_history to %s', _grantee);
        foreach _object in array array['ai._vectorizer_errors', 'ai.vectorizer_errors', 'ai.vectorizer_status'
            , 'ai.vectorizer_migration_status'] loop
            execute pg_catalog.format('grant select on %s to %s', _object, _grantee);
        end loop;
        execute pg_catalog.format('grant select, usage on sequence ai.vectorizer_id_seq to %s', _grantee);
        return;
    end if;
    execute pg_catalog.format('grant all privileges on schema ai to %s', _grantee);
    foreach _object in array array['ai.pgai_lib_migration', 'ai.pgai_lib_version', 'ai.pgai_lib_feature_flag'
        , 'ai.vectorizer', 'ai._vectorizer_errors', 'ai.vectorizer_errors', 'ai.vectorizer_status', 'ai.vectorizer_migration_status'
        , 'ai.vectorizer_worker_process', 'ai.vectorizer_worker_progress'
        , 'ai.pgai_spring_migration', 'ai.pgai_spring_catalog', 'ai.pgai_spring_vectorizer_migration'
        , 'ai.pgai_spring_vectorizer_migration_history'] loop
        execute pg_catalog.format('grant all privileges on table %s to %s', _object, _grantee);
    end loop;
    execute pg_catalog.format('grant all privileges on sequence ai.vectorizer_id_seq to %s', _grantee);
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;
