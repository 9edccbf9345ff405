package io.github.pgaispring.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The definitions of everything in schema {@code ai}: functions and procedures (their full
 * {@code pg_get_functiondef}), tables, views and sequences (columns with types, not-null and defaults, view
 * definitions), constraints, indexes and privileges, keyed by a stable name. Two snapshots tell what an installer
 * added and changed.
 *
 * @param definitions each object's definition by its key, such as {@code function ai.create_vectorizer(regclass,...)}
 */
public record AiSchemaSnapshot(Map<String, String> definitions) {

	private static final String QUERY = """
			select 'function ' || p.oid::regprocedure::text, pg_get_functiondef(p.oid) || coalesce(p.proacl::text, '')
			from pg_proc p where p.pronamespace = 'ai'::regnamespace and p.prokind in ('f', 'p')
			union all
			select 'relation ' || c.oid::regclass::text, c.relkind::text || ' ' || coalesce(c.relacl::text, '') || ' '
			  || coalesce(pg_get_viewdef(c.oid), '') || ' ' || coalesce((
			    select string_agg(concat_ws(' ', a.attname, format_type(a.atttypid, a.atttypmod),
			      case when a.attnotnull then 'not null' end, pg_get_expr(d.adbin, d.adrelid)), ', ' order by a.attnum)
			    from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
			    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '')
			from pg_class c where c.relnamespace = 'ai'::regnamespace and c.relkind in ('r', 'v', 'S', 'p')
			union all
			select 'constraint ' || k.conrelid::regclass::text || '.' || k.conname, pg_get_constraintdef(k.oid)
			from pg_constraint k where k.connamespace = 'ai'::regnamespace
			union all
			select 'index ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
			from pg_index i join pg_class c on c.oid = i.indexrelid where c.relnamespace = 'ai'::regnamespace
			union all
			select 'schema ai', coalesce(n.nspacl::text, '') from pg_namespace n where n.nspname = 'ai'
			""";

	/**
	 * Reads the schema's objects.
	 * @param dataSource the database
	 * @return the snapshot
	 */
	public static AiSchemaSnapshot of(DataSource dataSource) {
		Map<String, String> definitions = new LinkedHashMap<>();
		new JdbcTemplate(dataSource).query(QUERY, (row) -> {
			definitions.put(row.getString(1), row.getString(2));
		});
		return new AiSchemaSnapshot(Map.copyOf(definitions));
	}

	/** The keys of the objects this snapshot has and the earlier one had not, sorted. */
	public Set<String> addedSince(AiSchemaSnapshot earlier) {
		Set<String> added = new TreeSet<>(this.definitions.keySet());
		added.removeAll(earlier.definitions.keySet());
		return added;
	}

	/** The keys of the objects of the earlier snapshot that are missing or defined differently now, sorted. */
	public Set<String> changedSince(AiSchemaSnapshot earlier) {
		Set<String> changed = new TreeSet<>();
		earlier.definitions.forEach((key, definition) -> {
			if (!definition.equals(this.definitions.get(key))) {
				changed.add(key);
			}
		});
		return changed;
	}

	/** The keys that start with the given prefix, sorted. */
	public List<String> keys(String prefix) {
		return this.definitions.keySet().stream().filter((key) -> key.startsWith(prefix)).sorted().toList();
	}

}
