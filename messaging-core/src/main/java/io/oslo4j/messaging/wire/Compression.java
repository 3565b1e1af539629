package io.oslo4j.messaging.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Message bodies compressed as kombu compresses them for oslo's {@code kombu_compression}: the
 * body replaced by its compressed bytes and the AMQP header {@code compression} set to the method's
 * content type, {@code application/x-gzip} (a zlib stream, whatever its name says: Python's
 * {@code zlib.compress}) or {@code application/x-bz2} ({@code bz2.compress}); content type and
 * encoding stay {@code application/json} and {@code utf-8}. A receiver decompresses whatever the
 * header says, whatever its own setting.
 *
 * @since 0.2
 */
public final class Compression {

	/** The AMQP header that names the compression of a body. */
	public static final String HEADER = "compression";

	/** kombu's content type for zlib. */
	public static final String GZIP = "application/x-gzip";

	/** kombu's content type for bzip2. */
	public static final String BZIP2 = "application/x-bz2";

	/** kombu's names ({@code kombu.compression}'s aliases and content types) of the methods read here. */
	private static final Map<String, String> NAMES = Map.of("gzip", GZIP, "zlib", GZIP, GZIP, GZIP, "bzip2", BZIP2,
			"bzip", BZIP2, BZIP2, BZIP2);

	private static final int BUFFER = 8192;

	private Compression() {
	}

	/**
	 * The content type of a {@code kombu_compression} value, as kombu resolves it.
	 * @throws IllegalArgumentException saying why the name cannot be used, and which names can
	 */
	public static String contentType(String name) {
		String contentType = NAMES.get(name);
		if (contentType != null) {
			return contentType;
		}
		String accepted = "use gzip (or zlib) or bzip2 (or bzip), kombu's names";
		if ("bz2".equals(name)) {
			throw new IllegalArgumentException("oslo's help names bz2, but kombu knows no such name and oslo fails "
					+ "every publish with KeyError 'bz2'; " + accepted);
		}
		if (name.equals("lzma") || name.equals("xz") || name.equals("application/x-lzma")) {
			throw new IllegalArgumentException("kombu's lzma is not offered by oslo4j; " + accepted);
		}
		throw new IllegalArgumentException("not a compression kombu knows; " + accepted);
	}

	/** The body compressed with the method of this content type ({@link #GZIP} or {@link #BZIP2}). */
	public static byte[] compress(byte[] body, String contentType) {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, body.length / 4));
		try (OutputStream out = GZIP.equals(contentType) ? new DeflaterOutputStream(compressed)
				: new BZip2CompressorOutputStream(compressed)) {
			out.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot compress in memory", ex);
		}
		return compressed.toByteArray();
	}

	/**
	 * The body a {@code compression} header names, inflated to at most {@code maxBytes}, so that a
	 * small message that inflates without end (a compression bomb) fails alone, early.
	 * @throws MalformedMessageException for an unknown compression, a broken stream, or a body over
	 * the limit
	 */
	static byte[] decompress(byte[] body, String compression, int maxBytes) {
		String contentType = NAMES.get(compression);
		if (contentType == null) {
			throw new MalformedMessageException("unsupported compression " + compression + " (oslo4j reads "
					+ GZIP + " and " + BZIP2 + ")");
		}
		boolean gzip = GZIP.equals(contentType);
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(BUFFER, body.length * 4)));
		try (InputStream in = gzip ? new InflaterInputStream(new ByteArrayInputStream(body))
				: new BZip2CompressorInputStream(new ByteArrayInputStream(body), true)) {
			byte[] buffer = new byte[BUFFER];
			int count;
			while ((count = in.read(buffer)) != -1) {
				out.write(buffer, 0, count);
				if (out.size() > maxBytes) {
					throw new MalformedMessageException("decompressed body exceeds the limit of " + maxBytes
							+ " bytes (WireLimits.maxBodyBytes)");
				}
			}
		}
		catch (IOException ex) {
			String what = gzip ? "zlib" : "bzip2";
			throw new MalformedMessageException("body is not a complete " + what + " stream, as its " + HEADER
					+ " header " + compression + " says: " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

}
