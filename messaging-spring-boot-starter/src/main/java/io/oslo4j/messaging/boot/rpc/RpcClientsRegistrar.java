package io.oslo4j.messaging.boot.rpc;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers the client interfaces that {@link EnableRpcClients} names or finds, one bean each, named
 * after the interface's fully qualified name.
 */
final class RpcClientsRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware, BeanClassLoaderAware {

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(EnableRpcClients.class.getName());
		if (attributes == null) {
			return;
		}
		Set<Class<?>> clients = new LinkedHashSet<>();
		for (Class<?> client : (Class<?>[]) attributes.get("clients")) {
			clients.add(client);
		}
		if (clients.isEmpty()) {
			for (String basePackage : basePackages(metadata, attributes)) {
				for (BeanDefinition candidate : scanner().findCandidateComponents(basePackage)) {
					clients.add(ClassUtils.resolveClassName(candidate.getBeanClassName(), this.classLoader));
				}
			}
		}
		clients.forEach((client) -> register(client, registry));
	}

	private static Set<String> basePackages(AnnotationMetadata metadata, Map<String, @Nullable Object> attributes) {
		Set<String> packages = new LinkedHashSet<>();
		for (String name : (String[]) attributes.get("basePackages")) {
			packages.add(name);
		}
		for (Class<?> type : (Class<?>[]) attributes.get("basePackageClasses")) {
			packages.add(type.getPackageName());
		}
		if (packages.isEmpty()) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		return packages;
	}

	private ClassPathScanningCandidateComponentProvider scanner() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				(this.environment != null) ? this.environment : new org.springframework.core.env.StandardEnvironment()) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
				return beanDefinition.getMetadata().isInterface() && beanDefinition.getMetadata().isIndependent();
			}

		};
		if (this.resourceLoader != null) {
			scanner.setResourceLoader(this.resourceLoader);
		}
		scanner.addIncludeFilter(new AnnotationTypeFilter(RpcClientInterface.class, false, true));
		return scanner;
	}

	private static void register(Class<?> client, BeanDefinitionRegistry registry) {
		if (!client.isInterface()) {
			throw new IllegalArgumentException("@EnableRpcClients names " + client.getName()
					+ ", which is not an interface; a typed RPC client is an interface annotated with @RpcClientInterface");
		}
		if (registry.containsBeanDefinition(client.getName())) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(RpcClientFactoryBean.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, client);
		definition.setTargetType(ResolvableType.forClassWithGenerics(RpcClientFactoryBean.class, client));
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, client);
		registry.registerBeanDefinition(client.getName(), definition);
	}

}
