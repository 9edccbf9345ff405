package io.github.pgaispring.autoconfigure;

import javax.sql.DataSource;

import io.github.pgaispring.catalog.CatalogInstallation;
import io.github.pgaispring.catalog.CatalogInstaller;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Installs or upgrades the {@code ai} catalog when the application starts. Spring Boot's database
 * initialization ordering (see {@link PgaiCatalogDatabaseInitializerDetector}) runs it before Flyway,
 * Liquibase, SQL scripts and JPA, so their migrations and entities can use the {@code ai} functions.
 */
public class PgaiCatalogInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(PgaiCatalogInitializer.class);

	private final CatalogInstaller installer;

	private volatile CatalogInstallation installation;

	/**
	 * Creates an initializer for the given data source.
	 * @param dataSource where to install the catalog
	 */
	public PgaiCatalogInitializer(DataSource dataSource) {
		this.installer = new CatalogInstaller(dataSource);
	}

	@Override
	public void afterPropertiesSet() {
		this.installation = this.installer.install();
		logger.info(this.installation);
	}

	/** What the last installation found and did, or {@code null} before it ran. */
	public CatalogInstallation getInstallation() {
		return this.installation;
	}

}
