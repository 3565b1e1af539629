package io.oslo4j.messaging.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.oslo4j.messaging.notify.RoutingConfig;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code messaging.notification.routing-config}, oslo's {@code routing_config}: the YAML file
 * of the {@code routing} driver, loaded safely (plain maps and lists, as oslo's
 * {@code yaml.safe_load}) from a file path, as in oslo, or a resource location
 * ({@code classpath:}, {@code file:}, a URL).
 */
final class RoutingConfigFile {

	private RoutingConfigFile() {
	}

	/**
	 * @throws InvalidConfigurationPropertyValueException when the property is not set, the file
	 * cannot be read or parsed, or names what the routing driver cannot route to
	 */
	static RoutingConfig load(MessagingProperties properties, ResourceLoader resources) {
		String property = OsloProperties.propertyName(OsloOptions.find(OsloOption.NOTIFICATIONS, "routing_config")
			.orElseThrow());
		String location = properties.getNotification().getRoutingConfig();
		if (!StringUtils.hasText(location)) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"the routing notification driver needs its YAML routing configuration: set " + property
							+ " to its file, or choose other drivers in messaging.notification.driver");
		}
		if (!ClassUtils.isPresent("org.yaml.snakeyaml.Yaml", RoutingConfigFile.class.getClassLoader())) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"reading it needs SnakeYAML, which is not on the classpath: add org.yaml:snakeyaml");
		}
		// A plain path is a file, as in oslo; classpath:, file: and URLs are resources.
		Resource resource = ResourceUtils.isUrl(location.trim()) ? resources.getResource(location.trim())
				: new FileSystemResource(location.trim());
		try (InputStream in = resource.getInputStream()) {
			Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			if (loaded != null && !(loaded instanceof Map<?, ?>)) {
				throw new IllegalArgumentException("the file must map group names to drivers, was " + loaded);
			}
			return RoutingConfig.of((@Nullable Map<?, ?>) loaded);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"the routing configuration cannot be read (" + ex.getMessage() + "): give the path of a "
							+ "readable file, or a resource location such as classpath:routing.yaml");
		}
		catch (YAMLException | IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, location,
					"the routing configuration is not one the routing driver can use: " + ex.getMessage());
		}
	}

}
