package io.github.pgaispring.sql;

/**
 * Embeds the whole text as one chunk: {@code ai.chunking_none()}.
 */
public record ChunkingNoneConfig() implements ChunkingConfig {

	@Override
	public String toSql() {
		return "ai.chunking_none()";
	}

}
