package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.embedding.OnnxScheduler;
import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;

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

}
