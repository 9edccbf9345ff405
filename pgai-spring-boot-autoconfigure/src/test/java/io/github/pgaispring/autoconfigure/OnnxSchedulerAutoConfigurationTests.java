package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process model's scheduler as {@code pgai.onnx.*} configures it. */
@PostgresTest
class OnnxSchedulerAutoConfigurationTests {

	@Test
	void theSchedulerSharesAndChargesSearchStatementsAsConfigured(FreshDatabase database) {
		WorkerTestContexts.runner(database).withPropertyValues("pgai.worker.enabled=false").run((context) -> {
			OnnxScheduler scheduler = context.getBean(OnnxScheduler.class);
			assertThat(scheduler.documentShare()).isEqualTo(OnnxScheduler.DEFAULT_DOCUMENT_SHARE);
			assertThat(scheduler.chargesSearchStatements()).as("charging search statements is opt-in").isFalse();
			assertThat(scheduler.reservedQueryThreads()).as("reserving threads for searches is opt-in").isZero();
		});
		WorkerTestContexts.runner(database)
			.withPropertyValues("pgai.worker.enabled=false", "pgai.onnx.threads=1", "pgai.onnx.document-share=0.7",
					"pgai.onnx.charge-search-statements=true")
			.run((context) -> {
				OnnxScheduler scheduler = context.getBean(OnnxScheduler.class);
				assertThat(scheduler.threads()).isEqualTo(1);
				assertThat(scheduler.documentShare()).isEqualTo(0.7);
				assertThat(scheduler.chargesSearchStatements()).isTrue();
			});
		WorkerTestContexts.runner(database)
			.withPropertyValues("pgai.worker.enabled=false", "pgai.onnx.threads=3",
					"pgai.onnx.reserved-query-threads=2")
			.run((context) -> assertThat(context.getBean(OnnxScheduler.class).reservedQueryThreads()).isEqualTo(2));
	}

	@Test
	void theApplicationsOwnSchedulerFromTheDocsReplacesTheStartersWithItsSettings(FreshDatabase database) {
		WorkerTestContexts.runner(database)
			.withPropertyValues("pgai.worker.enabled=false")
			.withUserConfiguration(OwnScheduler.class)
			.run((context) -> {
				OnnxScheduler scheduler = context.getBean(OnnxScheduler.class);
				assertThat(context).hasSingleBean(OnnxScheduler.class).hasBean("onnxScheduler");
				assertThat(scheduler.threads()).isEqualTo(4);
				assertThat(scheduler.chargesSearchStatements()).isTrue();
				assertThat(scheduler.reservedQueryThreads()).isOne();
			});
	}

	/** docs/worker.md's example of a scheduler bean of the application's own. */
	@Configuration(proxyBeanMethods = false)
	static class OwnScheduler {

		@Bean(destroyMethod = "close")
		OnnxScheduler onnxScheduler() {
			// 4 threads, documents' share 0.5, 30 s to finish on close, statements charged, 1 thread kept for searches
			return new OnnxScheduler(4, OnnxScheduler.DEFAULT_DOCUMENT_SHARE, OnnxScheduler.DEFAULT_SHUTDOWN_TIMEOUT,
					true, 1);
		}

	}

}
