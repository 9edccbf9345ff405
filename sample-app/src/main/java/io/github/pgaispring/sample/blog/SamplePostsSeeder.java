package io.github.pgaispring.sample.blog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills an empty blog with the posts shipped in {@code classpath:sample-posts/*.md} (first line
 * {@code # Title}, the rest is the content). Does nothing when the blog already has posts, so restarts
 * never duplicate them. The vectorizer's trigger queues every inserted post for embedding.
 */
@Component
public class SamplePostsSeeder implements ApplicationRunner {

	private static final String LOCATION = "classpath:sample-posts/*.md";

	private static final Log logger = LogFactory.getLog(SamplePostsSeeder.class);

	private final BlogPostRepository posts;

	private final ResourcePatternResolver resources;

	SamplePostsSeeder(BlogPostRepository posts, ResourcePatternResolver resources) {
		this.posts = posts;
		this.resources = resources;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		seed();
	}

	/**
	 * Inserts the sample posts if the blog is empty.
	 * @return how many posts were inserted
	 */
	@Transactional
	public int seed() {
		if (this.posts.count() > 0) {
			return 0;
		}
		List<BlogPost> samples = readSamplePosts();
		this.posts.saveAll(samples);
		logger.info("Inserted " + samples.size() + " sample posts; the vectorizer worker embeds them now");
		return samples.size();
	}

	private List<BlogPost> readSamplePosts() {
		try {
			return Arrays.stream(this.resources.getResources(LOCATION))
				.sorted(Comparator.comparing(Resource::getFilename))
				.map(SamplePostsSeeder::read)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the sample posts in " + LOCATION, ex);
		}
	}

	private static BlogPost read(Resource resource) {
		try {
			String markdown = resource.getContentAsString(StandardCharsets.UTF_8).strip();
			int endOfTitle = markdown.indexOf('\n');
			if (!markdown.startsWith("# ") || endOfTitle < 0) {
				throw new IllegalStateException("Sample post " + resource.getFilename()
						+ " must start with a '# Title' line followed by the content");
			}
			return new BlogPost(markdown.substring(2, endOfTitle).strip(), markdown.substring(endOfTitle + 1).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read sample post " + resource.getFilename(), ex);
		}
	}

}
