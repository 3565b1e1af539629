package io.oslo4j.messaging.boot.env;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.oslo4j.messaging.boot.autoconfigure.OsloProperties;
import io.oslo4j.messaging.options.InvalidOptionException;
import io.oslo4j.messaging.options.OsloOption;
import io.oslo4j.messaging.options.OsloOptions;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.FileSystemResource;

/**
 * The messaging options of OpenStack configuration files as {@code messaging.*} properties, each
 * value with the file and line it came from. Every option of oslo4j's catalog is read
 * ({@code [DEFAULT]}'s RPC options, {@code [oslo_messaging_rabbit]},
 * {@code [oslo_messaging_notifications]}), under its name or a deprecated one; any other key or
 * section belongs to another library and is ignored. Files combine as in oslo.config: a
 * single-valued option takes its value from the last file that sets it (the last time it is set
 * there); the multi-valued {@code driver} gathers the values of every file in order.
 */
final class OsloConfigProperties {

	/** oslo.config's {@code MultiStrOpt}s among the options read. */
	private static final Set<String> MULTI_VALUED = Set.of(OsloOption.NOTIFICATIONS + "/driver");

	private OsloConfigProperties() {
	}

	/**
	 * The properties of the options the files set.
	 * @param files in the order given: later ones win
	 * @throws InvalidOptionException for a value oslo refuses, naming the file and line
	 */
	static Map<String, Object> of(List<OsloConfigFile> files) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (OsloOption option : OsloOptions.all()) {
			found(option, files).ifPresent((setting) -> {
				check(option, setting);
				properties.put(OsloProperties.propertyName(option),
						OriginTrackedValue.of(setting.text(), origin(setting.file(), setting.line())));
			});
		}
		OsloOption driver = OsloOptions.find(OsloOption.NOTIFICATIONS, "driver").orElseThrow();
		// oslo's default driver is none: a service whose file sets none sends no notification.
		properties.putIfAbsent(OsloProperties.propertyName(driver),
				OriginTrackedValue.of("noop", origin(files.get(files.size() - 1), 0)));
		return properties;
	}

	private static Optional<Setting> found(OsloOption option, List<OsloConfigFile> files) {
		List<String> names = new ArrayList<>();
		names.add(option.name());
		names.addAll(option.deprecatedNames());
		if (MULTI_VALUED.contains(option.group() + "/" + option.name())) {
			return gathered(option, names, files);
		}
		for (int i = files.size() - 1; i >= 0; i--) {
			OsloConfigFile file = files.get(i);
			for (String name : names) {
				Optional<OsloConfigFile.Value> value = file.last(option.group(), name);
				if (value.isPresent()) {
					return Optional.of(new Setting(value.get().text(), file, value.get().line()));
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<Setting> gathered(OsloOption option, List<String> names, List<OsloConfigFile> files) {
		List<String> texts = new ArrayList<>();
		@Nullable Setting first = null;
		for (OsloConfigFile file : files) {
			for (String name : names) {
				for (OsloConfigFile.Value value : file.values(option.group(), name)) {
					texts.add(value.text());
					if (first == null) {
						first = new Setting(value.text(), file, value.line());
					}
				}
			}
		}
		if (first == null) {
			return Optional.empty();
		}
		String joined = texts.stream().map(String::strip).filter((text) -> !text.isEmpty())
			.collect(Collectors.joining(","));
		return Optional.of(new Setting(joined, first.file(), first.line()));
	}

	private static void check(OsloOption option, Setting setting) {
		try {
			option.convert(setting.text());
		}
		catch (InvalidOptionException ex) {
			throw new InvalidOptionException(option.name(), ex.getMessage() + " (" + option.qualifiedName() + " in "
					+ setting.file().path() + ", line " + setting.line() + ")");
		}
	}

	private static TextResourceOrigin origin(OsloConfigFile file, int line) {
		return new TextResourceOrigin(new FileSystemResource(file.path()),
				(line > 0) ? new TextResourceOrigin.Location(line - 1, 0) : null);
	}

	/** Where an option's value was found. */
	private record Setting(String text, OsloConfigFile file, int line) {
	}

}
