package io.github.pgaispring.embedding;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.pgaispring.embedding.OnnxScheduler.Workload;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static io.github.pgaispring.embedding.QueryProbes.sleeping;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link OnnxSchedulerMetrics}. */
class OnnxSchedulerMetricsTests {

	@Test
	void timersCountEachWorkloadsTextsAndModelTime() {
		MeterRegistry registry = new SimpleMeterRegistry();
		try (OnnxScheduler scheduler = new OnnxScheduler(2)) {
			new OnnxSchedulerMetrics(scheduler).bindTo(registry);
			assertThat(runs(registry, "documents").count()).isZero();

			scheduler.invokeAll(Workload.DOCUMENTS,
					List.of(sleeping(20), sleeping(20), sleeping(20)));
			scheduler.invoke(Workload.QUERIES, sleeping(5));

			assertThat(runs(registry, "documents").count()).isEqualTo(3);
			assertThat(runs(registry, "documents").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(60);
			assertThat(runs(registry, "queries").count()).isEqualTo(1);
			assertThat(runs(registry, "queries").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(5)
				.isLessThan(runs(registry, "documents").totalTime(TimeUnit.MILLISECONDS));
		}
	}

	private static FunctionTimer runs(MeterRegistry registry, String workload) {
		return registry.get("pgai.onnx.runs").tag("workload", workload).functionTimer();
	}

}
