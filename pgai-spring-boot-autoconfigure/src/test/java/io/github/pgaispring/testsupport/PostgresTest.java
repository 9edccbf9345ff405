package io.github.pgaispring.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own fresh PostgreSQL database with the {@code vector} extension,
 * on the server {@link TestPostgres} chooses.
 * <p>
 * Test methods and constructors can declare a {@link FreshDatabase} or {@link javax.sql.DataSource}
 * parameter. In Spring tests ({@code @SpringBootTest} and friends) the application context's
 * {@code spring.datasource.*} properties point at the same database. The database is dropped after the
 * class (or, for a Spring test, when its context closes).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresDatabaseExtension.class)
public @interface PostgresTest {

}
