package io.github.pgaispring.repository.invalidfixtures;

import io.github.pgaispring.jpa.fixtures.BlogPost;
import io.github.pgaispring.repository.EmbeddingStoreRepositoryConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** An application whose only repository is {@link MisnamedSearch}. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = BlogPost.class)
@EnableJpaRepositories(basePackageClasses = MisnamedSearchApplication.class)
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class })
@Import(EmbeddingStoreRepositoryConfiguration.class)
public class MisnamedSearchApplication {

}
