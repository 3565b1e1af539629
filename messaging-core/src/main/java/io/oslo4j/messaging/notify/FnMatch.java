package io.oslo4j.messaging.notify;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch.fnmatch} on POSIX: shell-style patterns, case-sensitive. {@code *}
 * matches anything, {@code ?} one character, {@code [seq]} one of seq and {@code [!seq]} one not
 * in it; everything else matches itself.
 */
final class FnMatch {

	private FnMatch() {
	}

	static Pattern compile(String pattern) {
		StringBuilder regex = new StringBuilder();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i++);
			if (c == '*') {
				regex.append(".*");
			}
			else if (c == '?') {
				regex.append('.');
			}
			else if (c == '[') {
				int end = closingBracket(pattern, i);
				if (end < 0) {
					regex.append("\\[");
				}
				else {
					String set = pattern.substring(i, end);
					i = end + 1;
					boolean negated = set.startsWith("!");
					String members = negated ? set.substring(1) : set;
					regex.append('[').append(negated ? "^" : "").append(members.replace("\\", "\\\\").replace("[", "\\[")
						.replace("&&", "\\&\\&")).append(']');
				}
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

	/** Where the set opened before {@code from} closes: a {@code ]} right after {@code [} or {@code [!} is a member. */
	private static int closingBracket(String pattern, int from) {
		int j = from;
		if (j < pattern.length() && pattern.charAt(j) == '!') {
			j++;
		}
		if (j < pattern.length() && pattern.charAt(j) == ']') {
			j++;
		}
		return pattern.indexOf(']', j);
	}

}
