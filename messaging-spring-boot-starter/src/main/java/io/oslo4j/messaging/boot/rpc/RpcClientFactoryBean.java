package io.oslo4j.messaging.boot.rpc;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.util.Assert;

/**
 * Makes the bean of one client interface with the context's {@link RpcClientProxyFactory}.
 *
 * @param <T> the client interface
 */
final class RpcClientFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

	private final Class<T> type;

	private @Nullable BeanFactory beanFactory;

	RpcClientFactoryBean(Class<T> type) {
		this.type = type;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public T getObject() {
		Assert.state(this.beanFactory != null, "No BeanFactory");
		return this.beanFactory.getBean(RpcClientProxyFactory.class).createClient(this.type);
	}

	@Override
	public Class<T> getObjectType() {
		return this.type;
	}

}
