#!/usr/bin/python3
"""Bucket table of two recordings side by side, in µs per call.

Usage: compare.py A.jfr A_CPU_US_PER_CALL B.jfr B_CPU_US_PER_CALL [--window S] [--jfr PATH]

For each recording: the JVM's CPU per call (the benchmark's `cpu_us_per_call`) is split into
system time (jdk.CPULoad jvmSystem share; time in the kernel, which JFR's Java samples do not
see) and user time, and the user time is spread over the buckets of summarize.py by their share
of jdk.ExecutionSample. GC and JIT threads are part of user time and so spread in proportion.
"""
import argparse
import collections

import summarize


def buckets(jfr, recording, cpu_us, window):
	summarize.WINDOW = window
	samples = summarize.within(summarize.events(jfr, recording, "jdk.ExecutionSample"), 0)
	loads = summarize.within(summarize.cpu_loads(jfr, recording), 0)
	user = sum(e["jvmUser"] for e in loads)
	system = sum(e["jvmSystem"] for e in loads)
	user_us = cpu_us * user / (user + system)
	counts = collections.Counter(summarize.bucket_of(s["frames"], s["thread"]) for s in samples)
	n = len(samples)
	out = {k: user_us * v / n for k, v in counts.items()}
	out["(kernel: JVM system time, jdk.CPULoad)"] = cpu_us - user_us
	return out, n


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("a")
	ap.add_argument("a_cpu", type=float)
	ap.add_argument("b")
	ap.add_argument("b_cpu", type=float)
	ap.add_argument("--window", type=float)
	ap.add_argument("--jfr", default="jfr")
	x = ap.parse_args()
	a, na = buckets(x.jfr, x.a, x.a_cpu, x.window)
	b, nb = buckets(x.jfr, x.b, x.b_cpu, x.window)
	print("| bucket | A µs/call | B µs/call | A − B |  (A: %d samples, B: %d)" % (na, nb))
	print("| --- | --- | --- | --- |")
	for k in sorted(set(a) | set(b), key=lambda k: -(a.get(k, 0) - b.get(k, 0))):
		va, vb = a.get(k, 0.0), b.get(k, 0.0)
		if va < 0.5 and vb < 0.5:
			continue
		print("| %s | %.1f | %.1f | %+.1f |" % (k, va, vb, va - vb))
	print("| **all** | **%.1f** | **%.1f** | **%+.1f** |" % (x.a_cpu, x.b_cpu, x.a_cpu - x.b_cpu))


if __name__ == "__main__":
	main()
