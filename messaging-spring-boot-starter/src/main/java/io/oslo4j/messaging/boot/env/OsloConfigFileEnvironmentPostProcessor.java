package io.oslo4j.messaging.boot.env;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the OpenStack configuration files named by {@code messaging.oslo-config-file} (such as
 * {@code /etc/nova/nova.conf}; several, comma-separated or as a list, later ones winning) and adds
 * their messaging options as {@code messaging.*} properties of the lowest precedence, so that a Java
 * service runs with its deployment's own file and any {@code messaging.*} property set elsewhere
 * wins. Runs after the application's configuration files are loaded, which may name the files.
 *
 * @since 0.2
 */
public class OsloConfigFileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property naming the files. */
	public static final String FILES_PROPERTY = "messaging.oslo-config-file";

	/** The name of the property source of the files' options. */
	public static final String PROPERTY_SOURCE_NAME = "osloConfigFiles";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		List<String> names = Binder.get(environment)
			.bind(FILES_PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.map(String::strip)
			.filter((name) -> !name.isEmpty())
			.toList();
		if (names.isEmpty()) {
			return;
		}
		List<OsloConfigFile> files = names.stream().map(OsloConfigFileEnvironmentPostProcessor::path)
			.map(OsloConfigFile::read)
			.toList();
		environment.getPropertySources()
			.addLast(new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, OsloConfigProperties.of(files)));
	}

	/** As oslo.config's {@code _fixpath}: {@code ~} is the user's home, and relative paths are absolute. */
	private static Path path(String name) {
		String expanded = name.startsWith("~") ? System.getProperty("user.home") + name.substring(1) : name;
		return Path.of(expanded).toAbsolutePath();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
