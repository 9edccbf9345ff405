package io.github.pgaispring.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.tool.schema.internal.DefaultSchemaFilterProvider;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.util.ClassUtils;

/**
 * Makes Hibernate's {@code hbm2ddl} ({@code spring.jpa.hibernate.ddl-auto}: create, create-drop, update,
 * validate) leave every embedding store table alone: the counterpart of pgai's {@code pgai_managed_tables}.
 * The vectorizer creates, alters and drops those tables; Hibernate still manages all others.
 * <p>
 * It registers an {@link Integrator} that finds the tables of the {@link EmbeddingStore @EmbeddingStore}
 * entities and a {@link SchemaFilterProvider} that excludes them, wrapping any integrator provider or schema
 * filter provider already configured. As a Spring Boot {@link HibernatePropertiesCustomizer} bean it applies
 * itself; without Boot, call {@link #customize(Map)} on the JPA properties.
 */
public final class EmbeddingStoreSchemaExclusion implements HibernatePropertiesCustomizer {

	@Override
	public void customize(Map<String, Object> hibernateProperties) {
		EmbeddingStoreTableRegistry registry = new EmbeddingStoreTableRegistry();
		IntegratorProvider existingIntegrators = instance(hibernateProperties.get(JpaSettings.INTEGRATOR_PROVIDER),
				IntegratorProvider.class, null);
		hibernateProperties.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> {
			List<Integrator> integrators = new ArrayList<>();
			if (existingIntegrators != null) {
				integrators.addAll(existingIntegrators.getIntegrators());
			}
			integrators.add(registry);
			return integrators;
		});
		SchemaFilterProvider existingFilters = instance(
				hibernateProperties.get(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER), SchemaFilterProvider.class,
				DefaultSchemaFilterProvider.INSTANCE);
		hibernateProperties.put(SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER,
				new EmbeddingStoreSchemaFilterProvider(existingFilters, registry));
	}

	/** A setting given as an instance, a class or a class name, as Hibernate accepts them. */
	private static <T> T instance(Object setting, Class<T> type, T fallback) {
		if (setting == null) {
			return fallback;
		}
		if (type.isInstance(setting)) {
			return type.cast(setting);
		}
		Class<?> settingClass = (setting instanceof Class<?> clazz) ? clazz
				: ClassUtils.resolveClassName(setting.toString(), EmbeddingStoreSchemaExclusion.class.getClassLoader());
		return type.cast(BeanUtils.instantiateClass(settingClass));
	}

}
