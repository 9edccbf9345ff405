package io.github.pgaispring.repository;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslationInterceptor;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;

/**
 * Lets an {@link InvalidSearchArgumentException} leave an embedding store repository as it is, the way Spring
 * Data's own argument checks do, instead of translated into an {@code InvalidDataAccessApiUsageException}: an
 * interceptor placed outside the repository's persistence exception translation puts the original back.
 */
final class SearchArgumentExceptions implements RepositoryProxyPostProcessor {

	private static final MethodInterceptor UNWRAP = SearchArgumentExceptions::invoke;

	@Override
	public void postProcess(ProxyFactory factory, RepositoryInformation repositoryInformation) {
		if (!EmbeddingStoreRepository.class.isAssignableFrom(repositoryInformation.getRepositoryInterface())) {
			return;
		}
		Advisor[] advisors = factory.getAdvisors();
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i].getAdvice() instanceof PersistenceExceptionTranslationInterceptor) {
				factory.addAdvice(i, UNWRAP);
				return;
			}
		}
	}

	private static Object invoke(MethodInvocation invocation) throws Throwable {
		try {
			return invocation.proceed();
		}
		catch (DataAccessException ex) {
			if (ex.getCause() instanceof InvalidSearchArgumentException invalid) {
				throw invalid;
			}
			throw ex;
		}
	}

}
