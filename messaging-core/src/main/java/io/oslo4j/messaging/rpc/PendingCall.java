package io.oslo4j.messaging.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.oslo4j.messaging.MessagingTimeoutException;
import io.oslo4j.messaging.transport.PublishOutcome;
import io.oslo4j.messaging.wire.RpcReply;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One call waiting for its reply, registered under its message id in its {@link ReplyWaiter}'s
 * map: the reply consumer hands it each reply, its publish reports to it (as the outcome of a
 * request written at once, or as the subscriber of the publish's {@code Mono}), and its slot of {@link CallDeadlines} fails it at its deadline. Heartbeats, like
 * every reply, only restart the call-monitor timer; an old server's result sent ahead of an empty
 * final reply is kept. Whatever ends the call (its final reply, a failure, a timeout, a
 * cancellation) ends it once, and {@link #finish} cleans up in one place: the id removed, the
 * deadline left, the monitor timer cancelled. Outcomes are signalled outside any lock: the final
 * reply on the reply consumer's thread (a blocked caller is woken by that thread, with no hop
 * between), a timeout on Reactor's {@code parallel} timer, as {@code Mono#timeout} did.
 */
final class PendingCall implements CoreSubscriber<Void>, PublishOutcome, Runnable {

	private static final Scheduler TIMER = Schedulers.parallel();

	private static final CallDeadlines DEADLINES = new CallDeadlines(TIMER);

	private static final AtomicIntegerFieldUpdater<PendingCall> DONE =
			AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "done");

	private final String msgId;

	private final MonoSink<RpcReply> sink;

	private final @Nullable Duration monitor;

	private final Map<String, PendingCall> pending;

	private volatile int done;

	private volatile CallDeadlines.@Nullable Slot deadline;

	private volatile @Nullable Disposable monitorTimer;

	private volatile @Nullable Subscription publish;

	/** The request, once {@link #publish} sends it; seen by its outcome through the write's hand-over. */
	private @Nullable OutgoingRequest request;

	/** A result that came without {@code ending}, kept for the empty final reply; guarded by {@code this}. */
	private @Nullable RpcReply earlier;

	/**
	 * Registers the call and starts its deadline; the caller then subscribes it to the publish.
	 * @param monitor the call-monitor timeout, null for none; it runs from the publish on
	 */
	PendingCall(String msgId, MonoSink<RpcReply> sink, @Nullable Duration timeout, @Nullable Duration monitor,
			Map<String, PendingCall> pending) {
		this.msgId = msgId;
		this.sink = sink;
		this.monitor = monitor;
		this.pending = pending;
		pending.put(msgId, this);
		sink.onCancel(() -> {
			if (finish()) {
				cancelPublish();
			}
		});
		if (timeout != null) {
			this.deadline = DEADLINES.add(this, timeout);
			if (this.done != 0) {
				leaveDeadline();
			}
		}
	}

	/**
	 * Publishes the call's request: written at once when the driver can
	 * ({@link OutgoingRequest#tryNow}, an idle channel free), with this call as its outcome, and
	 * otherwise through its {@code Mono}, to which this call subscribes. Either way a publish that
	 * fails is retried as {@link CallOptions#retry()} says, and a cancelled call stops what has not
	 * gone yet.
	 */
	void publish(OutgoingRequest request) {
		this.request = request;
		boolean written;
		try {
			written = request.tryNow(this);
		}
		catch (RuntimeException ex) {
			failed(ex);
			return;
		}
		if (!written) {
			request.publish().subscribe(this);
		}
	}

	/** The request written at once is published: as {@link #onComplete()}. */
	@Override
	public void published() {
		onComplete();
	}

	/**
	 * Yes, for a call without a call-monitor timeout: being published then changes nothing, and the
	 * caller hears nothing until the reply. (With one, the monitor's timer starts, which fails the
	 * call if the timer refuses it: that is told on the confirm thread.)
	 */
	@Override
	public boolean publishedInline() {
		return this.monitor == null;
	}

	/** The request written at once failed: retried, as its {@code Mono} would have been, or the call fails. */
	@Override
	public void failed(Throwable failure) {
		OutgoingRequest request = this.request;
		Mono<Void> retried = (request != null && this.done == 0) ? request.retryAfter(failure) : null;
		if (retried != null) {
			retried.subscribe(this);
		}
		else {
			fail(failure);
		}
	}

	/** The driver goes on with the request written at once; then retried as its {@code Mono} would have been. */
	@Override
	public void continueWith(Mono<Void> rest) {
		OutgoingRequest request = this.request;
		if (request != null && this.done == 0) {
			request.continuing(rest).subscribe(this);
		}
	}

	/** One reply for this call, on the reply consumer's thread. */
	void onReply(RpcReply reply) {
		RpcReply answer;
		synchronized (this) {
			if (this.done != 0) {
				return;
			}
			restartMonitor();
			if (reply.isHeartbeat()) {
				return;
			}
			RpcReply kept = this.earlier;
			answer = (kept != null && reply.result().isNull() && reply.failure() == null)
					? new RpcReply(kept.result(), kept.failure(), reply.ending(), reply.msgId(), reply.uniqueId()) : reply;
			if (!answer.ending()) {
				this.earlier = answer;
				return;
			}
		}
		if (finish()) {
			this.sink.success(answer);
		}
	}

	/** Fails the call, unless it has ended already; a timeout or a failed publish. */
	void fail(Throwable failure) {
		if (finish()) {
			cancelPublish();
			this.sink.error(failure);
		}
	}

	/** The deadline. */
	@Override
	public void run() {
		fail(new MessagingTimeoutException("Timed out waiting for a reply to message ID " + this.msgId));
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.publish = subscription;
		if (this.done != 0) {
			subscription.cancel();
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(Void nothing) {
	}

	@Override
	public void onError(Throwable failure) {
		this.publish = null;
		fail(failure);
	}

	/** Published: the call-monitor timer starts. */
	@Override
	public void onComplete() {
		this.publish = null;
		synchronized (this) {
			if (this.done == 0) {
				restartMonitor();
			}
		}
	}

	private void restartMonitor() {
		Duration monitor = this.monitor;
		if (monitor == null) {
			return;
		}
		Disposable previous = this.monitorTimer;
		this.monitorTimer = schedule(this::monitorExpired, monitor);
		if (previous != null) {
			previous.dispose();
		}
	}

	private void monitorExpired() {
		Duration monitor = this.monitor;
		fail(new MessagingTimeoutException("Timed out waiting for a reply to message ID " + this.msgId
				+ ": no heartbeat within the call monitor timeout of "
				+ ((monitor != null) ? monitor.toMillis() / 1000.0 : 0) + " s"));
	}

	/**
	 * A timer task; one the timer refuses (it is disposed of) fails the call, as
	 * {@code Mono#timeout} would. A task scheduled as the call ends is cancelled at once, so that
	 * nothing keeps an ended call until its deadline.
	 */
	private Disposable schedule(Runnable task, Duration delay) {
		Disposable scheduled;
		try {
			scheduled = TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			fail(ex);
			return () -> {
			};
		}
		if (this.done != 0) {
			scheduled.dispose();
		}
		return scheduled;
	}

	/** Ends the call: true for the one caller that does, which then signals the outcome. */
	private boolean finish() {
		if (!DONE.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.pending.remove(this.msgId, this);
		leaveDeadline();
		dispose(this.monitorTimer);
		return true;
	}

	private void leaveDeadline() {
		CallDeadlines.Slot slot = this.deadline;
		if (slot != null) {
			slot.leave(this);
		}
	}

	private void cancelPublish() {
		Subscription subscription = this.publish;
		if (subscription != null) {
			this.publish = null;
			subscription.cancel();
		}
	}

	private static void dispose(@Nullable Disposable task) {
		if (task != null) {
			task.dispose();
		}
	}

}
