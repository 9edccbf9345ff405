package io.github.pgaispring.testsupport;

import java.util.List;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The failure analysis Spring Boot would print for a startup failure: the first of the failure analyzers
 * registered in {@code META-INF/spring.factories} (Boot's and the starter's, in their order) that analyses it.
 */
public final class FailureReports {

	private FailureReports() {
	}

	/**
	 * Analyses a startup failure as Spring Boot does.
	 * @param failure the failure
	 * @return the analysis
	 * @throws AssertionError if no analyzer reports it
	 */
	public static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(FailureReports.class.getClassLoader())
			.load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((message, ex) -> {
			}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer reports " + failure, failure);
	}

}
