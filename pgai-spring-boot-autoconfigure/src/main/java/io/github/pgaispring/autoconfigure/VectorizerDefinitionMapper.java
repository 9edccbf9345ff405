package io.github.pgaispring.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.Chunking;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Destination;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Embedding;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Indexing;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Scheduling;
import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.DestinationConfig;
import io.github.pgaispring.sql.DestinationTableConfig;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingColumnConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.ParsingConfig;
import io.github.pgaispring.sql.ProcessingConfig;
import io.github.pgaispring.sql.SchedulingConfig;

/**
 * Turns a {@code pgai.vectorizers.<name>} definition into a {@link CreateVectorizer}, checking on the
 * way what can be checked without a database and naming the offending property.
 */
final class VectorizerDefinitionMapper {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z_0-9]*");

	private static final String PREFIX = "pgai.vectorizers.";

	private VectorizerDefinitionMapper() {
	}

	static CreateVectorizer map(String name, VectorizerDefinition definition) {
		String key = PREFIX + name;
		if (!NAME.matcher(name).matches()) {
			throw new InvalidVectorizerPropertyException(key, "'" + name + "' is not a valid vectorizer name",
					"Use lower case letters, digits and underscores, starting with a letter, e.g. blog_posts_content");
		}
		if (definition.getSource() == null || definition.getSource().isBlank()) {
			throw new InvalidVectorizerPropertyException(key + ".source", "no source table",
					"Set " + key + ".source to the table to vectorize, e.g. blog_posts");
		}
		CreateVectorizer create = CreateVectorizer.source(definition.getSource())
			.name(name)
			.loading(loading(key, definition))
			.embedding(embedding(key + ".embedding", definition.getEmbedding()))
			.chunking(chunking(key + ".chunking", definition.getChunking()))
			.destination(destination(definition.getDestination()));
		if (definition.getParsing() != null) {
			create.parsing(switch (definition.getParsing()) {
				case AUTO -> ParsingConfig.auto();
				case NONE -> ParsingConfig.none();
				case PYMUPDF -> ParsingConfig.pymupdf();
				case DOCLING -> ParsingConfig.docling();
			});
		}
		if (definition.getFormatting().isChunkValue()) {
			create.formatting(FormattingConfig.chunkValue());
		}
		else if (definition.getFormatting().getTemplate() != null) {
			create.formatting(FormattingConfig.pythonTemplate(definition.getFormatting().getTemplate()));
		}
		if (definition.getIndexing().getType() != null) {
			create.indexing(indexing(definition.getIndexing()));
		}
		if (definition.getScheduling().getType() != null) {
			create.scheduling(scheduling(key + ".scheduling", definition.getScheduling()));
		}
		if (definition.getProcessing().getBatchSize() != null || definition.getProcessing().getConcurrency() != null) {
			create.processing(ProcessingConfig.defaults()
				.withBatchSize(definition.getProcessing().getBatchSize())
				.withConcurrency(definition.getProcessing().getConcurrency()));
		}
		if (definition.getQueueSchema() != null) {
			create.queueSchema(definition.getQueueSchema());
		}
		if (definition.getQueueTable() != null) {
			create.queueTable(definition.getQueueTable());
		}
		if (definition.getGrantTo() != null) {
			create.grantTo(definition.getGrantTo().toArray(String[]::new));
		}
		if (definition.getEnqueueExisting() != null) {
			create.enqueueExisting(definition.getEnqueueExisting());
		}
		return create;
	}

	private static LoadingConfig loading(String key, VectorizerDefinition definition) {
		String column = definition.getLoading().getColumn();
		if (column == null || column.isBlank()) {
			throw new InvalidVectorizerPropertyException(key + ".loading.column", "no column to embed",
					"Set " + key + ".loading.column to the text column of " + definition.getSource() + ", e.g. content");
		}
		LoadingColumnConfig loading = LoadingConfig.column(column);
		return (definition.getLoading().getRetries() != null) ? loading.withRetries(definition.getLoading().getRetries())
				: loading;
	}

	private static EmbeddingConfig embedding(String key, Embedding embedding) {
		Integer dimensions = embedding.getDimensions();
		if (dimensions != null && dimensions <= 0) {
			throw new InvalidVectorizerPropertyException(key + ".dimensions", "must be positive but is " + dimensions,
					"Set it to the length of the model's vectors, e.g. 384 for all-minilm-l6-v2 or 1536 for "
							+ "text-embedding-3-small");
		}
		if (embedding.getProvider() == Embedding.Provider.ONNX) {
			return (embedding.getModel() == null && dimensions == null) ? EmbeddingConfig.onnx()
					: EmbeddingConfig.onnx((embedding.getModel() != null) ? embedding.getModel() : "all-minilm-l6-v2",
							(dimensions != null) ? dimensions : 384);
		}
		String model = embedding.getModel();
		if (model == null || model.isBlank()) {
			throw new InvalidVectorizerPropertyException(key + ".model", "no model for provider "
					+ embedding.getProvider().name().toLowerCase(), "Set " + key + ".model, e.g. text-embedding-3-small");
		}
		if (dimensions == null) {
			throw new InvalidVectorizerPropertyException(key + ".dimensions", "no dimensions for model " + model,
					"Set " + key + ".dimensions to the length of the model's vectors");
		}
		return switch (embedding.getProvider()) {
			case OPENAI -> EmbeddingConfig.openai(model, dimensions)
				.withApiKeyName(embedding.getApiKeyName())
				.withBaseUrl(embedding.getBaseUrl())
				.withChatUser(embedding.getChatUser());
			case OLLAMA -> EmbeddingConfig.ollama(model, dimensions)
				.withBaseUrl(embedding.getBaseUrl())
				.withOptions(embedding.getOptions().isEmpty() ? null : embedding.getOptions())
				.withKeepAlive(embedding.getKeepAlive());
			case VOYAGEAI -> EmbeddingConfig.voyageai(model, dimensions)
				.withInputType(embedding.getInputType())
				.withApiKeyName(embedding.getApiKeyName());
			case LITELLM -> EmbeddingConfig.litellm(model, dimensions)
				.withApiKeyName(embedding.getApiKeyName())
				.withExtraOptions(embedding.getExtraOptions().isEmpty() ? null : embedding.getExtraOptions());
			case ONNX -> throw new IllegalStateException("handled above");
		};
	}

	private static ChunkingConfig chunking(String key, Chunking chunking) {
		Integer size = chunking.getChunkSize();
		Integer overlap = chunking.getChunkOverlap();
		if (size != null && size <= 0) {
			throw new InvalidVectorizerPropertyException(key + ".chunk-size", "must be positive but is " + size,
					"Set it to the maximum chunk length in characters, e.g. 800");
		}
		if (size != null && overlap != null && overlap >= size) {
			throw new InvalidVectorizerPropertyException(key + ".chunk-overlap",
					"overlap " + overlap + " is not smaller than chunk-size " + size,
					"Make " + key + ".chunk-overlap smaller than " + key + ".chunk-size, e.g. half of it");
		}
		List<String> separators = chunking.getSeparators();
		return switch (chunking.getSplitter()) {
			case NONE -> ChunkingConfig.none();
			case CHARACTER_TEXT_SPLITTER -> ChunkingConfig.characterTextSplitter()
				.withChunkSize(size)
				.withChunkOverlap(overlap)
				.withSeparator(chunking.getSeparator())
				.withSeparatorRegex(chunking.getSeparatorIsRegex());
			case RECURSIVE_CHARACTER_TEXT_SPLITTER -> ChunkingConfig.recursiveCharacterTextSplitter()
				.withChunkSize(size)
				.withChunkOverlap(overlap)
				.withSeparators(separators.isEmpty() ? null : separators)
				.withSeparatorRegex(chunking.getSeparatorIsRegex());
		};
	}

	private static DestinationConfig destination(Destination destination) {
		if (destination.getColumn() != null) {
			return DestinationConfig.column(destination.getColumn());
		}
		DestinationTableConfig table = DestinationConfig.table();
		return table.withDestination(destination.getName())
			.withTargetSchema(destination.getTargetSchema())
			.withTargetTable(destination.getTargetTable())
			.withViewSchema(destination.getViewSchema())
			.withViewName(destination.getViewName());
	}

	private static IndexingConfig indexing(Indexing indexing) {
		return switch (indexing.getType()) {
			case NONE -> IndexingConfig.none();
			case DEFAULT -> IndexingConfig.serverDefault();
			case DISKANN -> IndexingConfig.diskann().withMinRows(indexing.getMinRows())
				.withCreateWhenQueueEmpty(indexing.getCreateWhenQueueEmpty());
			case HNSW -> IndexingConfig.hnsw()
				.withMinRows(indexing.getMinRows())
				.withOpclass(indexing.getOpclass())
				.withM(indexing.getM())
				.withEfConstruction(indexing.getEfConstruction())
				.withCreateWhenQueueEmpty(indexing.getCreateWhenQueueEmpty());
		};
	}

	private static SchedulingConfig scheduling(String key, Scheduling scheduling) {
		return switch (scheduling.getType()) {
			case NONE -> SchedulingConfig.none();
			case DEFAULT -> SchedulingConfig.serverDefault();
			case TIMESCALEDB -> {
				if (scheduling.getScheduleInterval() == null) {
					throw new InvalidVectorizerPropertyException(key + ".schedule-interval", "not set",
							"Set it, e.g. 5m, or use " + key + ".type=none (the in-application worker needs no schedule)");
				}
				yield SchedulingConfig.timescaledb(scheduling.getScheduleInterval())
					.withInitialStart(scheduling.getInitialStart())
					.withFixedSchedule(scheduling.getFixedSchedule())
					.withTimezone(scheduling.getTimezone());
			}
		};
	}

}
