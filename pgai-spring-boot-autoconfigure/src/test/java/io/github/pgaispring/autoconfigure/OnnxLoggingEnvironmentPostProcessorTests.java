package io.github.pgaispring.autoconfigure;

import ai.djl.util.cuda.CudaUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application that embeds with the in-process model logs no CUDA warning: DJL's GPU probe, which the
 * tokenizer runs before loading its native library, logs "Failed to detect GPU count" at WARN where a CUDA
 * runtime is installed without a driver (as on this project's machines).
 */
@ExtendWith(OutputCaptureExtension.class)
class OnnxLoggingEnvironmentPostProcessorTests {

	@Test
	void gpuProbeLogsNothingBelowError(CapturedOutput output) {
		try (ConfigurableApplicationContext context = application().run()) {
			assertThat(LoggerFactory.getLogger(CudaUtils.class).isWarnEnabled()).isFalse();
			assertThat(LoggerFactory.getLogger(CudaUtils.class).isErrorEnabled()).isTrue();
			assertThat(CudaUtils.getGpuCount()).isZero();
			assertThat(output).doesNotContain("Failed to detect GPU count");
			// other loggers keep their levels
			assertThat(LoggerFactory.getLogger("ai.djl.util.Platform").isInfoEnabled()).isTrue();
		}
	}

	@Test
	void applicationsOwnLevelWins() {
		try (ConfigurableApplicationContext context = application()
			.run("--logging.level.ai.djl.util.cuda.CudaUtils=warn")) {
			assertThat(LoggerFactory.getLogger(CudaUtils.class).isWarnEnabled()).isTrue();
		}
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyApplication {

	}

}
