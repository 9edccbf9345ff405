package io.github.pgaispring.autoconfigure;

import java.util.Map;
import java.util.Objects;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.Chunking;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Destination;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Embedding;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Indexing;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Scheduling;
import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.CreateVectorizer;
import io.github.pgaispring.sql.DestinationConfig;
import io.github.pgaispring.sql.EmbeddingConfig;
import io.github.pgaispring.sql.EmbeddingCustomConfig;
import io.github.pgaispring.sql.EmbeddingSpringAiConfig;
import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.IndexingConfig;
import io.github.pgaispring.sql.LoadingConfig;
import io.github.pgaispring.sql.ParsingConfig;
import io.github.pgaispring.sql.ProcessingConfig;
import io.github.pgaispring.sql.SchedulingConfig;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code pgai.vectorizers.<name>} definition, already {@link PgaiPropertiesValidator validated}, into a
 * {@link CreateVectorizer}. Every configuration part is set, an omitted section to its default, so a stored
 * vectorizer that differs from the defaults is reported as changed.
 */
final class VectorizerDefinitionMapper {

	private VectorizerDefinitionMapper() {
	}

	static CreateVectorizer map(String name, VectorizerDefinition definition) {
		CreateVectorizer create = CreateVectorizer.source(Objects.requireNonNull(definition.source()))
			.name(name)
			.loading(LoadingConfig.column(Objects.requireNonNull(definition.loading().column()))
				.withRetries(definition.loading().retries()))
			.parsing(switch (definition.parsing()) {
				case AUTO -> ParsingConfig.auto();
				case NONE -> ParsingConfig.none();
				case PYMUPDF -> ParsingConfig.pymupdf();
				case DOCLING -> ParsingConfig.docling();
			})
			.embedding(embedding(definition.embedding()))
			.chunking(chunking(definition.chunking()))
			.formatting(definition.formatting().chunkValue() ? FormattingConfig.chunkValue()
					: FormattingConfig.pythonTemplate(definition.formatting().template()))
			.destination(destination(definition.destination()))
			.indexing(indexing(definition.indexing()))
			.scheduling(scheduling(definition.scheduling()))
			.processing(ProcessingConfig.defaults()
				.withBatchSize(definition.processing().batchSize())
				.withConcurrency(definition.processing().concurrency()))
			.enqueueExisting(definition.enqueueExisting());
		if (definition.queueSchema() != null) {
			create.queueSchema(definition.queueSchema());
		}
		if (definition.queueTable() != null) {
			create.queueTable(definition.queueTable());
		}
		if (definition.grantTo() != null) {
			create.grantTo(definition.grantTo().toArray(String[]::new));
		}
		return create;
	}

	private static EmbeddingConfig embedding(Embedding embedding) {
		Integer dimensions = embedding.dimensions();
		String model = embedding.model();
		if (embedding.provider() == Embedding.Provider.ONNX) {
			return (model == null && dimensions == null) ? EmbeddingConfig.onnx()
					: EmbeddingConfig.onnx((model != null) ? model : "all-minilm-l6-v2",
							(dimensions != null) ? dimensions : 384);
		}
		Objects.requireNonNull(dimensions);
		if (embedding.provider() == Embedding.Provider.SPRING_AI) {
			return new EmbeddingSpringAiConfig(model, dimensions, embedding.bean());
		}
		if (embedding.provider() == Embedding.Provider.CUSTOM) {
			return new EmbeddingCustomConfig(Objects.requireNonNull(embedding.implementation()), model, dimensions,
					embedding.options());
		}
		Objects.requireNonNull(model);
		return switch (embedding.provider()) {
			case OPENAI -> EmbeddingConfig.openai(model, dimensions)
				.withApiKeyName(embedding.apiKeyName())
				.withBaseUrl(embedding.baseUrl())
				.withChatUser(embedding.chatUser());
			case OLLAMA -> EmbeddingConfig.ollama(model, dimensions)
				.withBaseUrl(embedding.baseUrl())
				.withOptions(emptyToNull(embedding.options()))
				.withKeepAlive(embedding.keepAlive());
			case VOYAGEAI -> EmbeddingConfig.voyageai(model, dimensions)
				.withInputType(embedding.inputType())
				.withApiKeyName(embedding.apiKeyName())
				.withOutputDimension(embedding.outputDimension());
			case LITELLM -> EmbeddingConfig.litellm(model, dimensions)
				.withApiKeyName(embedding.apiKeyName())
				.withExtraOptions(emptyToNull(embedding.extraOptions()));
			case ONNX, SPRING_AI, CUSTOM -> throw new IllegalStateException("handled above");
		};
	}

	private static @Nullable Map<String, Object> emptyToNull(@Nullable Map<String, Object> map) {
		return (map == null || map.isEmpty()) ? null : map;
	}

	private static ChunkingConfig chunking(Chunking chunking) {
		return switch (chunking.splitter()) {
			case NONE -> ChunkingConfig.none();
			case CHARACTER_TEXT_SPLITTER -> ChunkingConfig.characterTextSplitter()
				.withChunkSize(chunking.chunkSize())
				.withChunkOverlap(chunking.chunkOverlap())
				.withSeparator(chunking.separator())
				.withSeparatorRegex(chunking.separatorIsRegex());
			case RECURSIVE_CHARACTER_TEXT_SPLITTER -> ChunkingConfig.recursiveCharacterTextSplitter()
				.withChunkSize(chunking.chunkSize())
				.withChunkOverlap(chunking.chunkOverlap())
				.withSeparators((chunking.separators() == null || chunking.separators().isEmpty()) ? null
						: chunking.separators())
				.withSeparatorRegex(chunking.separatorIsRegex());
		};
	}

	private static DestinationConfig destination(Destination destination) {
		if (destination.column() != null) {
			return DestinationConfig.column(destination.column());
		}
		return DestinationConfig.table()
			.withDestination(destination.name())
			.withTargetSchema(destination.targetSchema())
			.withTargetTable(destination.targetTable())
			.withViewSchema(destination.viewSchema())
			.withViewName(destination.viewName());
	}

	private static IndexingConfig indexing(Indexing indexing) {
		return switch (indexing.type()) {
			case NONE -> IndexingConfig.none();
			case DEFAULT -> IndexingConfig.serverDefault();
			case DISKANN -> IndexingConfig.diskann()
				.withMinRows(indexing.minRows())
				.withCreateWhenQueueEmpty(indexing.createWhenQueueEmpty());
			case HNSW -> IndexingConfig.hnsw()
				.withMinRows(indexing.minRows())
				.withOpclass(indexing.opclass())
				.withM(indexing.m())
				.withEfConstruction(indexing.efConstruction())
				.withCreateWhenQueueEmpty(indexing.createWhenQueueEmpty());
		};
	}

	private static SchedulingConfig scheduling(Scheduling scheduling) {
		return switch (scheduling.type()) {
			case NONE -> SchedulingConfig.none();
			case DEFAULT -> SchedulingConfig.serverDefault();
			case TIMESCALEDB -> SchedulingConfig.timescaledb(scheduling.scheduleInterval())
				.withInitialStart(scheduling.initialStart())
				.withFixedSchedule(scheduling.fixedSchedule())
				.withTimezone(scheduling.timezone());
		};
	}

}
