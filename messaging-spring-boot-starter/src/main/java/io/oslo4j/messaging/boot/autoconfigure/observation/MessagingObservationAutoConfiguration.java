package io.oslo4j.messaging.boot.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import io.oslo4j.messaging.boot.observation.ObservationRpcObserver;
import io.oslo4j.messaging.boot.observation.RpcClientObservationConvention;
import io.oslo4j.messaging.boot.observation.RpcServerObservationConvention;
import io.oslo4j.messaging.rpc.RpcObserver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Micrometer observations of RPC calls, when Micrometer's Observation API is
 * on the classpath and the application has an {@link ObservationRegistry}: an
 * {@link ObservationRpcObserver} that the auto-configured server and client use. A
 * {@link RpcServerObservationConvention} or {@link RpcClientObservationConvention} bean replaces the
 * default convention.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, RpcObserver.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class MessagingObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RpcObserver.class)
	ObservationRpcObserver messagingObservationRpcObserver(ObservationRegistry registry,
			ObjectProvider<RpcServerObservationConvention> serverConvention,
			ObjectProvider<RpcClientObservationConvention> clientConvention) {
		return new ObservationRpcObserver(registry, serverConvention.getIfUnique(), clientConvention.getIfUnique());
	}

}
