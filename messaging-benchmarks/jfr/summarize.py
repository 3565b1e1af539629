#!/usr/bin/python3
"""Summarize a JFR recording of a benchmark round trip: where CPU samples and allocation go.

Usage:
    summarize.py RECORDING.jfr [--cpu-us-per-call US] [--skip-seconds S] [--jfr PATH] [--top N]

Reads `jfr print --stack-depth 256 --events ...` (text output, streamed; no third-party
modules) and prints:
  * jdk.ExecutionSample: top frames by self time, samples by thread (digits folded to N), and
    samples by bucket: each stack is walked from the leaf towards the root and the first frame
    that is not generic JDK code decides (see BUCKET RULES below). With --cpu-us-per-call (the
    `cpu_us_per_call` the benchmark command prints), each bucket's share is also shown in
    microseconds per call: share of Java samples x process CPU per call of the same run. CPU
    outside Java code (GC and JIT threads, time in the kernel) is not sampled by JFR and so is
    spread over the buckets in proportion.
  * jdk.ObjectAllocationSample: bytes (sum of the sample weights) by allocated class, by first
    oslo4j frame and by bucket.
  * jdk.GarbageCollection: count and total pause.

Samples from the first --skip-seconds of the recording (start-up, warm-up) are left out; with
--window S only the last S seconds are kept (the measured run, which ends right before the JVM
exits). Thread-name digits are folded to N.
"""

import argparse
import collections
import datetime
import json
import re
import subprocess
import sys

OSLO = "io.oslo4j.messaging."
BENCH = "io.oslo4j.messaging.benchmarks."

# BUCKET RULES: (bucket, predicate on "class.method") tried in order for each frame, leaf first.
# A frame that matches none and is JDK code is skipped; a frame that matches none and is not JDK
# code ends the walk in "other <library>".

def _oslo(*names):
	return tuple(OSLO + n for n in names)

LOGGING = ("org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "java.util.logging.")
CODEC = ("com.fasterxml.jackson.", "tools.jackson.") + _oslo("wire.", "serializer.", "objects.") + (
	"org.springframework.amqp.support.converter.",
	"org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter",
	"org.springframework.amqp.core.MessageProperties", "org.springframework.amqp.core.Message.",
	"org.springframework.amqp.core.MessageBuilder",
)
REPLY_WAIT = _oslo("rpc.ReplyWaiter", "rpc.PendingCall", "rpc.CallDeadlines",
		"transport.ReplyConsumer", "transport.rabbit.DirectReplyConsumer") + (
	"org.springframework.amqp.rabbit.AsyncRabbitTemplate$", "org.springframework.amqp.rabbit.RabbitFuture",
	"org.springframework.amqp.rabbit.RabbitMessageFuture",
)
DISPATCH = _oslo("rpc.RequestHandler", "rpc.RpcDispatcher", "rpc.RpcMethodTable", "rpc.RpcHandlerMethod",
		"rpc.CallInput", "rpc.RequestExecution", "rpc.ServedRequest", "rpc.AccessPolicy",
		"rpc.RequestedVersions", "rpc.FailureEncoder", "rpc.ExpectedExceptions", "rpc.Observing",
		"rpc.KeywordArgument", "endpoint.", "server.") + (
	"org.springframework.amqp.rabbit.listener.adapter.", "org.springframework.messaging.",
	"org.springframework.amqp.rabbit.listener.api.",
)
EXECUTOR = _oslo("executor.", "concurrent.") + (
	"java.util.concurrent.locks.LockSupport.", "jdk.internal.misc.Unsafe.park", "jdk.internal.misc.Unsafe.unpark",
	"java.util.concurrent.ThreadPoolExecutor.getTask", "java.util.concurrent.LinkedBlockingQueue.",
	"java.util.concurrent.ArrayBlockingQueue.", "java.util.concurrent.SynchronousQueue",
	"java.util.concurrent.locks.AbstractQueuedSynchronizer",
)
PUBLISH = _oslo("transport.rabbit.ConfirmChannel", "transport.rabbit.ConfirmCompletions",
		"transport.rabbit.ConfirmingPublisher", "transport.rabbit.PublishWait", "rpc.RequestSender",
		"rpc.ReplyPublisher", "transport.Transport", "transport.PublishRetry", "transport.PublishBackoff",
		"transport.OutgoingMessage", "transport.ReplyRetry", "transport.rabbit.OsloMessageProperties") + (
	"org.springframework.amqp.rabbit.core.RabbitTemplate", "org.springframework.amqp.rabbit.AsyncRabbitTemplate.",
	"org.springframework.amqp.rabbit.connection.",
	"com.rabbitmq.client.impl.ChannelN.basicPublish", "com.rabbitmq.client.impl.recovery.AutorecoveringChannel.basicPublish",
	"com.rabbitmq.client.impl.ChannelN.handleAck", "com.rabbitmq.client.impl.ChannelN.callConfirmListeners",
)
CONSUME = _oslo("transport.rabbit.QueueConsumer", "transport.rabbit.ListenerInbox",
		"transport.rabbit.RabbitListener", "transport.rabbit.RabbitDelivery", "transport.rabbit.ListenerChannels",
		"transport.rabbit.ListenerGroup", "transport.rabbit.ListenerState", "transport.rabbit.SilenceWatch",
		"transport.Delivery", "transport.Listener") + (
	"org.springframework.amqp.rabbit.listener.",
)
AMQP_DISPATCH = ("com.rabbitmq.client.impl.ConsumerDispatcher", "com.rabbitmq.client.impl.ConsumerWorkService",
		"com.rabbitmq.client.impl.WorkPool", "com.rabbitmq.client.impl.ChannelN$", "com.rabbitmq.client.impl.recovery.AutorecoveringChannel$",
		"com.rabbitmq.client.impl.ChannelN.processAsync", "com.rabbitmq.client.impl.ChannelN.processDelivery")
AMQP_WRITE_WORDS = ("write", "transmit", "flush", "toFrame", "Writer", "Output", "basicPublish", "AMQCommand.<init>")
AMQP_READ_WORDS = ("read", "Read", "MainLoop", "handleFrame", "handleCompleteInbound", "CommandAssembler", "Input", "Frame.")

JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


# the buckets decided by a frame's prefix alone, in the order they are tried
PREFIX_BUCKETS = (
	(LOGGING, "logging"),
	(BENCH, "benchmark harness (load generator, endpoint method)"),
	(CODEC, "codec (wire/*, Jackson, message converters)"),
	(REPLY_WAIT, "reply waiting (ReplyWaiter, PendingCall, reply futures)"),
	(DISPATCH, "dispatch (RequestHandler, RpcDispatcher, argument binding)"),
	(EXECUTOR, "executor hand-offs (executor/*, park/unpark, queues)"),
	(PUBLISH, "publish + confirm (oslo4j / Spring publish path)"),
	(CONSUME, "consume (oslo4j consumers, Spring listener container)"),
	(AMQP_DISPATCH, "amqp-client consumer dispatch"),
)


def bucket_of(frames, thread):
	"""The bucket of one stack (frames leaf first, each "package.Class.method")."""
	for f in frames:
		bucket = next((name for prefix, name in PREFIX_BUCKETS if f.startswith(prefix)), None)
		if bucket is not None:
			return bucket
		if f.startswith(OSLO + "transport.rabbit.OsloHeartbeatFrameHandler"):
			# oslo4j's wrapper of amqp-client's socket frame handler
			if any(w in f for w in AMQP_WRITE_WORDS):
				return "amqp-client frame writing"
			return "amqp-client frame reading"
		if f.startswith("com.rabbitmq."):
			if any(w in f for w in AMQP_WRITE_WORDS):
				return "amqp-client frame writing"
			if any(w in f for w in AMQP_READ_WORDS):
				return "amqp-client frame reading"
			return "amqp-client other"
		if f.startswith("reactor."):
			return "Reactor operators"
		if f.startswith(OSLO):
			return "oslo4j other (" + f[len(OSLO):].split("$")[0].rsplit(".", 1)[0] + ")"
		if f.startswith("org.springframework."):
			return "Spring other"
		if f.startswith("jdk.jfr."):
			return "JFR"
		if not f.startswith(JDK):
			return "other (" + ".".join(f.split(".")[:2]) + ")"
	return "JDK only (" + fold(thread) + ")"


def first_oslo_frame(frames):
	for f in frames:
		if f.startswith(OSLO) and not f.startswith(BENCH):
			return f[len(OSLO):]
	for f in frames:
		if f.startswith(BENCH):
			return f[len(OSLO):]
	return "(no oslo4j frame).-"


def fold(name):
	return re.sub(r"\d+", "N", name.replace("oslo4j", "OSLO")).replace("OSLO", "oslo4j")


FRAME = re.compile(r"^\s{4}(\S+?)\(.*\)\s+line:")
WEIGHT = re.compile(r"^\s*weight = ([\d.]+) (bytes|kB|MB|GB)")
UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
TIME = re.compile(r"^\s*startTime = (\d+):(\d+):([\d.]+)")


def events(jfr, recording, event):
	"""Yields dicts (time s, thread, class, weight, frames) of one event type."""
	cmd = [jfr, "print", "--stack-depth", "256", "--events", event, recording]
	proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
	cur = None
	for line in proc.stdout:
		if line.startswith(event + " {") or line.startswith("jdk.") and line.rstrip().endswith("{"):
			cur = {"frames": [], "thread": "?", "class": None, "weight": 0, "time": 0.0}
			continue
		if cur is None:
			continue
		if line.startswith("}"):
			yield cur
			cur = None
			continue
		m = FRAME.match(line)
		if m:
			cur["frames"].append(m.group(1))
			continue
		m = TIME.match(line)
		if m:
			cur["time"] = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
			continue
		m = WEIGHT.match(line)
		if m:
			cur["weight"] = float(m.group(1)) * UNITS[m.group(2)]
			continue
		s = line.strip()
		if s.startswith("sampledThread = ") or s.startswith("eventThread = "):
			cur["thread"] = s.split('"')[1] if '"' in s else s
		elif s.startswith("thread = "):
			cur["thread"] = s.split('"')[1] if '"' in s else s
		elif s.startswith("allocated = "):
			v, unit = s[len("allocated = "):].split()[:2]
			cur["allocated"] = float(v) * UNITS[unit]
		elif s.startswith("objectClass = "):
			cur["class"] = s[len("objectClass = "):].split(" (classLoader")[0]
		elif s.startswith("sumOfPauses = "):
			v, unit = s[len("sumOfPauses = "):].split()[:2]
			cur["pause_ms"] = float(v) * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1000}.get(unit, 1)
	proc.wait()


def thread_allocations(jfr, recording):
	"""jdk.ThreadAllocationStatistics from the JSON output (exact byte counts, no stacks)."""
	out = subprocess.run([jfr, "print", "--json", "--events", "jdk.ThreadAllocationStatistics", recording],
			stdout=subprocess.PIPE, text=True, check=True).stdout
	for e in json.loads(out)["recording"]["events"]:
		v = e["values"]
		t = datetime.datetime.fromisoformat(v["startTime"][:26].rstrip("Z"))
		thread = v["thread"]["javaName"] if v.get("thread") else "?"
		tid = v["thread"]["javaThreadId"] if v.get("thread") else 0
		yield {"time": t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6,
				"thread": thread, "tid": tid, "allocated": v["allocated"]}


def cpu_loads(jfr, recording):
	"""jdk.CPULoad: the JVM's user and system CPU and the machine's, as fractions of all CPUs."""
	out = subprocess.run([jfr, "print", "--json", "--events", "jdk.CPULoad", recording],
			stdout=subprocess.PIPE, text=True, check=True).stdout
	for e in json.loads(out)["recording"]["events"]:
		v = e["values"]
		t = datetime.datetime.fromisoformat(v["startTime"][:26].rstrip("Z"))
		yield {"time": t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6,
				"jvmUser": v["jvmUser"], "jvmSystem": v["jvmSystem"], "machineTotal": v["machineTotal"]}


def table(title, counter, total, per_call=None, top=None, unit="samples"):
	print("\n## " + title)
	rows = counter.most_common(top)
	if per_call is not None:
		print("| %s | %s | share | µs/call |" % ("what", unit))
		print("| --- | --- | --- | --- |")
	else:
		print("| %s | %s | share |" % ("what", unit))
		print("| --- | --- | --- |")
	for k, v in rows:
		share = v / total if total else 0
		shown = ("%.0f" % v) if unit == "samples" else ("%.1f MB" % (v / 1024 ** 2))
		if per_call is not None:
			print("| %s | %s | %.1f %% | %.1f |" % (k, shown, 100 * share, share * per_call))
		else:
			print("| %s | %s | %.1f %% |" % (k, shown, 100 * share))


WINDOW = None


def within(evs, skip):
	"""The events after the first `skip` seconds or, with --window, in the last WINDOW seconds."""
	evs = list(evs)
	if not evs:
		return evs
	if WINDOW:
		t1 = max(e["time"] for e in evs)
		return [e for e in evs if t1 - e["time"] <= WINDOW]
	t0 = min(e["time"] for e in evs)
	return [e for e in evs if e["time"] - t0 >= skip]


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("recording")
	ap.add_argument("--cpu-us-per-call", type=float)
	ap.add_argument("--calls-per-s", type=float, help="to give bytes per call from the allocation samples")
	ap.add_argument("--skip-seconds", type=float, default=3.0)
	ap.add_argument("--jfr", default="jfr")
	ap.add_argument("--top", type=int, default=25)
	ap.add_argument("--no-alloc", action="store_true")
	ap.add_argument("--window", type=float, help="keep only the last WINDOW seconds (the measured run: "
			"the benchmark commands print their JSON and exit right after it)")
	a = ap.parse_args()
	global WINDOW
	WINDOW = a.window

	samples = within(events(a.jfr, a.recording, "jdk.ExecutionSample"), a.skip_seconds)
	n = len(samples)
	print("# %s: %d execution samples %s" % (a.recording, n,
			("in the last %.0f s" % a.window) if a.window else ("after the first %.0f s" % a.skip_seconds)))
	self_time = collections.Counter(s["frames"][0] if s["frames"] else "?" for s in samples)
	threads = collections.Counter(fold(s["thread"]) for s in samples)
	buckets = collections.Counter(bucket_of(s["frames"], s["thread"]) for s in samples)
	firsts = collections.Counter(first_oslo_frame(s["frames"]).split("(")[0].rsplit(".", 1)[0] for s in samples)
	table("CPU by bucket", buckets, n, a.cpu_us_per_call)
	table("CPU by thread", threads, n, a.cpu_us_per_call, a.top)
	table("CPU, top frames (self)", self_time, n, a.cpu_us_per_call, a.top)
	table("CPU by first oslo4j class on the stack", firsts, n, a.cpu_us_per_call, a.top)
	cross = collections.Counter(fold(s["thread"]) + " / " + bucket_of(s["frames"], s["thread"]) for s in samples)
	table("CPU by thread and bucket", cross, n, a.cpu_us_per_call, 30)
	reactor = collections.Counter(first_oslo_frame(s["frames"]).split("(")[0] for s in samples
			if bucket_of(s["frames"], s["thread"]) == "Reactor operators")
	table("CPU in Reactor operators, by first oslo4j frame below them", reactor, n, a.cpu_us_per_call, 12)

	loads = within(cpu_loads(a.jfr, a.recording), a.skip_seconds)
	if loads:
		user = sum(e["jvmUser"] for e in loads) / len(loads)
		system = sum(e["jvmSystem"] for e in loads) / len(loads)
		machine = sum(e["machineTotal"] for e in loads) / len(loads)
		print("\n## jdk.CPULoad (mean of %d): JVM user %.1f %%, JVM system %.1f %% (system = %.0f %% of the JVM's CPU), "
				"machine %.1f %%" % (len(loads), 100 * user, 100 * system, 100 * system / (user + system), 100 * machine))

	gcs = list(events(a.jfr, a.recording, "jdk.GarbageCollection"))
	print("\n## GC: %d collections, total pause %.1f ms (whole recording)"
			% (len(gcs), sum(g.get("pause_ms", 0) for g in gcs)))

	if a.no_alloc:
		return
	stats = within(thread_allocations(a.jfr, a.recording), a.skip_seconds)
	if stats:
		first, last = {}, {}
		for e in stats:  # by thread id: two threads may share a name (amqp-client's connection threads)
			first.setdefault(e["tid"], e)
			last[e["tid"]] = e
		allocated = sum(last[t]["allocated"] - first[t]["allocated"] for t in last)
		span = max(e["time"] for e in stats) - min(e["time"] for e in stats)
		print("\n# jdk.ThreadAllocationStatistics: %.1f MB allocated by Java threads over %.1f s" % (allocated / 1024 ** 2, span))
		if a.calls_per_s and span:
			print("# about %.0f bytes per call (allocated / (calls/s x span))" % (allocated / (a.calls_per_s * span)))
		per_thread = collections.Counter()
		for t in last:
			per_thread[fold(last[t]["thread"])] += last[t]["allocated"] - first[t]["allocated"]
		table("allocation by thread (jdk.ThreadAllocationStatistics)", per_thread, allocated, top=12, unit="bytes")
	allocs = within(events(a.jfr, a.recording, "jdk.ObjectAllocationSample"), a.skip_seconds)
	total = sum(e["weight"] for e in allocs)
	span = (max(e["time"] for e in allocs) - min(e["time"] for e in allocs)) if allocs else 0
	print("\n# allocation: %d samples, %.1f MB sampled weight over %.1f s" % (len(allocs), total / 1024 ** 2, span))
	if a.calls_per_s and span:
		print("# about %.0f bytes per call (sampled weight / (calls/s x span))" % (total / (a.calls_per_s * span)))
	by_class = collections.Counter()
	by_first = collections.Counter()
	by_bucket = collections.Counter()
	by_site = collections.Counter()
	for e in allocs:
		by_class[e["class"]] += e["weight"]
		by_first[first_oslo_frame(e["frames"]).split("(")[0]] += e["weight"]
		by_bucket[bucket_of(e["frames"], e["thread"])] += e["weight"]
		by_site[(e["class"] or "?") + " <- " + (e["frames"][0] if e["frames"] else "?")] += e["weight"]
	table("allocation by bucket", by_bucket, total, unit="bytes")
	table("allocation by class", by_class, total, top=a.top, unit="bytes")
	table("allocation by first oslo4j frame", by_first, total, top=a.top, unit="bytes")
	table("allocation by site (class <- allocating frame)", by_site, total, top=a.top, unit="bytes")


if __name__ == "__main__":
	sys.exit(main())
