package io.github.pgaispring.autoconfigure.jpafixtures;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with one vectorized entity and every auto-configuration, as users have it. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class NoteApplication {

}
