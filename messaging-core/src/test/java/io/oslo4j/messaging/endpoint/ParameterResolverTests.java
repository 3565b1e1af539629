package io.oslo4j.messaging.endpoint;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parameters get their values from an ordered chain of resolvers, asked once per parameter when
 * the endpoint is introspected: by type, by name (Java's or oslo's snake_case), by annotation.
 */
class ParameterResolverTests {

	private static final List<ParameterResolver<Event>> CHAIN = List.of(
			ParameterResolver.annotated(Body.class, (parameter) -> Event::payload),
			ParameterResolver.ofType(Integer.class, Event::priority),
			ParameterResolver.named(Names.PUBLISHER_ID, ParameterResolver.ofType(String.class, Event::publisherId)),
			ParameterResolver.named(Names.EVENT_TYPE, ParameterResolver.ofType(String.class, Event::eventType)));

	private final HandlerMethodFactory<Event> factory = new HandlerMethodFactory<>("event method", CHAIN,
			(parameter) -> "bind it by type or by name");

	private final Event event = new Event(3, "compute.host1", "instance.create", "body");

	@Test
	void eachParameterIsBoundByTheFirstResolverThatKnowsIt() {
		assertThat(call("typed")).isEqualTo("3/compute.host1/instance.create");
	}

	@Test
	void aNameAnswersInJavasFormAndInOslosSnakeCase() {
		assertThat(call("snake")).isEqualTo("compute.host1/instance.create");
	}

	@Test
	void anAnnotationComesBeforeTypeAndName() {
		assertThat(call("annotated")).isEqualTo("body");
	}

	@Test
	void aNameMatchesOnlyWithTheTypeItsResolverWants() {
		assertThatExceptionOfType(EndpointDefinitionException.class).isThrownBy(() -> call("wrongType"))
			.withMessage("Parameter 'publisherId' (java.lang.Long) of event method Handlers.wrongType(Long) cannot be "
					+ "bound: bind it by type or by name");
	}

	@Test
	void aParameterNoResolverKnowsIsRefusedWithTheChainsFix() {
		assertThatExceptionOfType(EndpointDefinitionException.class).isThrownBy(() -> call("unknown"))
			.withMessageContaining("Parameter 'host' (java.lang.String)")
			.withMessageContaining("Handlers.unknown(String)")
			.withMessageContaining("bind it by type or by name");
	}

	@Test
	void javaNamesAreMappedToSnakeCaseAsPythonWritesThem() {
		assertThat(Names.snakeCase("getHostInfo")).isEqualTo("get_host_info");
		assertThat(Names.snakeCase("resizeVM")).isEqualTo("resize_vm");
		assertThat(Names.snakeCase("getVMInfo")).isEqualTo("get_vm_info");
		assertThat(Names.snakeCase("already_snake")).isEqualTo("already_snake");
		assertThat(Names.matches("publisherId", Names.PUBLISHER_ID)).isTrue();
		assertThat(Names.matches("publisher_id", Names.PUBLISHER_ID)).isTrue();
		assertThat(Names.matches("publisher", Names.PUBLISHER_ID)).isFalse();
	}

	private Object call(String name) {
		return this.factory.create(new Handlers(), method(name)).invoke(this.event).block();
	}

	private static Method method(String name) {
		for (Method method : Handlers.class.getMethods()) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	record Event(Integer priority, String publisherId, String eventType, String payload) {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.PARAMETER)
	@interface Body {

	}

	public static class Handlers {

		public String typed(Integer priority, String publisherId, String eventType) {
			return priority + "/" + publisherId + "/" + eventType;
		}

		public String snake(String publisher_id, String event_type) {
			return publisher_id + "/" + event_type;
		}

		public String annotated(@Body String eventType) {
			return eventType;
		}

		public String wrongType(Long publisherId) {
			return "never";
		}

		public String unknown(String host) {
			return "never";
		}

	}

}
