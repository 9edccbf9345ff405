package io.github.pgaispring.repository;

import java.util.Collection;
import java.util.function.Function;
import java.util.stream.BaseStream;

import io.github.pgaispring.observation.DefaultSearchObservationConvention;
import io.github.pgaispring.observation.PgaiObservationDocumentation;
import io.github.pgaispring.observation.SearchObservationContext;
import io.github.pgaispring.observation.SearchObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/** Makes every call of a search method a {@link PgaiObservationDocumentation#SEARCH} observation. */
final class ObservedSearchExecution implements SearchExecution {

	private final SearchExecution delegate;

	private final String store;

	private final String method;

	private final Function<Object[], @Nullable Integer> limit;

	private final ObservationRegistry registry;

	private final @Nullable SearchObservationConvention convention;

	private ObservedSearchExecution(SearchExecution delegate, String store, String method,
			Function<Object[], @Nullable Integer> limit, ObservationRegistry registry,
			@Nullable SearchObservationConvention convention) {
		this.delegate = delegate;
		this.store = store;
		this.method = method;
		this.limit = limit;
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * The execution, observed unless the registry is a no-op one.
	 * @param store the schema-qualified store table
	 * @param method the method, as {@code Interface.method}
	 * @param limit the most results an invocation asks for
	 */
	static SearchExecution wrap(SearchExecution execution, String store, String method,
			Function<Object[], @Nullable Integer> limit, ObservationRegistry registry,
			@Nullable SearchObservationConvention convention) {
		return registry.isNoop() ? execution
				: new ObservedSearchExecution(execution, store, method, limit, registry, convention);
	}

	@Override
	public Object execute(Object[] arguments) {
		SearchObservationContext context = new SearchObservationContext(this.store, this.method,
				this.limit.apply(arguments));
		return PgaiObservationDocumentation.SEARCH
			.observation(this.convention, DefaultSearchObservationConvention.INSTANCE, () -> context, this.registry)
			.observe(() -> {
				Object result = this.delegate.execute(arguments);
				context.setResults(count(result));
				return result;
			});
	}

	/** The results of a collection-like result, 1 for a single one, 0 for none or a stream (not consumed here). */
	private static int count(@Nullable Object result) {
		if (result == null || result instanceof BaseStream<?, ?>) {
			return 0;
		}
		if (result instanceof Collection<?> collection) {
			return collection.size();
		}
		if (result instanceof Iterable<?> iterable) {
			int count = 0;
			for (Object ignored : iterable) {
				count++;
			}
			return count;
		}
		return 1;
	}

}
