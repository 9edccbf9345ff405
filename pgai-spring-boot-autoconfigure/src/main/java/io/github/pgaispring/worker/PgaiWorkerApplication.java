package io.github.pgaispring.worker;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the vectorizer worker on its own, for deployments that scale workers separately from the
 * application: {@code java -cp <application classpath> io.github.pgaispring.worker.PgaiWorkerApplication}.
 * <p>
 * It boots Spring Boot with auto-configuration only (no component scanning, no web server), so the usual
 * configuration sources apply: {@code application.properties}, environment variables such as
 * {@code SPRING_DATASOURCE_URL} and {@code OPENAI_API_KEY}, and {@code --name=value} arguments. The worker
 * is always enabled here, whatever {@code pgai.worker.enabled} says (web nodes typically set it to
 * {@code false}); the other {@code pgai.worker.*} properties apply. The process runs until it is stopped: on
 * SIGTERM (or Ctrl-C) the worker finishes and commits its running batches, then the JVM exits.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class PgaiWorkerApplication {

	/** What this application always sets, ahead of every other property source. */
	private static final Map<String, Object> FORCED_PROPERTIES = Map.of("pgai.worker.enabled", "true");

	/**
	 * Starts the worker and returns; the worker's threads keep the JVM running until it is stopped.
	 * @param args Spring Boot arguments, such as {@code --spring.datasource.url=jdbc:postgresql://...}
	 */
	public static void main(String[] args) {
		run(args);
	}

	/**
	 * Starts the worker application.
	 * @param args Spring Boot arguments
	 * @return the running application context; closing it stops the worker gracefully
	 */
	public static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(PgaiWorkerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("pgaiWorkerApplication", FORCED_PROPERTIES)));
		return application.run(args);
	}

}
