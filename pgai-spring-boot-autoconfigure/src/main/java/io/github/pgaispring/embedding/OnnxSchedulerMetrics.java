package io.github.pgaispring.embedding;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes what an {@link OnnxScheduler} ran to Micrometer: the function timer {@code pgai.onnx.runs}, tagged
 * {@code workload} = {@code documents} (the worker's chunks) or {@code queries} (search texts), counts the texts
 * embedded and their model time, read from {@link OnnxScheduler#usage()} when the registry publishes. Its rate
 * and mean per workload show how the scheduler splits the model between a backfill and searches
 * ({@code pgai.onnx.document-share}, {@code pgai.onnx.reserved-query-threads}). Registered directly, like the
 * worker's meters, rather than as a {@code MeterBinder} bean, which Spring Boot's metrics would bind a second time.
 */
public final class OnnxSchedulerMetrics {

	private final OnnxScheduler scheduler;

	/**
	 * Creates the metrics of a scheduler.
	 * @param scheduler the scheduler
	 */
	public OnnxSchedulerMetrics(OnnxScheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Registers the timers with a registry (Spring Boot's primary registry is a composite that passes them on to
	 * every registry it holds).
	 * @param registry where to register them
	 */
	public void bindTo(MeterRegistry registry) {
		runs(registry, "documents", OnnxScheduler.Usage::documentTexts, OnnxScheduler.Usage::documentTime);
		runs(registry, "queries", OnnxScheduler.Usage::queryTexts, OnnxScheduler.Usage::queryTime);
	}

	private void runs(MeterRegistry registry, String workload, ToLongFunction<OnnxScheduler.Usage> texts,
			Function<OnnxScheduler.Usage, Duration> time) {
		FunctionTimer
			.builder("pgai.onnx.runs", this.scheduler, (scheduler) -> texts.applyAsLong(scheduler.usage()),
					(scheduler) -> time.apply(scheduler.usage()).toNanos(), TimeUnit.NANOSECONDS)
			.description("Texts the in-process ONNX models embedded, and their model time")
			.tag("workload", workload)
			.register(registry);
	}

}
