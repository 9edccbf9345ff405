package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.Chunking;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Embedding;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Indexing;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Processing;
import io.github.pgaispring.embedding.OnnxModel;
import io.github.pgaispring.embedding.OnnxScheduler;
import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * The rules every {@code pgai.*} value is checked against when {@link PgaiProperties} is bound. Each problem
 * is rejected with code {@link #CODE}, the full key (with the vectorizer name as the user wrote it) and the fix
 * as arguments, so {@link PgaiPropertiesFailureAnalyzer} can name the full key and its origin.
 */
final class PgaiPropertiesValidator {

	/** Error code of every problem; its arguments are the full key and the fix. */
	static final String CODE = "pgai.property";

	/** Largest batch pgai accepts ({@code ai.processing_default}). */
	static final int MAX_BATCH_SIZE = 2048;

	/** Most concurrent batches pgai accepts ({@code ai.processing_default}). */
	static final int MAX_CONCURRENCY = 50;

	private static final Pattern NAME = Pattern.compile("[a-z][a-z_0-9]*");

	private static final Set<String> HNSW_OPCLASSES = Set.of("vector_cosine_ops", "vector_ip_ops", "vector_l1_ops");

	private final Errors errors;

	private PgaiPropertiesValidator(Errors errors) {
		this.errors = errors;
	}

	static void validate(PgaiProperties properties, Errors errors) {
		new PgaiPropertiesValidator(errors).validate(properties);
	}

	private void validate(PgaiProperties properties) {
		worker(properties.getWorker());
		Integer onnxThreads = properties.getOnnx().getThreads();
		if (onnxThreads != null && onnxThreads < 1) {
			reject("pgai.onnx.threads", "must be at least 1 but is " + onnxThreads,
					"Remove it to use one thread per processor, or set e.g. pgai.onnx.threads=4");
		}
		double documentShare = properties.getOnnx().getDocumentShare();
		if (!(documentShare > 0 && documentShare < 1)) {
			reject("pgai.onnx.document-share", "must be above 0 and below 1 but is " + documentShare,
					"Remove it to give the worker " + OnnxScheduler.DEFAULT_DOCUMENT_SHARE
							+ " of the model's time while searches wait, or set e.g. pgai.onnx.document-share=0.7");
		}
		int reserved = properties.getOnnx().getReservedQueryThreads();
		int threads = properties.getOnnx().effectiveThreads();
		if (threads >= 1 && (reserved < 0 || reserved >= threads)) {
			reject("pgai.onnx.reserved-query-threads",
					"must be from 0 to one less than the ONNX threads (" + (threads - 1) + " with "
							+ ((properties.getOnnx().getThreads() != null) ? "pgai.onnx.threads=" + threads
									: threads + " processor(s)")
							+ ") but is " + reserved,
					"Remove it to let the worker use every thread, or set e.g. pgai.onnx.threads=2 and"
							+ " pgai.onnx.reserved-query-threads=1");
		}
		http(properties.getHttp());
		positive("pgai.health.timeout", properties.getHealth().timeout(), "2s");
		search(properties.getSearch());
		properties.getVectorizers().forEach(this::vectorizer);
	}

	private void search(PgaiProperties.Search search) {
		range("pgai.search.max-results", search.getMaxResults(), 1, 100_000, "1000");
		Integer efSearch = search.getHnsw().getEfSearch();
		if (efSearch != null) {
			range("pgai.search.hnsw.ef-search", efSearch, 1, 1000, "100");
		}
		Integer maxScanTuples = search.getHnsw().getMaxScanTuples();
		if (maxScanTuples != null) {
			range("pgai.search.hnsw.max-scan-tuples", maxScanTuples, 1, Integer.MAX_VALUE, "40000");
		}
		range("pgai.search.hybrid.rrf-k", search.getHybrid().getRrfK(), 1, Integer.MAX_VALUE, "60");
		range("pgai.search.hybrid.candidate-multiplier", search.getHybrid().getCandidateMultiplier(), 1, 100, "4");
	}

	private void range(String key, int value, int min, int max, String example) {
		if (value < min || value > max) {
			reject(key, "must be between " + min + " and " + max + " but is " + value, "Set e.g. " + key + "=" + example);
		}
	}

	private void worker(PgaiProperties.Worker worker) {
		if (worker.getThreads() < 1) {
			reject("pgai.worker.threads", "must be at least 1 but is " + worker.getThreads(),
					"Set pgai.worker.threads to the number of batches to run at once, e.g. pgai.worker.threads=2");
		}
		positive("pgai.worker.poll-interval", worker.getPollInterval(), "500ms");
		Integer batchSize = worker.getBatchSize();
		if (batchSize != null && (batchSize < 1 || batchSize > MAX_BATCH_SIZE)) {
			reject("pgai.worker.batch-size", "must be between 1 and " + MAX_BATCH_SIZE + " but is " + batchSize,
					"Set e.g. pgai.worker.batch-size=200, or remove it to use each vectorizer's processing.batch-size");
		}
		Integer maxRetries = worker.getMaxRetries();
		if (maxRetries != null && maxRetries < 0) {
			reject("pgai.worker.max-retries", "must not be negative but is " + maxRetries,
					"Set e.g. pgai.worker.max-retries=3 (0 moves a failing row to the failed queue at once)");
		}
		positive("pgai.worker.retry-backoff", worker.getRetryBackoff(), "10s");
		positive("pgai.worker.max-retry-backoff", worker.getMaxRetryBackoff(), "10m");
		notShorter("pgai.worker.max-retry-backoff", worker.getMaxRetryBackoff(), "pgai.worker.retry-backoff",
				worker.getRetryBackoff());
		notNegative("pgai.worker.shutdown-timeout", worker.getShutdownTimeout(), "30s");
	}

	private void http(PgaiProperties.Http http) {
		positive("pgai.http.connect-timeout", http.getConnectTimeout(), "10s");
		positive("pgai.http.read-timeout", http.getReadTimeout(), "120s");
		PgaiProperties.Http.Retry retry = http.getRetry();
		if (retry.getMaxAttempts() < 1) {
			reject("pgai.http.retry.max-attempts", "must be at least 1 but is " + retry.getMaxAttempts(),
					"Set e.g. pgai.http.retry.max-attempts=4 (1 disables retries)");
		}
		notNegative("pgai.http.retry.initial-backoff", retry.getInitialBackoff(), "500ms");
		positive("pgai.http.retry.max-backoff", retry.getMaxBackoff(), "30s");
		notShorter("pgai.http.retry.max-backoff", retry.getMaxBackoff(), "pgai.http.retry.initial-backoff",
				retry.getInitialBackoff());
	}

	private void vectorizer(String name, VectorizerDefinition definition) {
		String key = "pgai.vectorizers." + name;
		if (definition.textIndexing().enabled() && isBlank(definition.textIndexing().language())) {
			reject(key + ".text-indexing.language", "must name a text search configuration",
					"Set e.g. " + key + ".text-indexing.language=english (\\dF in psql lists them)");
		}
		if (!NAME.matcher(name).matches()) {
			reject(key, "'" + name + "' is not a valid vectorizer name",
					"Use lower case letters, digits and underscores, starting with a letter, e.g. "
							+ "pgai.vectorizers.blog_posts_content");
		}
		if (isBlank(definition.source())) {
			reject(key + ".source", "is not set", "Set " + key + ".source to the table to vectorize, e.g. "
					+ key + ".source=blog_posts");
		}
		if (isBlank(definition.loading().column())) {
			reject(key + ".loading.column", "is not set", "Set " + key + ".loading.column to the text column to embed,"
					+ " e.g. " + key + ".loading.column=content");
		}
		if (definition.loading().retries() < 0) {
			reject(key + ".loading.retries", "must not be negative but is " + definition.loading().retries(),
					"Set e.g. " + key + ".loading.retries=6");
		}
		embedding(key + ".embedding", definition.embedding());
		chunking(key + ".chunking", definition.chunking(), definition.destination().column() != null);
		String template = definition.formatting().template();
		if (!definition.formatting().chunkValue() && !template.contains("$chunk") && !template.contains("${chunk}")) {
			reject(key + ".formatting.template", "'" + template + "' has no $chunk",
					"Put $chunk where the chunk goes, e.g. " + key + ".formatting.template=$title - $chunk");
		}
		indexing(key + ".indexing", definition.indexing());
		processing(key + ".processing", definition.processing());
	}

	private void embedding(String key, Embedding embedding) {
		Integer dimensions = embedding.dimensions();
		if (dimensions != null && dimensions <= 0) {
			reject(key + ".dimensions", "must be positive but is " + dimensions,
					"Set it to the length of the model's vectors, e.g. " + key + ".dimensions=384 for all-minilm-l6-v2"
							+ " or 1536 for text-embedding-3-small");
		}
		onlyFor(key + ".bean", embedding.bean(), Embedding.Provider.SPRING_AI, embedding.provider());
		onlyFor(key + ".implementation", embedding.implementation(), Embedding.Provider.CUSTOM, embedding.provider());
		onlyFor(key + ".output-dimension", embedding.outputDimension(), Embedding.Provider.VOYAGEAI,
				embedding.provider());
		positive(key + ".output-dimension", embedding.outputDimension(), key + ".output-dimension=1024");
		if (embedding.provider() == Embedding.Provider.ONNX) {
			onnx(key, embedding.model(), dimensions);
			return;
		}
		String provider = PgaiPropertyKeys.valueName(embedding.provider());
		if (embedding.provider() == Embedding.Provider.CUSTOM) {
			custom(key, embedding.implementation());
		}
		if (embedding.bean() != null && embedding.bean().isBlank()) {
			reject(key + ".bean", "is blank", "Set it to the name of a Spring AI EmbeddingModel bean, or remove it to"
					+ " use the application's only one");
		}
		boolean modelRequired = embedding.provider() != Embedding.Provider.SPRING_AI
				&& embedding.provider() != Embedding.Provider.CUSTOM;
		if ((modelRequired && isBlank(embedding.model())) || (embedding.model() != null && embedding.model().isBlank())) {
			reject(key + ".model", "is not set (provider " + provider + " needs a model)",
					"Set " + key + ".model, e.g. " + key + ".model=" + exampleModel(embedding.provider()));
		}
		if (dimensions == null) {
			reject(key + ".dimensions", "is not set (provider " + provider + " needs the model's dimensions)",
					"Set " + key + ".dimensions to the length of the model's vectors, e.g. " + key + ".dimensions=1536"
							+ " for text-embedding-3-small");
		}
	}

	private void onlyFor(String key, @Nullable Object value, Embedding.Provider provider, Embedding.Provider actual) {
		if (value != null && provider != actual) {
			String keyPrefix = key.substring(0, key.lastIndexOf('.'));
			reject(key, "applies to provider " + PgaiPropertyKeys.valueName(provider) + " only, but the provider is "
					+ PgaiPropertyKeys.valueName(actual), "Remove it, or set " + keyPrefix + ".provider="
							+ PgaiPropertyKeys.valueName(provider));
		}
	}

	private void custom(String key, @Nullable String implementation) {
		if (isBlank(implementation)) {
			reject(key + ".implementation", "is not set (provider custom needs the name an EmbeddingProvider bean claims)",
					"Set " + key + ".implementation to the name your EmbeddingProvider bean claims, e.g. " + key
							+ ".implementation=cohere");
			return;
		}
		if (!NAME.matcher(implementation).matches()) {
			reject(key + ".implementation", "'" + implementation + "' is not a valid implementation name",
					"Use lower case letters, digits and underscores, starting with a letter, e.g. " + key
							+ ".implementation=cohere");
		}
		for (Embedding.Provider builtIn : Embedding.Provider.values()) {
			String stored = builtIn.name().toLowerCase(Locale.ROOT);
			if (builtIn != Embedding.Provider.CUSTOM && stored.equals(implementation)) {
				reject(key + ".implementation", "'" + implementation + "' is one of the starter's providers",
						"Set " + key + ".provider=" + PgaiPropertyKeys.valueName(builtIn) + " instead of custom");
			}
		}
	}

	private void onnx(String key, @Nullable String model, @Nullable Integer dimensions) {
		OnnxModel onnxModel;
		try {
			onnxModel = OnnxModel.forName((model != null) ? model : "all-minilm-l6-v2");
		}
		catch (IllegalArgumentException ex) {
			reject(key + ".model", "'" + model + "' is not an in-process model: " + ex.getMessage(),
					"Set e.g. " + key + ".model=all-minilm-l6-v2, or set " + key + ".provider to the provider that"
							+ " serves " + model);
			return;
		}
		if (dimensions != null && dimensions > 0 && dimensions != onnxModel.dimensions()) {
			reject(key + ".dimensions", "is " + dimensions + ", but " + onnxModel.modelName() + " makes "
					+ onnxModel.dimensions() + "-dimensional vectors",
					"Set " + key + ".dimensions=" + onnxModel.dimensions() + " or remove it");
		}
	}

	private static String exampleModel(Embedding.Provider provider) {
		return switch (provider) {
			case OLLAMA -> "nomic-embed-text";
			case VOYAGEAI -> "voyage-3.5-lite";
			case LITELLM -> "openai/text-embedding-3-small";
			case CUSTOM -> "embed-english-v3.0";
			default -> "text-embedding-3-small";
		};
	}

	private void chunking(String key, Chunking chunking, boolean columnDestination) {
		if (chunking.splitter() == Chunking.Splitter.NONE) {
			return;
		}
		if (columnDestination) {
			reject(key + ".splitter", "must be none for a destination column (one embedding per row)",
					"Set " + key + ".splitter=none, or remove the destination.column to store chunks in a table");
		}
		if (chunking.chunkSize() <= 0) {
			reject(key + ".chunk-size", "must be positive but is " + chunking.chunkSize(),
					"Set it to the maximum chunk length in characters, e.g. " + key + ".chunk-size=800");
		}
		else if (chunking.chunkOverlap() < 0 || chunking.chunkOverlap() >= chunking.chunkSize()) {
			reject(key + ".chunk-overlap", chunking.chunkOverlap() + " is not between 0 and chunk-size ("
					+ chunking.chunkSize() + ") exclusive",
					"Set " + key + ".chunk-overlap below " + key + ".chunk-size, e.g. " + key + ".chunk-overlap="
							+ chunking.chunkSize() / 4);
		}
	}

	private void indexing(String key, Indexing indexing) {
		if (indexing.type() != Indexing.Type.HNSW && indexing.type() != Indexing.Type.DISKANN) {
			return;
		}
		if (indexing.minRows() < 0) {
			reject(key + ".min-rows", "must not be negative but is " + indexing.minRows(),
					"Set e.g. " + key + ".min-rows=100000 (0 builds the index right away)");
		}
		if (indexing.type() == Indexing.Type.HNSW) {
			if (!HNSW_OPCLASSES.contains(indexing.opclass())) {
				reject(key + ".opclass", "'" + indexing.opclass() + "' is not one of " + HNSW_OPCLASSES,
						"Set e.g. " + key + ".opclass=vector_cosine_ops");
			}
			positive(key + ".m", indexing.m(), key + ".m=16");
			positive(key + ".ef-construction", indexing.efConstruction(), key + ".ef-construction=64");
		}
	}

	private void processing(String key, Processing processing) {
		Integer batchSize = processing.batchSize();
		if (batchSize != null && (batchSize < 1 || batchSize > MAX_BATCH_SIZE)) {
			reject(key + ".batch-size", "must be between 1 and " + MAX_BATCH_SIZE + " but is " + batchSize,
					"Set e.g. " + key + ".batch-size=50");
		}
		Integer concurrency = processing.concurrency();
		if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
			reject(key + ".concurrency", "must be between 1 and " + MAX_CONCURRENCY + " but is " + concurrency,
					"Set e.g. " + key + ".concurrency=2");
		}
	}

	private void positive(String key, @Nullable Integer value, String example) {
		if (value != null && value < 1) {
			reject(key, "must be positive but is " + value, "Set e.g. " + example + ", or remove it for the default");
		}
	}

	private void positive(String key, @Nullable Duration value, String example) {
		if (value != null && (value.isNegative() || value.isZero())) {
			reject(key, "must be positive but is " + value, "Set e.g. " + key + "=" + example);
		}
	}

	private void notNegative(String key, @Nullable Duration value, String example) {
		if (value != null && value.isNegative()) {
			reject(key, "must not be negative but is " + value, "Set e.g. " + key + "=" + example);
		}
	}

	private void notShorter(String key, @Nullable Duration value, String shorterKey, @Nullable Duration shorter) {
		if (value != null && shorter != null && value.compareTo(shorter) < 0 && !shorter.isNegative()) {
			reject(key, value + " is shorter than " + shorterKey + " (" + shorter + ")",
					"Make " + key + " at least " + shorterKey + ", or shorten " + shorterKey);
		}
	}

	private void reject(String key, String problem, String action) {
		this.errors.reject(CODE, new Object[] { key, action }, problem);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
