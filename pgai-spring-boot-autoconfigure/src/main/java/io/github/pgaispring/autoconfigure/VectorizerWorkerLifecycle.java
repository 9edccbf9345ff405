package io.github.pgaispring.autoconfigure;

import io.github.pgaispring.worker.VectorizerWorker;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link VectorizerWorker} with the application context: started once every singleton exists
 * (after the catalog install and the declared vectorizers), stopped gracefully, between batches, before
 * the data source closes.
 */
public class VectorizerWorkerLifecycle implements SmartLifecycle {

	private final VectorizerWorker worker;

	/**
	 * Wraps a worker.
	 * @param worker the worker
	 */
	public VectorizerWorkerLifecycle(VectorizerWorker worker) {
		this.worker = worker;
	}

	/** The worker, for {@link VectorizerWorker#runOnce()} or its statistics. */
	public VectorizerWorker getWorker() {
		return this.worker;
	}

	@Override
	public void start() {
		this.worker.start();
	}

	@Override
	public void stop() {
		this.worker.stop();
	}

	@Override
	public boolean isRunning() {
		return this.worker.isRunning();
	}

}
