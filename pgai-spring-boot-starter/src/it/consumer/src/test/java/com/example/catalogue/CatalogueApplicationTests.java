package com.example.catalogue;

import java.time.Duration;
import java.util.List;

import io.github.pgaispring.progress.VectorizerAwaiter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CatalogueApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	ProductRepository products;

	@Autowired
	VectorizerAwaiter awaiter;

	@Test
	void productsAreFoundByMeaningOnceEmbedded() {
		this.products.saveAll(List.of(
				new Product("Espresso machine", "Brews strong coffee under pressure and steams milk for cappuccino."),
				new Product("Trail running shoes", "Light shoes with a grippy sole for muddy mountain paths."),
				new Product("Cast iron skillet", "A heavy pan that sears steaks and bakes cornbread in the oven."),
				new Product("Tent", "A two-person shelter for camping, waterproof in heavy rain.")));

		// the worker embeds committed rows in the background; wait for the rows queued so far
		this.awaiter.awaitEmbedded("products_description", Duration.ofMinutes(2));

		List<String> names = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/products/search?q={q}&k=2", "something to make a latte at home")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(names).hasSize(2).first().isEqualTo("Espresso machine");
	}

}
