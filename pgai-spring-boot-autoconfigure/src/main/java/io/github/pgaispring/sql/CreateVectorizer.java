package io.github.pgaispring.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Builds a {@code SELECT ai.create_vectorizer(...)} statement, the Java counterpart of pgai's Python
 * {@code CreateVectorizer(...).to_sql()}. Use it from Flyway Java migrations, plain JDBC or
 * {@code JdbcTemplate}:
 * <pre class="code">
 * int id = CreateVectorizer.source("blog")
 *     .loading(LoadingConfig.column("content"))
 *     .embedding(EmbeddingConfig.openai("text-embedding-3-small", 768))
 *     .chunking(ChunkingConfig.recursiveCharacterTextSplitter(800, 400))
 *     .formatting(FormattingConfig.pythonTemplate("$title - $chunk"))
 *     .execute(connection);
 * </pre>
 * Arguments are rendered by name in pgai's parameter order; those not set are left out so the server
 * defaults apply. The server validates the configuration (for example that loading and embedding are
 * given). Instances are mutable and not thread-safe.
 */
public final class CreateVectorizer {

	private final TableName source;

	private String name;

	private DestinationConfig destination;

	private LoadingConfig loading;

	private ParsingConfig parsing;

	private EmbeddingConfig embedding;

	private ChunkingConfig chunking;

	private IndexingConfig indexing;

	private FormattingConfig formatting;

	private SchedulingConfig scheduling;

	private ProcessingConfig processing;

	private String queueSchema;

	private String queueTable;

	private List<String> grantTo;

	private Boolean enqueueExisting;

	private Boolean ifNotExists;

	private CreateVectorizer(TableName source) {
		this.source = source;
	}

	/**
	 * Starts a vectorizer on the given source table. The text is read the way PostgreSQL reads
	 * {@code regclass}: {@code blog} or {@code public.blog}; unquoted names fold to lower case, so
	 * double-quote names with upper case, spaces or dots ({@code "My Schema"."Blog"}), or use
	 * {@link #source(String, String)}.
	 * @param table the table, optionally schema-qualified
	 * @return the builder
	 * @throws IllegalArgumentException if the name is malformed
	 */
	public static CreateVectorizer source(String table) {
		return new CreateVectorizer(TableName.parse(table));
	}

	/**
	 * Starts a vectorizer on the given source table, named exactly (no case folding, no quoting needed).
	 * @param schema the exact schema name
	 * @param table the exact table name
	 * @return the builder
	 */
	public static CreateVectorizer source(String schema, String table) {
		return new CreateVectorizer(new TableName(schema, table));
	}

	/**
	 * Names the vectorizer ({@code ^[a-z][a-z_0-9]*$}); by default the server derives it from the
	 * destination, e.g. {@code public_blog_embedding_store}.
	 * @param name the name
	 * @return this builder
	 */
	public CreateVectorizer name(String name) {
		this.name = name;
		return this;
	}

	/**
	 * Sets where the embeddings are stored; the server default is {@link DestinationConfig#table()}.
	 * @param destination the destination
	 * @return this builder
	 */
	public CreateVectorizer destination(DestinationConfig destination) {
		this.destination = destination;
		return this;
	}

	/**
	 * Sets where the content is loaded from (required unless a legacy chunking names the column).
	 * @param loading the loading
	 * @return this builder
	 */
	public CreateVectorizer loading(LoadingConfig loading) {
		this.loading = loading;
		return this;
	}

	/**
	 * Sets how loaded content is parsed; the server default is {@link ParsingConfig#auto()}.
	 * @param parsing the parsing
	 * @return this builder
	 */
	public CreateVectorizer parsing(ParsingConfig parsing) {
		this.parsing = parsing;
		return this;
	}

	/**
	 * Sets the embedding model (required).
	 * @param embedding the embedding
	 * @return this builder
	 */
	public CreateVectorizer embedding(EmbeddingConfig embedding) {
		this.embedding = embedding;
		return this;
	}

	/**
	 * Sets how text is chunked; the server default is
	 * {@link ChunkingConfig#recursiveCharacterTextSplitter()}.
	 * @param chunking the chunking
	 * @return this builder
	 */
	public CreateVectorizer chunking(ChunkingConfig chunking) {
		this.chunking = chunking;
		return this;
	}

	/**
	 * Sets the vector index; the server default is {@link IndexingConfig#serverDefault()}.
	 * @param indexing the indexing
	 * @return this builder
	 */
	public CreateVectorizer indexing(IndexingConfig indexing) {
		this.indexing = indexing;
		return this;
	}

	/**
	 * Sets how chunks are formatted; the server default is a template of {@code $chunk}.
	 * @param formatting the formatting
	 * @return this builder
	 */
	public CreateVectorizer formatting(FormattingConfig formatting) {
		this.formatting = formatting;
		return this;
	}

	/**
	 * Sets the scheduling; the server default is {@link SchedulingConfig#serverDefault()}.
	 * @param scheduling the scheduling
	 * @return this builder
	 */
	public CreateVectorizer scheduling(SchedulingConfig scheduling) {
		this.scheduling = scheduling;
		return this;
	}

	/**
	 * Sets batch size and concurrency; the server default is {@link ProcessingConfig#defaults()}.
	 * @param processing the processing
	 * @return this builder
	 */
	public CreateVectorizer processing(ProcessingConfig processing) {
		this.processing = processing;
		return this;
	}

	/**
	 * Sets the schema of the queue tables; the server default is {@code ai}.
	 * @param queueSchema the exact schema name
	 * @return this builder
	 */
	public CreateVectorizer queueSchema(String queueSchema) {
		this.queueSchema = queueSchema;
		return this;
	}

	/**
	 * Sets the queue table; the server default is {@code _vectorizer_q_<id>}.
	 * @param queueTable the exact table name
	 * @return this builder
	 */
	public CreateVectorizer queueTable(String queueTable) {
		this.queueTable = queueTable;
		return this;
	}

	/**
	 * Sets the roles that are granted use of the vectorizer's objects, rendered as
	 * {@code ai.grant_to('a','b')}; the server also adds those of its {@code ai.grant_to_default} setting.
	 * @param roles the exact role names
	 * @return this builder
	 */
	public CreateVectorizer grantTo(String... roles) {
		this.grantTo = List.of(roles);
		return this;
	}

	/**
	 * Sets whether rows already in the source table are queued for embedding; the server default is
	 * {@code true}.
	 * @param enqueueExisting whether to queue existing rows
	 * @return this builder
	 */
	public CreateVectorizer enqueueExisting(boolean enqueueExisting) {
		this.enqueueExisting = enqueueExisting;
		return this;
	}

	/**
	 * Sets whether an existing vectorizer of the same name is kept (and its id returned) instead of raising
	 * an error; the server default is {@code false}. pgai's Python builder lacks this SQL parameter.
	 * @param ifNotExists whether to skip an existing vectorizer
	 * @return this builder
	 */
	public CreateVectorizer ifNotExists(boolean ifNotExists) {
		this.ifNotExists = ifNotExists;
		return this;
	}

	/**
	 * Renders the statement, one argument per line.
	 * @return {@code SELECT ai.create_vectorizer(...)}
	 */
	public String toSql() {
		SqlFunctionCall call = SqlFunctionCall.of("ai.create_vectorizer")
			.positional(this.source.toRegclassSql())
			.text("name", this.name)
			.config("destination", this.destination)
			.config("loading", this.loading)
			.config("parsing", this.parsing)
			.config("embedding", this.embedding)
			.config("chunking", this.chunking)
			.config("indexing", this.indexing)
			.config("formatting", this.formatting)
			.config("scheduling", this.scheduling)
			.config("processing", this.processing)
			.text("queue_schema", this.queueSchema)
			.text("queue_table", this.queueTable);
		if (this.grantTo != null) {
			call.expression("grant_to", this.grantTo.stream()
				.map(SqlLiterals::string)
				.collect(Collectors.joining(",", "ai.grant_to(", ")")));
		}
		call.bool("enqueue_existing", this.enqueueExisting).bool("if_not_exists", this.ifNotExists);
		return "SELECT " + call.toMultilineSql();
	}

	/**
	 * Runs the statement on the given connection, within its current transaction.
	 * @param connection the connection
	 * @return the id of the new vectorizer (or of the existing one, with {@link #ifNotExists(boolean)})
	 * @throws SQLException if the server rejects the vectorizer
	 */
	public int execute(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			try (ResultSet result = statement.executeQuery(toSql())) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	/** The vectorizer name, or {@code null} when the server derives it. */
	public String getName() {
		return this.name;
	}

	/** The configuration parts that were set, keyed by their name in the stored config JSON. */
	Map<String, VectorizerConfigPart> configParts() {
		Map<String, VectorizerConfigPart> parts = new LinkedHashMap<>();
		BiConsumer<String, VectorizerConfigPart> put = (key, part) -> {
			if (part != null) {
				parts.put(key, part);
			}
		};
		put.accept("destination", this.destination);
		put.accept("loading", this.loading);
		put.accept("parsing", this.parsing);
		put.accept("embedding", this.embedding);
		put.accept("chunking", this.chunking);
		put.accept("indexing", this.indexing);
		put.accept("formatting", this.formatting);
		put.accept("scheduling", this.scheduling);
		put.accept("processing", this.processing);
		return parts;
	}

	/** The source table. */
	TableName source() {
		return this.source;
	}

	@Override
	public String toString() {
		return toSql();
	}

}
