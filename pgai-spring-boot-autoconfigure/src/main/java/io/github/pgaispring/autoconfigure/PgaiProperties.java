package io.github.pgaispring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.repository.IterativeScan;
import io.github.pgaispring.repository.SearchDefaults;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the pgai starter: the {@code ai} catalog, the embedding worker, and vectorizers
 * declared in configuration. Binding is strict: a key under {@code pgai.} that none of these classes has
 * fails startup, and every value is {@link #validate checked} when it is bound.
 */
@ConfigurationProperties(prefix = "pgai", ignoreUnknownFields = false)
public class PgaiProperties implements Validator {

	private final Catalog catalog = new Catalog();

	private final Worker worker = new Worker();

	private final Onnx onnx = new Onnx();

	private final Http http = new Http();

	private final Voyageai voyageai = new Voyageai();

	private Health health = new Health(Health.DEFAULT_TIMEOUT);

	private Readiness readiness = new Readiness(false);

	private final Search search = new Search();

	/**
	 * Vectorizers to create on startup, keyed by vectorizer name (lower case letters, digits and
	 * underscores, starting with a letter).
	 */
	private final Map<String, VectorizerDefinition> vectorizers = new LinkedHashMap<>();

	public Catalog getCatalog() {
		return this.catalog;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Onnx getOnnx() {
		return this.onnx;
	}

	public Http getHttp() {
		return this.http;
	}

	public Voyageai getVoyageai() {
		return this.voyageai;
	}

	public Health getHealth() {
		return this.health;
	}

	public void setHealth(Health health) {
		this.health = health;
	}

	public Readiness getReadiness() {
		return this.readiness;
	}

	public void setReadiness(Readiness readiness) {
		this.readiness = readiness;
	}

	public Search getSearch() {
		return this.search;
	}

	public Map<String, VectorizerDefinition> getVectorizers() {
		return this.vectorizers;
	}

	@Override
	public boolean supports(Class<?> type) {
		return PgaiProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks every value; Spring Boot calls it when the properties are bound. Each problem is rejected with
	 * the full key and the fix as arguments, and reported at startup by a failure analyzer.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PgaiPropertiesValidator.validate((PgaiProperties) target, errors);
	}

	/** The {@code ai} catalog. */
	public static class Catalog {

		/**
		 * Whether to install or upgrade the pgai-compatible "ai" catalog on startup. Where pgai's installer created
		 * pgai's functions, they are left as they are and only the starter's additions are installed. Without the
		 * additions (false on a catalog only pgai's installer set up), text searches run without their model-switch
		 * check.
		 */
		private boolean install = true;

		public boolean isInstall() {
			return this.install;
		}

		public void setInstall(boolean install) {
			this.install = install;
		}

	}

	/** The in-application worker that embeds queued rows. */
	public static class Worker {

		/** Whether to run the worker inside this application. */
		private boolean enabled = true;

		/** Names of the vectorizers this worker processes. Empty means all of them. */
		private List<String> vectorizers = new ArrayList<>();

		/**
		 * Number of worker threads; each embeds one batch at a time while it writes and commits its previous
		 * one, so the worker uses up to twice as many connections plus two.
		 */
		private int threads = 1;

		/**
		 * How often to look for new work when the queues were empty. With the starter's catalog, committed rows
		 * wake the worker at once (NOTIFY); polling finds the rest.
		 */
		private Duration pollInterval = Duration.ofMillis(500);

		/**
		 * Source rows per batch (1 to 2048), that is per embedding call, for every vectorizer, overriding each
		 * vectorizer's processing batch size (pgai's default is 50). A large backlog is claimed and committed
		 * several batches at a time anyway. Unset means each vectorizer's own batch size.
		 */
		private Integer batchSize;

		/**
		 * Most retries of a failed row before it moves to its vectorizer's failed queue. Unset means each
		 * vectorizer's loading retries (6 unless the vectorizer says otherwise); a smaller value caps them.
		 */
		private Integer maxRetries;

		/** Delay before the first retry of a failed row; doubles with every attempt. */
		private Duration retryBackoff = Duration.ofSeconds(10);

		/** Longest delay between retries of a failed row. */
		private Duration maxRetryBackoff = Duration.ofMinutes(10);

		/**
		 * How long stopping waits for running batches to commit; batches still running then are rolled back
		 * and their rows stay queued.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getVectorizers() {
			return this.vectorizers;
		}

		public void setVectorizers(List<String> vectorizers) {
			this.vectorizers = vectorizers;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(Integer batchSize) {
			this.batchSize = batchSize;
		}

		public Integer getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(Integer maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public Duration getMaxRetryBackoff() {
			return this.maxRetryBackoff;
		}

		public void setMaxRetryBackoff(Duration maxRetryBackoff) {
			this.maxRetryBackoff = maxRetryBackoff;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/** The in-process ONNX embedding models. */
	public static class Onnx {

		/**
		 * Threads that run the in-process ONNX models, for the worker's chunks and the repositories' search
		 * queries alike (shared by pgai.onnx.document-share; each text runs on one thread). Defaults to the number
		 * of processors.
		 */
		private Integer threads;

		/**
		 * The worker's share of the ONNX threads' time while search queries also wait for them (above 0 and below
		 * 1); queries get the rest, and either workload gets all of it while the other has nothing waiting. Raise it
		 * for faster backfills under search load, lower it for search latency.
		 */
		private double documentShare = 0.5;

		/**
		 * Whether repository searches are also charged their statements' time (outside the model) against the
		 * queries' share. Off by default: the charged time is wall-clock time, which grows when the machine is busy
		 * and then holds back the queries' embedding, so searches that arrive like web requests wait long during a
		 * backfill. On suits searches that run back to back (batch jobs) and should not starve the worker.
		 */
		private boolean chargeSearchStatements;

		/**
		 * ONNX threads the worker's chunks may not take while searches are being served (a query waiting or
		 * running, or one arrived in the last 200 ms), so that a query starts at once instead of waiting for a chunk
		 * to finish (from 0 to pgai.onnx.threads - 1). 0 lets the worker use every thread; 1 of 2 threads shortens
		 * the searches' tail during a backfill, which then runs on the other thread while searches arrive.
		 */
		private int reservedQueryThreads;

		public Integer getThreads() {
			return this.threads;
		}

		/** The threads configured, or else one per processor. */
		int effectiveThreads() {
			return (this.threads != null) ? this.threads : Runtime.getRuntime().availableProcessors();
		}

		public void setThreads(Integer threads) {
			this.threads = threads;
		}

		public double getDocumentShare() {
			return this.documentShare;
		}

		public void setDocumentShare(double documentShare) {
			this.documentShare = documentShare;
		}

		public boolean isChargeSearchStatements() {
			return this.chargeSearchStatements;
		}

		public void setChargeSearchStatements(boolean chargeSearchStatements) {
			this.chargeSearchStatements = chargeSearchStatements;
		}

		public int getReservedQueryThreads() {
			return this.reservedQueryThreads;
		}

		public void setReservedQueryThreads(int reservedQueryThreads) {
			this.reservedQueryThreads = reservedQueryThreads;
		}

	}

	/**
	 * The HTTP embedding providers (OpenAI and compatible servers, Ollama), whose clients derive from Spring Boot's
	 * auto-configured RestClient.Builder and spring.http.clients.* settings.
	 */
	public static class Http {

		/**
		 * How long to wait for a connection to the provider; applies over spring.http.clients.connect-timeout,
		 * whose other settings (SSL bundle, redirects, HTTP library) the providers use.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * How long to wait for the provider's answer to one request; applies over
		 * spring.http.clients.read-timeout, since a batch of embeddings takes longer than typical service calls.
		 */
		private Duration readTimeout = Duration.ofSeconds(120);

		private final Retry retry = new Retry();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Retry getRetry() {
			return this.retry;
		}

		/**
		 * Retries of transient provider failures (HTTP 408, 429, 5xx, connection errors) within one
		 * embedding call, before the worker counts the batch as failed.
		 */
		public static class Retry {

			/** Requests per embedding call at most, including the first; 1 disables retries. */
			private int maxAttempts = 4;

			/** Upper bound of the random delay before the first retry; doubles with every retry. */
			private Duration initialBackoff = Duration.ofMillis(500);

			/** Longest delay between retries, also for a provider's Retry-After. */
			private Duration maxBackoff = Duration.ofSeconds(30);

			public int getMaxAttempts() {
				return this.maxAttempts;
			}

			public void setMaxAttempts(int maxAttempts) {
				this.maxAttempts = maxAttempts;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

		}

	}

	/** Voyage AI, for the vectorizers that embed with ai.embedding_voyageai (or LiteLLM's voyage/ models). */
	public static class Voyageai {

		/**
		 * Base URL of Voyage AI's API, for every voyageai vectorizer (pgai's stored configuration has none), e.g. a
		 * proxy or a local server that speaks Voyage's API.
		 */
		private String baseUrl = "https://api.voyageai.com/v1";

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

	}

	/**
	 * The pgai health contributor ({@code /actuator/health/pgai}).
	 *
	 * @param timeout How long a health check waits for the database before it reports DOWN; the check goes on in
	 * the background and the next one waits for it.
	 */
	public record Health(@DefaultValue("2s") Duration timeout) {

		static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	}

	/**
	 * The application's readiness state.
	 *
	 * @param waitForBackfill Whether the application refuses traffic (readiness REFUSING_TRAFFIC,
	 * /actuator/health/readiness 503) after startup until the rows queued then (those of pgai.worker.vectorizers,
	 * or of every enabled vectorizer) are embedded or moved to a failed queue.
	 */
	public record Readiness(@DefaultValue("false") boolean waitForBackfill) {

	}

	/**
	 * The nearest-neighbour ({@code find…NearestBy…}) and hybrid ({@code find…HybridBy…}) repository methods;
	 * {@code @SearchSettings} overrides these per method.
	 */
	public static class Search {

		/**
		 * Most results one search may return, offset included (1 to 100000); a larger Limit, int, Top<n> or
		 * page is rejected with an IllegalArgumentException.
		 */
		private int maxResults = 1000;

		private final Hnsw hnsw = new Hnsw();

		private final Hybrid hybrid = new Hybrid();

		public int getMaxResults() {
			return this.maxResults;
		}

		public void setMaxResults(int maxResults) {
			this.maxResults = maxResults;
		}

		public Hnsw getHnsw() {
			return this.hnsw;
		}

		public Hybrid getHybrid() {
			return this.hybrid;
		}

		/** The search settings these properties give. */
		SearchDefaults toSearchDefaults() {
			return new SearchDefaults(this.hnsw.efSearch, this.hnsw.iterativeScan, this.hnsw.maxScanTuples,
					this.maxResults, this.hybrid.rrfK, this.hybrid.candidateMultiplier);
		}

		/**
		 * pgvector's HNSW search settings, applied with SET LOCAL in each search's transaction only. Unset
		 * values leave the database's settings.
		 */
		public static class Hnsw {

			/**
			 * hnsw.ef_search: size of the candidate list of an HNSW search (1 to 1000; pgvector's default is
			 * 40). Larger finds more of the true nearest neighbours and costs more.
			 */
			private Integer efSearch;

			/**
			 * hnsw.iterative_scan (pgvector 0.8 and later): 'auto' uses relaxed-order iterative scans for
			 * searches with conditions (re-sorted by distance) and strict-order ones for pages and for searches
			 * asking for more rows than ef-search; 'off', 'strict-order' and 'relaxed-order' apply to every
			 * search.
			 */
			private IterativeScan iterativeScan = IterativeScan.AUTO;

			/**
			 * hnsw.max_scan_tuples (pgvector 0.8 and later): most tuples an iterative scan visits (at least 1;
			 * pgvector's default is 20000).
			 */
			private Integer maxScanTuples;

			public Integer getEfSearch() {
				return this.efSearch;
			}

			public void setEfSearch(Integer efSearch) {
				this.efSearch = efSearch;
			}

			public IterativeScan getIterativeScan() {
				return this.iterativeScan;
			}

			public void setIterativeScan(IterativeScan iterativeScan) {
				this.iterativeScan = iterativeScan;
			}

			public Integer getMaxScanTuples() {
				return this.maxScanTuples;
			}

			public void setMaxScanTuples(Integer maxScanTuples) {
				this.maxScanTuples = maxScanTuples;
			}

		}

		/** Hybrid (full-text and vector) searches fused by reciprocal rank fusion. */
		public static class Hybrid {

			/**
			 * The k of reciprocal rank fusion (at least 1): a result scores weight / (k + rank) in each list it
			 * is in. Smaller k lets the top ranks dominate.
			 */
			private int rrfK = 60;

			/**
			 * Length of each candidate list (vector and full-text) as a multiple of the rows asked for (1 to
			 * 100).
			 */
			private int candidateMultiplier = 4;

			public int getRrfK() {
				return this.rrfK;
			}

			public void setRrfK(int rrfK) {
				this.rrfK = rrfK;
			}

			public int getCandidateMultiplier() {
				return this.candidateMultiplier;
			}

			public void setCandidateMultiplier(int candidateMultiplier) {
				this.candidateMultiplier = candidateMultiplier;
			}

		}

	}

}
