package io.github.pgaispring.sql;

import org.springframework.util.Assert;

/**
 * Loads documents from the URIs stored in a column of the source table: {@code ai.loading_uri}.
 *
 * @param columnName the source column holding the URIs
 * @param retries how often a failed load is retried, or {@code null} for the server default (6)
 * @param awsRoleArn the AWS role to assume for {@code s3://} URIs, or {@code null}
 */
public record LoadingUriConfig(String columnName, Integer retries, String awsRoleArn) implements LoadingConfig {

	public LoadingUriConfig {
		Assert.hasText(columnName, "columnName is required: name the source column that holds the URIs");
	}

	/** Returns a copy with the given number of retries. */
	public LoadingUriConfig withRetries(Integer retries) {
		return new LoadingUriConfig(this.columnName, retries, this.awsRoleArn);
	}

	/** Returns a copy that assumes the given AWS role. */
	public LoadingUriConfig withAwsRoleArn(String awsRoleArn) {
		return new LoadingUriConfig(this.columnName, this.retries, awsRoleArn);
	}

	@Override
	public String toSql() {
		return SqlFunctionCall.of("ai.loading_uri")
			.text("column_name", this.columnName)
			.integer("retries", this.retries)
			.text("aws_role_arn", this.awsRoleArn)
			.toSql();
	}

}
