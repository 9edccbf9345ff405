-- The roles that get access to a vectorizer's objects: the given ones plus those of the GUC ai.grant_to_default.

create or replace function ai.grant_to(variadic grantees pg_catalog.name[]) returns pg_catalog.name[]
as $func$
    select coalesce(pg_catalog.array_agg(x order by x), array[]::pg_catalog.name[])
    from
    ( select pg_catalog.unnest(grantees) x
      union
      select pg_catalog.btrim(d)::pg_catalog.name
      from pg_catalog.string_to_table(pg_catalog.current_setting('ai.grant_to_default', true), ',') d
      where pg_catalog.btrim(d) operator(pg_catalog.<>) ''
    ) g
    where x is not null
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

create or replace function ai.grant_to() returns pg_catalog.name[]
as $func$
    select ai.grant_to(variadic array[]::pg_catalog.name[])
$func$ language sql volatile security invoker
set search_path to pg_catalog, pg_temp;

-- The grantee list of a grant statement, or null when there is nobody to grant to.
create or replace function ai._grantee_list(grant_to pg_catalog.name[]) returns pg_catalog.text
as $func$
    select pg_catalog.string_agg(pg_catalog.quote_ident(r), ', ')
    from pg_catalog.unnest(grant_to) r
$func$ language sql immutable security invoker
set search_path to pg_catalog, pg_temp;

-- Runs grant <privileges> on <object> to the roles, if there are any.
create or replace function ai._grant
( privileges pg_catalog.text
, object pg_catalog.text
, grant_to pg_catalog.name[]
) returns void
as $func$
declare
    _grantees pg_catalog.text = ai._grantee_list(grant_to);
begin
    if _grantees is not null then
        execute pg_catalog.format('grant %s on %s to %s', privileges, object, _grantees);
    end if;
end
$func$ language plpgsql volatile security invoker
set search_path to pg_catalog, pg_temp;
