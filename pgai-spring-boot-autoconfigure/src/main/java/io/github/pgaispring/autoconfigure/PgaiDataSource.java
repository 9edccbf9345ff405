package io.github.pgaispring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifies the {@link javax.sql.DataSource} the starter uses (the {@code ai} catalog, the declared vectorizers,
 * the worker and the embedding store repositories' vectorizer lookups) when the application has several, as
 * Spring Boot's {@code @FlywayDataSource} does for Flyway. Without it the starter uses the only
 * {@code DataSource}, or the {@code @Primary} one; with several and none primary, startup fails asking for
 * one of the two.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface PgaiDataSource {

}
