package io.oslo4j.sample.compute;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the start-up demonstration.
 *
 * @param enabled whether the demonstration runs at start-up
 * @param calls how many concurrent calls each method of the comparison receives
 * @param exit whether the application exits once the demonstration is done
 */
@ConfigurationProperties("sample.demo")
public record DemoProperties(boolean enabled, int calls, boolean exit) {

	public DemoProperties {
		if (calls < 1) {
			calls = 500;
		}
	}

}
