package io.github.pgaispring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.pgaispring.testsupport.FreshDatabase;
import io.github.pgaispring.testsupport.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The sample started as a user starts it, with mistakes in its configuration: the startup report Spring Boot
 * prints names the misspelled key and the right one, and a section removed from application.yml is a change.
 */
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class StrictConfigurationTests {

	@Test
	void misspelledKeyOnTheCommandLineFailsNamingItAndTheRightOne(FreshDatabase database, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(database, "--pgai.vectorizers.blog_posts_content.formating.template=x"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("pgai.vectorizers.blog_posts_content.formating.template (from commandLineArgs) is not a pgai property;"
					+ " did you mean pgai.vectorizers.blog_posts_content.formatting.template (formatting, not formating)?")
			.contains("Write pgai.vectorizers.blog_posts_content.formatting.template instead of "
					+ "pgai.vectorizers.blog_posts_content.formating.template.");
	}

	@Test
	void formattingSectionRemovedFromTheYmlIsAChange(FreshDatabase database, CapturedOutput output, @TempDir Path dir)
			throws IOException {
		try (ConfigurableApplicationContext context = start(database)) {
			assertThat(output).contains("Vectorizer 'blog_posts_content': created");
		}
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		assertThat(jdbc.queryForObject("select config->'formatting'->>'template' from ai.vectorizer", String.class))
			.isEqualTo("$title - $chunk");
		String withoutFormatting = "--spring.config.location=" + applicationYmlWithout("formatting", dir).toUri();
		assertThatException().isThrownBy(() -> start(database, withoutFormatting,
				"--pgai.vectorizers.blog_posts_content.on-change=fail"));
		assertThat(output).contains("Vectorizer 'blog_posts_content' exists with a different configuration")
			.containsPattern(Pattern.quote("formatting: declared {") + ".*" + Pattern.quote("\"template\":\"$chunk\"")
					+ ".*stored .*" + Pattern.quote("\"template\":\"$title - $chunk\""))
			.doesNotContain("Vectorizer 'blog_posts_content': unchanged");
		try (ConfigurableApplicationContext context = start(database, withoutFormatting)) {
			assertThat(output).contains("Vectorizer 'blog_posts_content': recreated");
		}
		assertThat(jdbc.queryForObject("select config->'formatting'->>'template' from ai.vectorizer", String.class))
			.as("on-change: recreate (the sample's setting) applied the default template").isEqualTo("$chunk");
	}

	private static ConfigurableApplicationContext start(FreshDatabase database, String... args) {
		List<String> arguments = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--pgai.worker.enabled=false", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password()));
		arguments.addAll(List.of(args));
		return SpringApplication.run(BlogApplication.class, arguments.toArray(String[]::new));
	}

	/** The sample's application.yml with one section of its vectorizer left out, as a user would edit it. */
	private static Path applicationYmlWithout(String section, Path dir) throws IOException {
		String yml;
		try (InputStream in = StrictConfigurationTests.class.getResourceAsStream("/application.yml")) {
			yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		StringBuilder edited = new StringBuilder();
		boolean skipping = false;
		for (String line : yml.split("\n", -1)) {
			if (line.equals("      " + section + ":")) {
				skipping = true;
				continue;
			}
			if (skipping && (line.startsWith("        ") || line.isBlank())) {
				continue;
			}
			skipping = false;
			edited.append(line).append('\n');
		}
		assertThat(edited.toString()).doesNotContain(section + ":").contains("chunking:", "on-change: recreate");
		Path file = dir.resolve("application.yml");
		Files.writeString(file, edited.toString(), StandardCharsets.UTF_8);
		return file;
	}

}
