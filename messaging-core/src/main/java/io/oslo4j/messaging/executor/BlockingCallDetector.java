package io.oslo4j.messaging.executor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches blocking calls made while a greenio thread runs an endpoint method. BlockHound is
 * installed once per JVM (it instruments the JDK); it then asks {@link #inScope(Thread)} on every
 * blocking call, and only calls made inside a {@link Scope} are reported, so that installing it
 * changes nothing for the rest of the application.
 */
final class BlockingCallDetector {

	private static final Logger logger = LoggerFactory.getLogger(BlockingCallDetector.class);

	private static final ThreadLocal<@Nullable Scope> CURRENT = new ThreadLocal<>();

	private static boolean installed;

	/** Why installing failed: BlockHound installs once per JVM, so a second attempt would do nothing. */
	private static @Nullable IllegalStateException installFailure;

	private BlockingCallDetector() {
	}

	/**
	 * Installs BlockHound unless done already.
	 * @throws IllegalStateException naming the dependency or the JVM flag that is missing
	 */
	static synchronized void install() {
		if (installed) {
			return;
		}
		if (installFailure != null) {
			throw new IllegalStateException(installFailure.getMessage(), installFailure);
		}
		try {
			BlockHoundInstaller.install();
		}
		catch (NoClassDefFoundError ex) {
			// BlockHound is an optional dependency: its classes are missing, not this one.
			installFailure = new IllegalStateException("Blocking-call detection needs BlockHound on the class path: add "
					+ "io.projectreactor.tools:blockhound (a test dependency is enough), or turn detection off "
					+ "(messaging.greenio.detect-blocking=false)", ex);
			throw installFailure;
		}
		catch (RuntimeException ex) {
			installFailure = new IllegalStateException("Blocking-call detection could not install BlockHound ("
					+ ex.getMessage() + "); on JDK 13 and later the JVM needs -XX:+AllowRedefinitionToAddDeleteMethods",
					ex);
			throw installFailure;
		}
		installed = true;
	}

	/** Starts watching the current thread, which runs {@code invocation}, until {@link Scope#close()}. */
	static Scope enter(Invocation<?> invocation, boolean fail) {
		Scope scope = new Scope(invocation, fail, CURRENT.get());
		CURRENT.set(scope);
		return scope;
	}

	/** BlockHound's question, on the blocking thread: must this thread not block now? */
	static boolean inScope(Thread thread) {
		Scope scope = CURRENT.get();
		return thread == Thread.currentThread() && scope != null && !scope.reporting;
	}

	/** BlockHound's report of a blocking call on a thread for which {@link #inScope} said yes. */
	static void caught(String className, String methodName) {
		Scope scope = CURRENT.get();
		if (scope != null) {
			scope.caught(className + "." + methodName);
		}
	}

	/** One endpoint method's hold of a greenio thread. Used by that thread only, but for {@link #failure()}. */
	static final class Scope implements AutoCloseable {

		private final Invocation<?> invocation;

		private final boolean fail;

		private final @Nullable Scope outer;

		private final List<Throwable> calls = new ArrayList<>();

		private boolean reporting;

		private volatile @Nullable BlockingCallException failure;

		private Scope(Invocation<?> invocation, boolean fail, @Nullable Scope outer) {
			this.invocation = invocation;
			this.fail = fail;
			this.outer = outer;
		}

		/** What failed the method under {@link BlockingDetection#FAIL}; null if nothing did. */
		@Nullable BlockingCallException failure() {
			return this.failure;
		}

		private void caught(String call) {
			this.reporting = true;
			try {
				this.invocation.blockingCallCaught();
				String thread = Thread.currentThread().getName();
				// Logged on close, once BlockHound's callback has returned: a logger may block.
				this.calls.add(new BlockingCallStack("Blocking call " + call + " in " + this.invocation.description()
						+ " on greenio thread " + thread));
				if (this.fail) {
					BlockingCallException ex = new BlockingCallException(this.invocation.description()
							+ " made a blocking call (" + call + ") on greenio thread " + thread
							+ ", where it stalls every reactive method; make the call reactive, move it off with "
							+ "subscribeOn(Schedulers.boundedElastic()), or return a plain value so that the method "
							+ "runs on a worker (blocking-call detection is set to fail)");
					if (this.failure == null) {
						this.failure = ex;
					}
					throw ex;
				}
			}
			finally {
				this.reporting = false;
			}
		}

		@Override
		public void close() {
			CURRENT.set(this.outer);
			for (Throwable call : this.calls) {
				logger.warn("{}: a Mono or CompletionStage method must not block; make the call reactive, move it "
						+ "off with subscribeOn(Schedulers.boundedElastic()), or return a plain value", call.getMessage(),
						call);
			}
		}

	}

	/** Carries the stack of a blocking call into the log. */
	private static final class BlockingCallStack extends Throwable {

		private static final long serialVersionUID = 1L;

		BlockingCallStack(String message) {
			super(message);
			// Start at the blocking call: the frames of the detection itself only hide it.
			StackTraceElement[] frames = getStackTrace();
			int first = 0;
			for (int i = 0; i < frames.length; i++) {
				if (frames[i].getClassName().startsWith("reactor.blockhound.")) {
					first = i + 1;
				}
			}
			setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
		}

	}

}
