package io.oslo4j.messaging.boot.autoconfigure;

import io.oslo4j.messaging.executor.MessagingExecutor;
import io.oslo4j.messaging.executor.MessagingExecutors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The {@link MessagingExecutor} of {@code messaging.executor}, on the task executor that runs
 * endpoint methods (platform or virtual threads, none under {@code reactive}), the scheduler of
 * {@code Mono} methods under greenio and the scheduler that publishes replies; each backs off when
 * the application defines its own under the same name.
 */
@Configuration(proxyBeanMethods = false)
class MessagingExecutorConfiguration {

	@Bean
	SchedulerDisposer messagingSchedulerDisposer(Environment environment) {
		return new SchedulerDisposer(MessagingAutoConfiguration.shutdownTimeout(environment));
	}

	@Bean(name = MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	@Conditional(OnWorkerExecutorCondition.class)
	ThreadPoolTaskExecutor messagingTaskExecutor(MessagingProperties properties) {
		int poolSize = OsloSettings.executorThreadPoolSize(properties);
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(poolSize);
		executor.setMaxPoolSize(poolSize);
		executor.setAllowCoreThreadTimeOut(true);
		executor.setThreadNamePrefix("oslo4j-worker-");
		// Requests taken before shutdown still run while the RPC server drains them.
		executor.setAcceptTasksAfterContextClose(true);
		return executor;
	}

	@Bean(name = MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	@Conditional(OnWorkerExecutorCondition.class)
	VirtualThreadTaskExecutor messagingTaskExecutorVirtualThreads() {
		return new VirtualThreadTaskExecutor("oslo4j-worker-");
	}

	@Bean(name = MessagingAutoConfiguration.REACTIVE_SCHEDULER_BEAN_NAME, destroyMethod = "")
	@ConditionalOnMissingBean(name = MessagingAutoConfiguration.REACTIVE_SCHEDULER_BEAN_NAME)
	Scheduler messagingReactiveScheduler(SchedulerDisposer disposer) {
		return disposer.register(Schedulers.newParallel("oslo4j-greenio", Runtime.getRuntime().availableProcessors(), true));
	}

	@Bean(name = MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME, destroyMethod = "")
	@ConditionalOnMissingBean(name = MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME)
	Scheduler messagingReplyScheduler(SchedulerDisposer disposer) {
		int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		return disposer.register(Schedulers.newBoundedElastic(threads, Integer.MAX_VALUE, "oslo4j-reply", 60, true));
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	MessagingExecutor messagingExecutor(MessagingProperties properties,
			@Qualifier(MessagingAutoConfiguration.TASK_EXECUTOR_BEAN_NAME) ObjectProvider<TaskExecutor> taskExecutor,
			@Qualifier(MessagingAutoConfiguration.REACTIVE_SCHEDULER_BEAN_NAME) Scheduler reactiveScheduler,
			@Qualifier(MessagingAutoConfiguration.REPLY_SCHEDULER_BEAN_NAME) Scheduler replyScheduler) {
		MessagingExecutors.Builder builder = MessagingExecutors.builder(properties.getExecutor());
		// None under executor reactive, which needs no worker.
		taskExecutor.ifAvailable(builder::taskExecutor);
		return builder
			.reactiveScheduler(reactiveScheduler)
			.replyScheduler(replyScheduler)
			.slowCallbackThreshold(properties.getGreenio().getSlowCallbackThreshold())
			.blockingDetection(properties.getGreenio().getDetectBlocking())
			.build();
	}

}
