package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.executor.ExecutorKind;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code messaging.executor} is {@code reactive}, which runs no endpoint method on
 * a worker: then no task executor is created.
 */
class OnWorkerExecutorCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String name = Binder.get(context.getEnvironment()).bind("messaging.executor", String.class).orElse("eventlet");
		ExecutorKind kind;
		try {
			kind = ExecutorKind.fromName(name);
		}
		catch (IllegalArgumentException ex) {
			// Binding messaging.executor fails start-up with the allowed names; nothing to decide here.
			return ConditionOutcome.match("messaging.executor '" + name + "' is not known");
		}
		return (kind == ExecutorKind.REACTIVE)
				? ConditionOutcome.noMatch("messaging.executor is reactive, which needs no worker")
				: ConditionOutcome.match("messaging.executor is " + kind.configName() + ", which runs methods on workers");
	}

}
