#!/usr/bin/python3
"""Syscalls per call from `perf trace -s -o FILE -- java -jar ... client|spring-amqp-baseline ...`.

Usage: syscalls.py FILE CALLS   (CALLS: warm-up + measured calls; start-up's syscalls count too)
Prints, summed over every thread of the process, the calls of each syscall per round trip (not the
time in them: perf trace's times are wall time, a futex wait included).
"""
import collections
import re
import sys

ROW = re.compile(r"^\s+(\w+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s")


def main():
	path, calls = sys.argv[1], float(sys.argv[2])
	count = collections.Counter()
	for line in open(path):
		m = ROW.match(line)
		if m:
			count[m.group(1)] += int(m.group(2))
	total = sum(count.values())
	print("| syscall | per call |")
	print("| --- | --- |")
	for name, n in count.most_common(8):
		print("| %s | %.2f |" % (name, n / calls))
	print("| **all** | **%.2f** |" % (total / calls))


if __name__ == "__main__":
	main()
