package jaxon.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the one-dimensional little-endian .npy files in tests/reference (format versions 1 to 3). */
final class Npy {
    private Npy() {
    }

    static float[] floats(Path file) throws IOException {
        ByteBuffer data = payload(file, "<f4", 4);
        float[] out = new float[data.remaining() / 4];
        data.asFloatBuffer().get(out);
        return out;
    }

    static long[] longs(Path file) throws IOException {
        ByteBuffer data = payload(file, "<i8", 8);
        long[] out = new long[data.remaining() / 8];
        data.asLongBuffer().get(out);
        return out;
    }

    /** The data bytes after the header, checked against the header's dtype and element count. */
    private static ByteBuffer payload(Path file, String descr, int itemSize) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("\u0093NUMPY")) {
            throw new IOException(file + ": not a .npy file");
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] headerBytes = new byte[headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '" + descr + "'") || !header.contains("'fortran_order': False")) {
            throw new IOException(file + ": expected " + descr + " in C order, header " + header.trim());
        }
        String shape = header.substring(header.indexOf("'shape': (") + 10);
        shape = shape.substring(0, shape.indexOf(')'));
        long count = 1;
        for (String dim : shape.split(",")) {
            if (!dim.isBlank()) {
                count *= Long.parseLong(dim.trim());
            }
        }
        if (buf.remaining() != count * itemSize) {
            throw new IOException(file + ": " + buf.remaining() + " data bytes for " + count + " items");
        }
        return buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
