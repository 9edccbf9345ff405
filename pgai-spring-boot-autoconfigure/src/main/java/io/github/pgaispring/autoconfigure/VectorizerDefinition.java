package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vectorizer declared under {@code pgai.vectorizers.<name>}: every option of
 * {@code ai.create_vectorizer}. Unset options take pgai's defaults; the embedding defaults to the
 * in-process {@code all-minilm-l6-v2} model.
 */
public class VectorizerDefinition {

	/** Source table, optionally schema-qualified ("blog_posts", "content.articles"). */
	private String source;

	/** What to do when the vectorizer exists with a different configuration. */
	private OnChange onChange = OnChange.FAIL;

	private final Loading loading = new Loading();

	/** How loaded values are parsed. */
	private Parsing parsing;

	private final Embedding embedding = new Embedding();

	private final Chunking chunking = new Chunking();

	private final Formatting formatting = new Formatting();

	private final Destination destination = new Destination();

	private final Indexing indexing = new Indexing();

	private final Scheduling scheduling = new Scheduling();

	private final Processing processing = new Processing();

	private final TextIndexing textIndexing = new TextIndexing();

	/** Schema of the queue tables. */
	private String queueSchema;

	/** Name of the queue table. */
	private String queueTable;

	/** Roles granted access to the vectorizer's objects. */
	private List<String> grantTo;

	/** Whether rows already in the source table are queued when the vectorizer is created. */
	private Boolean enqueueExisting;

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = source;
	}

	public OnChange getOnChange() {
		return this.onChange;
	}

	public void setOnChange(OnChange onChange) {
		this.onChange = onChange;
	}

	public Loading getLoading() {
		return this.loading;
	}

	public Parsing getParsing() {
		return this.parsing;
	}

	public void setParsing(Parsing parsing) {
		this.parsing = parsing;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	public Chunking getChunking() {
		return this.chunking;
	}

	public Formatting getFormatting() {
		return this.formatting;
	}

	public Destination getDestination() {
		return this.destination;
	}

	public Indexing getIndexing() {
		return this.indexing;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public TextIndexing getTextIndexing() {
		return this.textIndexing;
	}

	public Processing getProcessing() {
		return this.processing;
	}

	public String getQueueSchema() {
		return this.queueSchema;
	}

	public void setQueueSchema(String queueSchema) {
		this.queueSchema = queueSchema;
	}

	public String getQueueTable() {
		return this.queueTable;
	}

	public void setQueueTable(String queueTable) {
		this.queueTable = queueTable;
	}

	public List<String> getGrantTo() {
		return this.grantTo;
	}

	public void setGrantTo(List<String> grantTo) {
		this.grantTo = grantTo;
	}

	public Boolean getEnqueueExisting() {
		return this.enqueueExisting;
	}

	public void setEnqueueExisting(Boolean enqueueExisting) {
		this.enqueueExisting = enqueueExisting;
	}

	/** What to do with an existing vectorizer whose configuration differs from the declared one. */
	public enum OnChange {

		/** Fail startup and list the differences. */
		FAIL,

		/** Drop the vectorizer with its embeddings and create it again, which re-embeds every row. */
		RECREATE

	}

	/** Parsers pgai knows; this starter embeds text columns and accepts {@code auto} and {@code none}. */
	public enum Parsing {

		AUTO, NONE, PYMUPDF, DOCLING

	}

	/** Where the text comes from ({@code ai.loading_column}). */
	public static class Loading {

		/** Source column holding the text to embed. */
		private String column;

		/** Loading retries before a row moves to the failed queue. */
		private Integer retries;

		public String getColumn() {
			return this.column;
		}

		public void setColumn(String column) {
			this.column = column;
		}

		public Integer getRetries() {
			return this.retries;
		}

		public void setRetries(Integer retries) {
			this.retries = retries;
		}

	}

	/** The embedding model ({@code ai.embedding_*}). */
	public static class Embedding {

		/** Embedding provider. */
		private Provider provider = Provider.ONNX;

		/** Model name; for ONNX "all-minilm-l6-v2" (default) or "bge-small-en-v1.5". */
		private String model;

		/** Vector dimensions; for ONNX models 384. */
		private Integer dimensions;

		/** Name of the environment variable or Spring property holding the API key. */
		private String apiKeyName;

		/** Base URL of the provider's API, for OpenAI-compatible servers and Ollama. */
		private String baseUrl;

		/** End-user identifier sent to OpenAI ("user"). */
		private String chatUser;

		/** Ollama model options. */
		private Map<String, Object> options = new LinkedHashMap<>();

		/** How long Ollama keeps the model loaded ("5m"). */
		private String keepAlive;

		/** VoyageAI input type ("document" or "query"). */
		private String inputType;

		/** Extra LiteLLM options. */
		private Map<String, Object> extraOptions = new LinkedHashMap<>();

		public Provider getProvider() {
			return this.provider;
		}

		public void setProvider(Provider provider) {
			this.provider = provider;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(Integer dimensions) {
			this.dimensions = dimensions;
		}

		public String getApiKeyName() {
			return this.apiKeyName;
		}

		public void setApiKeyName(String apiKeyName) {
			this.apiKeyName = apiKeyName;
		}

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public String getChatUser() {
			return this.chatUser;
		}

		public void setChatUser(String chatUser) {
			this.chatUser = chatUser;
		}

		public Map<String, Object> getOptions() {
			return this.options;
		}

		public void setOptions(Map<String, Object> options) {
			this.options = options;
		}

		public String getKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(String keepAlive) {
			this.keepAlive = keepAlive;
		}

		public String getInputType() {
			return this.inputType;
		}

		public void setInputType(String inputType) {
			this.inputType = inputType;
		}

		public Map<String, Object> getExtraOptions() {
			return this.extraOptions;
		}

		public void setExtraOptions(Map<String, Object> extraOptions) {
			this.extraOptions = extraOptions;
		}

		/** Embedding providers. */
		public enum Provider {

			ONNX, OPENAI, OLLAMA, VOYAGEAI, LITELLM

		}

	}

	/** How texts are split into chunks ({@code ai.chunking_*}). */
	public static class Chunking {

		/** Splitter. */
		private Splitter splitter = Splitter.RECURSIVE_CHARACTER_TEXT_SPLITTER;

		/** Maximum chunk length in characters (code points). */
		private Integer chunkSize;

		/** Characters shared by consecutive chunks. */
		private Integer chunkOverlap;

		/** Separator of the character text splitter. */
		private String separator;

		/** Separators of the recursive character text splitter, tried in order. */
		private List<String> separators = new ArrayList<>();

		/** Whether separators are regular expressions. */
		private Boolean separatorIsRegex;

		public Splitter getSplitter() {
			return this.splitter;
		}

		public void setSplitter(Splitter splitter) {
			this.splitter = splitter;
		}

		public Integer getChunkSize() {
			return this.chunkSize;
		}

		public void setChunkSize(Integer chunkSize) {
			this.chunkSize = chunkSize;
		}

		public Integer getChunkOverlap() {
			return this.chunkOverlap;
		}

		public void setChunkOverlap(Integer chunkOverlap) {
			this.chunkOverlap = chunkOverlap;
		}

		public String getSeparator() {
			return this.separator;
		}

		public void setSeparator(String separator) {
			this.separator = separator;
		}

		public List<String> getSeparators() {
			return this.separators;
		}

		public void setSeparators(List<String> separators) {
			this.separators = separators;
		}

		public Boolean getSeparatorIsRegex() {
			return this.separatorIsRegex;
		}

		public void setSeparatorIsRegex(Boolean separatorIsRegex) {
			this.separatorIsRegex = separatorIsRegex;
		}

		/** LangChain splitters pgai supports. */
		public enum Splitter {

			RECURSIVE_CHARACTER_TEXT_SPLITTER, CHARACTER_TEXT_SPLITTER, NONE

		}

	}

	/** How each chunk is formatted before embedding ({@code ai.formatting_*}). */
	public static class Formatting {

		/** Python string.Template applied to each chunk, e.g. "$title - $chunk". */
		private String template;

		/** Whether to embed the chunk unchanged (formatting_chunk_value) instead of using a template. */
		private boolean chunkValue;

		public String getTemplate() {
			return this.template;
		}

		public void setTemplate(String template) {
			this.template = template;
		}

		public boolean isChunkValue() {
			return this.chunkValue;
		}

		public void setChunkValue(boolean chunkValue) {
			this.chunkValue = chunkValue;
		}

	}

	/** Where embeddings are stored ({@code ai.destination_*}). */
	public static class Destination {

		/** Base name for the store ("<destination>_store") and view ("<destination>"). */
		private String name;

		/** Schema of the embedding store table; defaults to the source schema. */
		private String targetSchema;

		/** Embedding store table; defaults to "<source>_embedding_store". */
		private String targetTable;

		/** Schema of the view joining source and store; defaults to the source schema. */
		private String viewSchema;

		/** View joining source and store; defaults to "<source>_embedding". */
		private String viewName;

		/** Store the embedding in this column of the source table instead (chunking must be none). */
		private String column;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getTargetSchema() {
			return this.targetSchema;
		}

		public void setTargetSchema(String targetSchema) {
			this.targetSchema = targetSchema;
		}

		public String getTargetTable() {
			return this.targetTable;
		}

		public void setTargetTable(String targetTable) {
			this.targetTable = targetTable;
		}

		public String getViewSchema() {
			return this.viewSchema;
		}

		public void setViewSchema(String viewSchema) {
			this.viewSchema = viewSchema;
		}

		public String getViewName() {
			return this.viewName;
		}

		public void setViewName(String viewName) {
			this.viewName = viewName;
		}

		public String getColumn() {
			return this.column;
		}

		public void setColumn(String column) {
			this.column = column;
		}

	}

	/** The vector index on the store ({@code ai.indexing_*}). */
	public static class Indexing {

		/** Index type; "default" resolves from the ai.indexing_default setting (none on plain PostgreSQL). */
		private Type type;

		/** Rows the store must hold before the index is built. */
		private Integer minRows;

		/** HNSW operator class. */
		private String opclass;

		/** HNSW "m" (connections per layer). */
		private Integer m;

		/** HNSW "ef_construction". */
		private Integer efConstruction;

		/** Whether to wait for an empty queue before building the index. */
		private Boolean createWhenQueueEmpty;

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public Integer getMinRows() {
			return this.minRows;
		}

		public void setMinRows(Integer minRows) {
			this.minRows = minRows;
		}

		public String getOpclass() {
			return this.opclass;
		}

		public void setOpclass(String opclass) {
			this.opclass = opclass;
		}

		public Integer getM() {
			return this.m;
		}

		public void setM(Integer m) {
			this.m = m;
		}

		public Integer getEfConstruction() {
			return this.efConstruction;
		}

		public void setEfConstruction(Integer efConstruction) {
			this.efConstruction = efConstruction;
		}

		public Boolean getCreateWhenQueueEmpty() {
			return this.createWhenQueueEmpty;
		}

		public void setCreateWhenQueueEmpty(Boolean createWhenQueueEmpty) {
			this.createWhenQueueEmpty = createWhenQueueEmpty;
		}

		/** Index types. */
		public enum Type {

			NONE, DEFAULT, HNSW, DISKANN

		}

	}

	/** TimescaleDB scheduling ({@code ai.scheduling_*}); the in-application worker needs none. */
	public static class Scheduling {

		/** Scheduling type. */
		private Type type;

		/** Interval of the TimescaleDB job. */
		private Duration scheduleInterval;

		/** First run of the TimescaleDB job. */
		private OffsetDateTime initialStart;

		/** Whether the TimescaleDB job runs on a fixed schedule. */
		private Boolean fixedSchedule;

		/** Time zone of the TimescaleDB schedule. */
		private String timezone;

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public Duration getScheduleInterval() {
			return this.scheduleInterval;
		}

		public void setScheduleInterval(Duration scheduleInterval) {
			this.scheduleInterval = scheduleInterval;
		}

		public OffsetDateTime getInitialStart() {
			return this.initialStart;
		}

		public void setInitialStart(OffsetDateTime initialStart) {
			this.initialStart = initialStart;
		}

		public Boolean getFixedSchedule() {
			return this.fixedSchedule;
		}

		public void setFixedSchedule(Boolean fixedSchedule) {
			this.fixedSchedule = fixedSchedule;
		}

		public String getTimezone() {
			return this.timezone;
		}

		public void setTimezone(String timezone) {
			this.timezone = timezone;
		}

		/** Scheduling types. */
		public enum Type {

			NONE, DEFAULT, TIMESCALEDB

		}

	}

	/** Batch size and concurrency ({@code ai.processing_default}). */
	public static class Processing {

		/** Source rows per batch (1 to 2048). */
		private Integer batchSize;

		/** Concurrent batches of this vectorizer (1 to 50). */
		private Integer concurrency;

		public Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(Integer batchSize) {
			this.batchSize = batchSize;
		}

		public Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(Integer concurrency) {
			this.concurrency = concurrency;
		}

	}

	/**
	 * The full-text index of the store that hybrid searches ({@code find…HybridBy…}) rank with: a generated
	 * tsvector column and a GIN index, set with ai.set_text_indexing after the vectorizer is created and changed
	 * in place (no re-embedding). For a declared vectorizer this section is authoritative: without
	 * {@code enabled: true} a text index made otherwise is removed.
	 */
	public static class TextIndexing {

		/** Whether the store has a full-text index. */
		private boolean enabled;

		/** PostgreSQL text search configuration of the index ("english", "simple", "german", ...). */
		private String language = "english";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getLanguage() {
			return this.language;
		}

		public void setLanguage(String language) {
			this.language = language;
		}

	}

}
