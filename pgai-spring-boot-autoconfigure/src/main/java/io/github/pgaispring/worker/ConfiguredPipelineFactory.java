package io.github.pgaispring.worker;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.github.pgaispring.chunking.CharacterTextSplitter;
import io.github.pgaispring.chunking.NoChunking;
import io.github.pgaispring.chunking.PgaiChunkingDefaults;
import io.github.pgaispring.chunking.RecursiveCharacterTextSplitter;
import io.github.pgaispring.chunking.TextChunker;
import io.github.pgaispring.embedding.Embedder;
import io.github.pgaispring.embedding.EmbedderFactory;
import io.github.pgaispring.formatting.ChunkFormatter;
import io.github.pgaispring.formatting.ChunkValueFormatter;
import io.github.pgaispring.formatting.PythonTemplateFormatter;
import io.github.pgaispring.sql.ChunkingCharacterTextSplitterConfig;
import io.github.pgaispring.sql.ChunkingConfig;
import io.github.pgaispring.sql.ChunkingNoneConfig;
import io.github.pgaispring.sql.ChunkingRecursiveCharacterTextSplitterConfig;
import io.github.pgaispring.sql.FormattingChunkValueConfig;
import io.github.pgaispring.sql.FormattingConfig;
import io.github.pgaispring.sql.FormattingPythonTemplateConfig;
import io.github.pgaispring.sql.Vectorizer;
import io.github.pgaispring.sql.VectorizerConfig;

/**
 * The {@link PipelineFactory} for pgai's stored configurations: LangChain-compatible chunking, Python
 * template formatting, and the embedder the {@link EmbedderFactory} builds. Values the stored
 * configuration leaves out take pgai's defaults.
 */
public final class ConfiguredPipelineFactory implements PipelineFactory {

	private final EmbedderFactory embedderFactory;

	private final ZoneId sessionTimeZone;

	/**
	 * Creates the factory.
	 * @param embedderFactory builds embedders from {@code config.embedding}
	 * @param sessionTimeZone the time zone in which {@code timestamptz} values are rendered for templates
	 * (pgai's Python worker uses the database's default zone; PgJDBC sessions use the JVM's)
	 */
	public ConfiguredPipelineFactory(EmbedderFactory embedderFactory, ZoneId sessionTimeZone) {
		this.embedderFactory = embedderFactory;
		this.sessionTimeZone = sessionTimeZone;
	}

	@Override
	public VectorizerPipeline create(VectorizerConfig config) {
		return new Pipeline(chunker(config.chunking()), formatter(config.formatting()),
				this.embedderFactory.create(config.embedding()));
	}

	/** The pipeline of a vectorizer, whose embedder reports its tokens under the vectorizer's name. */
	@Override
	public VectorizerPipeline create(Vectorizer vectorizer) {
		VectorizerConfig config = vectorizer.config();
		return new Pipeline(chunker(config.chunking()), formatter(config.formatting()),
				this.embedderFactory.create(vectorizer));
	}

	private static TextChunker chunker(ChunkingConfig chunking) {
		if (chunking instanceof ChunkingNoneConfig) {
			return NoChunking.INSTANCE;
		}
		if (chunking instanceof ChunkingCharacterTextSplitterConfig character) {
			return new CharacterTextSplitter(orDefault(character.separator(), PgaiChunkingDefaults.CHARACTER_SEPARATOR),
					orDefault(character.chunkSize(), PgaiChunkingDefaults.CHUNK_SIZE),
					orDefault(character.chunkOverlap(), PgaiChunkingDefaults.CHUNK_OVERLAP),
					orDefault(character.isSeparatorRegex(), false));
		}
		if (chunking instanceof ChunkingRecursiveCharacterTextSplitterConfig recursive) {
			return new RecursiveCharacterTextSplitter(
					orDefault(recursive.separators(), PgaiChunkingDefaults.RECURSIVE_SEPARATORS),
					orDefault(recursive.chunkSize(), PgaiChunkingDefaults.CHUNK_SIZE),
					orDefault(recursive.chunkOverlap(), PgaiChunkingDefaults.CHUNK_OVERLAP),
					orDefault(recursive.isSeparatorRegex(), false));
		}
		throw new IllegalArgumentException("Unsupported chunking configuration " + chunking.toSql());
	}

	private ChunkFormatter formatter(FormattingConfig formatting) {
		if (formatting instanceof FormattingChunkValueConfig) {
			return ChunkValueFormatter.INSTANCE;
		}
		if (formatting instanceof FormattingPythonTemplateConfig template) {
			return new PythonTemplateFormatter(orDefault(template.template(), PythonTemplateFormatter.DEFAULT_TEMPLATE),
					this.sessionTimeZone);
		}
		throw new IllegalArgumentException("Unsupported formatting configuration " + formatting.toSql());
	}

	private static <T> T orDefault(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private record Pipeline(TextChunker chunker, ChunkFormatter formatter, Embedder embedder)
			implements VectorizerPipeline {

		@Override
		public List<String> chunk(String text) {
			return this.chunker.split(text);
		}

		@Override
		public String format(String chunk, Map<String, Object> row) {
			return this.formatter.format(chunk, row);
		}

	}

}
