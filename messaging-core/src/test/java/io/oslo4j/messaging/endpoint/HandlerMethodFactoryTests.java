package io.oslo4j.messaging.endpoint;

import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One introspection for RPC and notification endpoints: the class the user wrote behind Spring's
 * proxies, the methods it declares, and a handler that binds and calls one of them.
 */
class HandlerMethodFactoryTests {

	private final HandlerMethodFactory<String> factory = new HandlerMethodFactory<>("test endpoint method",
			List.of(ParameterResolver.ofType(String.class, (input) -> input)), (parameter) -> "take a String");

	@Test
	void theUserClassIsFoundBehindACglibProxy() {
		Object proxy = cglibProxy(new Hosts());
		assertThat(proxy.getClass()).isNotEqualTo(Hosts.class);
		assertThat(HandlerMethodFactory.userClass(proxy)).isEqualTo(Hosts.class);
	}

	@Test
	void theUserClassIsFoundBehindAJdkProxy() {
		Object proxy = jdkProxy(new Hosts());
		assertThat(HandlerMethodFactory.userClass(proxy)).isEqualTo(Hosts.class);
	}

	@Test
	void theMethodsAreTheUsersOwnSortedByName() {
		assertThat(HandlerMethodFactory.methods(Hosts.class)).extracting(Method::getName)
			.containsExactly("describe", "greet", "hidden", "inherited", "shout", "staticHelper");
	}

	@Test
	void objectsMethodsAndTheirOverridesAreNeverEndpointMethods() {
		assertThat(HandlerMethodFactory.methods(Hosts.class)).extracting(Method::getName)
			.doesNotContain("toString", "equals", "hashCode", "getClass", "wait", "notify");
	}

	@Test
	void aHandlerBindsItsParametersThroughTheChainAndCallsTheMethod() throws Exception {
		HandlerMethod<String> handler = this.factory.create(new Hosts(), Hosts.class.getMethod("greet", String.class));
		assertThat(handler.name()).isEqualTo("greet");
		assertThat(handler.signature()).isEqualTo("Hosts.greet(String)");
		assertThat(handler).hasToString("Hosts.greet");
		StepVerifier.create(handler.invoke("h1")).expectNext("hello h1").verifyComplete();
	}

	@Test
	void aHandlerOfAProxiedBeanCallsThroughTheProxy() throws Exception {
		Method greet = Hosts.class.getMethod("greet", String.class);
		StepVerifier.create(this.factory.create(cglibProxy(new Hosts()), greet).invoke("c")).expectNext("hello c")
			.verifyComplete();
		StepVerifier.create(this.factory.create(jdkProxy(new Hosts()), greet).invoke("j")).expectNext("hello j")
			.verifyComplete();
	}

	@Test
	void aMethodThatAJdkProxyDoesNotExposeIsRefused() throws Exception {
		Method shout = Hosts.class.getMethod("shout", String.class);
		assertThatExceptionOfType(EndpointDefinitionException.class)
			.isThrownBy(() -> this.factory.create(jdkProxy(new Hosts()), shout))
			.withMessageContaining("Test endpoint method Hosts.shout(String)")
			.withMessageContaining("proxyTargetClass");
	}

	@Test
	void aPublicMethodOfAPackagePrivateClassIsCalled() throws Exception {
		Method served = PackagePrivate.class.getMethod("served");
		StepVerifier.create(this.factory.create(new PackagePrivate(), served).invoke("")).expectNext("served")
			.verifyComplete();
	}

	@Test
	void theMethodsExceptionIsTheError() throws Exception {
		HandlerMethod<String> handler = this.factory.create(new Hosts(), Hosts.class.getMethod("describe", String.class));
		StepVerifier.create(handler.invoke("x")).expectErrorMessage("no description of x").verify();
	}

	@Test
	void anInvocationNamesTheMethodAndCountsItsBlockingCalls() throws Exception {
		HandlerMethod<String> handler = this.factory.create(new Hosts(), Hosts.class.getMethod("greet", String.class));
		var invocation = handler.invocation(handler.invoke("i"));
		assertThat(invocation.asynchronous()).isFalse();
		assertThat(invocation.description()).isEqualTo("Hosts.greet");
		invocation.blockingCallCaught();
		assertThat(handler.blockingCalls()).isOne();
		StepVerifier.create(invocation.invoke()).expectNext("hello i").verifyComplete();
	}

	private static Object cglibProxy(Object target) {
		ProxyFactory proxies = new ProxyFactory(target);
		proxies.setProxyTargetClass(true);
		return proxies.getProxy();
	}

	private static Object jdkProxy(Object target) {
		ProxyFactory proxies = new ProxyFactory(target);
		proxies.setInterfaces(Greeter.class);
		return proxies.getProxy();
	}

	public interface Greeter {

		String greet(String name);

	}

	public static class Base {

		public String inherited() {
			return "inherited";
		}

	}

	public static class Hosts extends Base implements Greeter {

		@Override
		public String greet(String name) {
			return "hello " + name;
		}

		public String shout(String name) {
			return name.toUpperCase();
		}

		public String describe(String name) {
			throw new IllegalStateException("no description of " + name);
		}

		String hidden() {
			return "hidden";
		}

		public static String staticHelper() {
			return "static";
		}

		@Override
		public String toString() {
			return "hosts";
		}

	}

	static class PackagePrivate {

		public String served() {
			return "served";
		}

	}

}
