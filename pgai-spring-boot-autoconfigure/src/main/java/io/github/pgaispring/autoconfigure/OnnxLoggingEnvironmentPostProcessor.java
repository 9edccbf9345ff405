package io.github.pgaispring.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Keeps the in-process model's first embedding from logging a CUDA warning on machines without a GPU.
 * <p>
 * The tokenizer of the ONNX models (DJL's HuggingFace tokenizers) picks its native library by asking DJL's
 * {@code CudaUtils} how many GPUs there are. Where a CUDA runtime is installed without a driver, that probe logs
 * "Failed to detect GPU count" at WARN, twice, although the starter runs the models on the CPU only. This
 * sets that one logger to ERROR as a default property, the lowest precedence: a
 * {@code logging.level.ai.djl.util.cuda.CudaUtils} of the application's own wins.
 */
class OnnxLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String CUDA_PROBE_LOGGER = "logging.level.ai.djl.util.cuda.CudaUtils";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent("ai.djl.util.cuda.CudaUtils", application.getClassLoader())) {
			DefaultPropertiesPropertySource.addOrMerge(Map.of(CUDA_PROBE_LOGGER, "error"),
					environment.getPropertySources());
		}
	}

}
