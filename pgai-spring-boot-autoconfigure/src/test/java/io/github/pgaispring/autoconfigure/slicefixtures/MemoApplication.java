package io.github.pgaispring.autoconfigure.slicefixtures;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The application of the test-slice tests, which the slices find by its annotation. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MemoApplication {

}
