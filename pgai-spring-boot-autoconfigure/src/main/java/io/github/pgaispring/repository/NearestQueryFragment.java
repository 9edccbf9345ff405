package io.github.pgaispring.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.pgaispring.embedding.SearchScope;

import org.springframework.data.repository.core.support.RepositoryFragment;

/**
 * The repository fragment that implements the nearest-neighbour and hybrid query methods of one repository
 * interface.
 * <p>
 * It claims exactly those methods, so Spring Data neither tries to derive a query from their names (which
 * would fail) nor routes any other method here. The implementation is a JDK proxy of the repository interface
 * that dispatches each claimed method to its {@link SearchExecution}, in a {@link SearchScope} so that the
 * in-process model's scheduler charges the search's statement to the searches' share.
 */
final class NearestQueryFragment implements RepositoryFragment<Object> {

	private final Class<?> repositoryInterface;

	private final Map<Method, SearchExecution> executions;

	private final Object implementation;

	NearestQueryFragment(Class<?> repositoryInterface, Map<Method, SearchExecution> executions) {
		this(repositoryInterface, executions, proxy(repositoryInterface, executions));
	}

	private NearestQueryFragment(Class<?> repositoryInterface, Map<Method, SearchExecution> executions,
			Object implementation) {
		this.repositoryInterface = repositoryInterface;
		this.executions = Map.copyOf(executions);
		this.implementation = implementation;
	}

	private static Object proxy(Class<?> repositoryInterface, Map<Method, SearchExecution> executions) {
		Map<Method, SearchExecution> dispatch = Map.copyOf(executions);
		InvocationHandler handler = (proxy, method, arguments) -> {
			SearchExecution execution = dispatch.get(method);
			if (execution != null) {
				Object[] given = (arguments != null) ? arguments : new Object[0];
				return SearchScope.run(() -> execution.execute(given));
			}
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == arguments[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Nearest-neighbour queries of " + repositoryInterface.getName();
				};
			}
			throw new UnsupportedOperationException(method + " is not a nearest-neighbour query method");
		};
		return Proxy.newProxyInstance(repositoryInterface.getClassLoader(), new Class<?>[] { repositoryInterface },
				handler);
	}

	@Override
	public boolean hasMethod(Method method) {
		return this.executions.keySet()
			.stream()
			.anyMatch((candidate) -> candidate.getName().equals(method.getName())
					&& Arrays.equals(candidate.getParameterTypes(), method.getParameterTypes()));
	}

	@Override
	public List<Method> findMethods(String name) {
		return this.executions.keySet().stream().filter((method) -> method.getName().equals(name)).toList();
	}

	@Override
	public Stream<Method> methods() {
		return this.executions.keySet().stream();
	}

	@Override
	public Optional<Object> getImplementation() {
		return Optional.of(this.implementation);
	}

	@Override
	public Class<?> getSignatureContributor() {
		return this.repositoryInterface;
	}

	@Override
	public RepositoryFragment<Object> withImplementation(Object implementation) {
		return new NearestQueryFragment(this.repositoryInterface, this.executions, implementation);
	}

	@Override
	public String toString() {
		return "NearestQueryFragment for " + this.repositoryInterface.getSimpleName() + " "
				+ this.executions.keySet().stream().map(Method::getName).sorted().toList();
	}

}
