package io.oslo4j.sample.compute;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A compute-like service on oslo4j: RPC endpoints (some blocking, some reactive), a notification
 * endpoint, and a demonstration that calls them and prints what happened.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class ComputeSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ComputeSampleApplication.class, args);
	}

}
