package io.github.pgaispring.autoconfigure;

import java.time.Duration;

import io.github.pgaispring.autoconfigure.VectorizerDefinition.Chunking;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.Embedding;
import io.github.pgaispring.autoconfigure.VectorizerDefinition.OnChange;
import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.testsupport.FailureReports;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@code pgai.*}: strict keys, defaults for omitted sections, values checked when bound, and the
 * startup report Spring Boot prints for each mistake (through the analyzers registered in spring.factories).
 */
class PgaiPropertiesBindingTests {

	private static final String VECTORIZER = "pgai.vectorizers.blog_posts_content.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues(VECTORIZER + "source=blog_posts", VECTORIZER + "loading.column=content");

	@Test
	void omittedSectionsTakeTheirDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			VectorizerDefinition definition = context.getBean(PgaiProperties.class).getVectorizers().get("blog_posts_content");
			assertThat(definition.onChange()).isEqualTo(OnChange.FAIL);
			assertThat(definition.embedding().provider()).isEqualTo(Embedding.Provider.ONNX);
			assertThat(definition.chunking().splitter()).isEqualTo(Chunking.Splitter.RECURSIVE_CHARACTER_TEXT_SPLITTER);
			assertThat(definition.chunking().chunkSize()).isEqualTo(800);
			assertThat(definition.chunking().chunkOverlap()).isEqualTo(400);
			assertThat(definition.formatting().template()).isEqualTo("$chunk");
			assertThat(definition.loading().retries()).isEqualTo(6);
			assertThat(definition.scheduling().scheduleInterval()).isEqualTo(Duration.ofMinutes(5));
			assertThat(definition.enqueueExisting()).isTrue();
		});
	}

	@Test
	void freeFormOptionsAndRelaxedNamesBind() {
		this.runner
			.withPropertyValues(VECTORIZER + "embedding.provider=ollama", VECTORIZER + "embedding.model=nomic-embed-text",
					VECTORIZER + "embedding.dimensions=768", VECTORIZER + "embedding.options.num_ctx=4096",
					VECTORIZER + "chunking.chunkSize=300", VECTORIZER + "chunking.chunk_overlap=30")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				VectorizerDefinition definition = context.getBean(PgaiProperties.class)
					.getVectorizers()
					.get("blog_posts_content");
				assertThat(definition.embedding().options()).containsEntry("num_ctx", "4096");
				assertThat(definition.chunking().chunkSize()).isEqualTo(300);
				assertThat(definition.chunking().chunkOverlap()).isEqualTo(30);
			});
	}

	@Test
	void misspelledVectorizerKeyNamesTheKeyAsWrittenAndTheNearestOne() {
		FailureAnalysis analysis = failure(VECTORIZER + "formating.template=x");
		assertThat(analysis.getDescription()).contains("pgai.vectorizers.blog_posts_content.formating.template")
			.contains("did you mean pgai.vectorizers.blog_posts_content.formatting.template (formatting, not formating)")
			.doesNotContain("blogpostscontent");
		assertThat(analysis.getAction()).contains("Write pgai.vectorizers.blog_posts_content.formatting.template instead");
	}

	@Test
	void misspelledTopLevelKeyNamesTheNearestOne() {
		FailureAnalysis analysis = failure("pgai.vectorisers.notes.source=notes");
		assertThat(analysis.getDescription()).contains("pgai.vectorisers.notes.source (from test) is not a pgai property")
			.contains("did you mean pgai.vectorizers.notes.source (vectorizers, not vectorisers)");
		assertThat(failure("pgai.worker.thread=2").getDescription()).contains("did you mean pgai.worker.threads");
		assertThat(failure("pgai.onnx.charge-search-statement=true").getDescription())
			.contains("pgai.onnx.charge-search-statement (from test) is not a pgai property")
			.contains("did you mean pgai.onnx.charge-search-statements");
		assertThat(failure("pgai.onnx.reserved-query-thread=1").getDescription())
			.contains("pgai.onnx.reserved-query-thread (from test) is not a pgai property")
			.contains("did you mean pgai.onnx.reserved-query-threads");
	}

	@Test
	void unknownKeyWithoutNearMissListsTheKeysOfItsParent() {
		FailureAnalysis analysis = failure(VECTORIZER + "colour=blue");
		assertThat(analysis.getDescription()).contains(VECTORIZER + "colour (from test) is not a pgai property")
			.doesNotContain("did you mean");
		assertThat(analysis.getAction()).contains("source", "loading.*", "formatting.*", "on-change");
	}

	@Test
	void invalidWorkerAndHttpValuesNameTheFullKeyAndAnExample() {
		FailureAnalysis threads = failure("pgai.worker.threads=0");
		assertThat(threads.getDescription()).contains("pgai.worker.threads=0").contains("must be at least 1");
		assertThat(threads.getAction()).contains("e.g. pgai.worker.threads=2");
		FailureAnalysis batchSize = failure("pgai.worker.batch-size=0");
		assertThat(batchSize.getDescription()).contains("pgai.worker.batch-size=0").contains("between 1 and 2048");
		assertThat(batchSize.getAction()).contains("pgai.worker.batch-size=200");
		FailureAnalysis timeout = failure("pgai.http.read-timeout=-5s");
		assertThat(timeout.getDescription()).contains("pgai.http.read-timeout=-5s").contains("must be positive");
		assertThat(timeout.getAction()).contains("pgai.http.read-timeout=120s");
	}

	@Test
	void onnxDocumentShareDefaultsToTheSchedulersAndIsChecked() {
		this.runner.run((context) -> assertThat(context.getBean(PgaiProperties.class).getOnnx().getDocumentShare())
			.isEqualTo(OnnxScheduler.DEFAULT_DOCUMENT_SHARE));
		this.runner.withPropertyValues("pgai.onnx.document-share=0.6")
			.run((context) -> assertThat(context.getBean(PgaiProperties.class).getOnnx().getDocumentShare())
				.isEqualTo(0.6));
		FailureAnalysis share = failure("pgai.onnx.document-share=1");
		assertThat(share.getDescription()).contains("pgai.onnx.document-share=1").contains("above 0 and below 1");
		assertThat(share.getAction()).contains("e.g. pgai.onnx.document-share=0.7");
	}

	@Test
	void reservedQueryThreadsMustLeaveTheWorkerAThread() {
		FailureAnalysis all = failure("pgai.onnx.threads=2", "pgai.onnx.reserved-query-threads=2");
		assertThat(all.getDescription()).contains("pgai.onnx.reserved-query-threads=2")
			.contains("from 0 to one less than the ONNX threads (1 with pgai.onnx.threads=2)");
		assertThat(all.getAction()).contains("pgai.onnx.threads=2 and pgai.onnx.reserved-query-threads=1");
		FailureAnalysis negative = failure("pgai.onnx.reserved-query-threads=-1");
		assertThat(negative.getDescription()).contains("pgai.onnx.reserved-query-threads=-1")
			.contains("processor(s)) but is -1");
	}

	@Test
	void healthAndReadinessBindWithDefaultsAndCheckedValues() {
		this.runner.run((context) -> {
			PgaiProperties properties = context.getBean(PgaiProperties.class);
			assertThat(properties.getHealth().timeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.getReadiness().waitForBackfill()).isFalse();
		});
		this.runner.withPropertyValues("pgai.health.timeout=500ms", "pgai.readiness.wait-for-backfill=true")
			.run((context) -> {
				PgaiProperties properties = context.getBean(PgaiProperties.class);
				assertThat(properties.getHealth().timeout()).isEqualTo(Duration.ofMillis(500));
				assertThat(properties.getReadiness().waitForBackfill()).isTrue();
			});
		FailureAnalysis timeout = failure("pgai.health.timeout=0s");
		assertThat(timeout.getDescription()).contains("pgai.health.timeout=0s").contains("must be positive");
		assertThat(timeout.getAction()).contains("pgai.health.timeout=2s");
		assertThat(failure("pgai.readiness.wait-for-backfil=true").getDescription())
			.contains("did you mean pgai.readiness.wait-for-backfill");
	}

	@Test
	void invalidSearchValuesNameTheFullKeyAndAnExample() {
		FailureAnalysis efSearch = failure("pgai.search.hnsw.ef-search=0");
		assertThat(efSearch.getDescription()).contains("pgai.search.hnsw.ef-search=0").contains("between 1 and 1000");
		assertThat(efSearch.getAction()).contains("e.g. pgai.search.hnsw.ef-search=100");
		assertThat(failure("pgai.search.hybrid.candidate-multiplier=0").getDescription())
			.contains("pgai.search.hybrid.candidate-multiplier=0").contains("between 1 and 100");
		assertThat(failure("pgai.search.max-results=0").getAction()).contains("pgai.search.max-results=1000");
		assertThat(failure("pgai.search.hnsw.iterative-scan=sideways").getDescription())
			.contains("pgai.search.hnsw.iterative-scan");
		assertThat(failure(VECTORIZER + "text-indexing.enabled=true", VECTORIZER + "text-indexing.language= ")
			.getDescription()).contains(VECTORIZER + "text-indexing.language").contains("text search configuration");
	}

	@Test
	void invalidVectorizerValuesNameTheKeyWithTheVectorizerNameAsWritten() {
		FailureAnalysis overlap = failure(VECTORIZER + "chunking.chunk-size=300");
		assertThat(overlap.getDescription()).contains(VECTORIZER + "chunking.chunk-overlap")
			.contains("400 is not between 0 and chunk-size (300)")
			.doesNotContain("blogpostscontent");
		assertThat(overlap.getAction()).contains(VECTORIZER + "chunking.chunk-overlap=75");
		FailureAnalysis model = failure(VECTORIZER + "embedding.provider=openai");
		assertThat(model.getDescription()).contains(VECTORIZER + "embedding.model: is not set (provider openai")
			.contains(VECTORIZER + "embedding.dimensions: is not set");
		assertThat(model.getAction()).contains(VECTORIZER + "embedding.model=text-embedding-3-small");
		assertThat(failure(VECTORIZER + "formatting.template=$title").getDescription())
			.contains(VECTORIZER + "formatting.template=$title").contains("has no $chunk");
		FailureAnalysis onnxModel = failure(VECTORIZER + "embedding.model=all-minilm-l6");
		assertThat(onnxModel.getDescription()).contains(VECTORIZER + "embedding.model=all-minilm-l6")
			.contains("is not an in-process model", "all-minilm-l6-v2", "bge-small-en-v1.5");
		assertThat(failure(VECTORIZER + "embedding.dimensions=768").getDescription())
			.contains("is 768, but all-minilm-l6-v2 makes 384-dimensional vectors");
		assertThat(failure("pgai.vectorizers.Blog.source=blog").getDescription()).contains("'Blog' is not a valid vectorizer name");
	}

	@Test
	void missingRequiredKeysAreNamed() {
		new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class)
			.withPropertyValues("pgai.vectorizers.notes_body.embedding.provider=onnx")
			.run((context) -> {
				FailureAnalysis analysis = FailureReports.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("pgai.vectorizers.notes_body.source: is not set")
					.contains("pgai.vectorizers.notes_body.loading.column: is not set");
				assertThat(analysis.getAction()).contains("pgai.vectorizers.notes_body.source=blog_posts");
			});
	}

	@Test
	void valuesOfTheWrongTypeNameTheKeyAndWhatIsExpected() {
		FailureAnalysis threads = failure("pgai.worker.threads=many");
		assertThat(threads.getDescription()).contains("pgai.worker.threads=many");
		assertThat(threads.getAction()).contains("Set pgai.worker.threads to a number");
		FailureAnalysis provider = failure(VECTORIZER + "embedding.provider=openia");
		assertThat(provider.getDescription()).contains(VECTORIZER + "embedding.provider=openia")
			.contains("'openia' is not one of onnx, openai, ollama, voyageai, litellm, spring-ai, custom; did you mean openai?");
		assertThat(provider.getAction()).contains("one of onnx, openai, ollama, voyageai, litellm, spring-ai, custom");
		assertThat(failure("pgai.http.connect-timeout=soon").getAction()).contains("a duration such as 30s");
	}

	private FailureAnalysis failure(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = FailureReports.analyze(context.getStartupFailure());
		});
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PgaiProperties.class)
	static class PropertiesConfiguration {

	}

}
