package io.github.pgaispring.autoconfigure.misspelledfixtures;

import io.github.pgaispring.autoconfigure.jpafixtures.Note;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** An application whose only repository is {@link NoteSearch}. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EntityScan(basePackageClasses = Note.class)
@EnableJpaRepositories(basePackageClasses = MisspelledConditionApplication.class)
public class MisspelledConditionApplication {

}
