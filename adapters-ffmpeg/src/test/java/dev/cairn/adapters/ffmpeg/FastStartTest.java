package dev.cairn.adapters.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.conversion.MediaSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FastStartTest {
    static byte[] box(String type, byte[]... children) {
        int size = 8 + Arrays.stream(children).mapToInt(c -> c.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).putInt(size).put(type.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : children) {
            b.put(c);
        }
        return b.array();
    }

    static byte[] stco(long... offsets) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * offsets.length).putInt(0).putInt(offsets.length);
        for (long o : offsets) {
            b.putInt((int) o);
        }
        return box("stco", b.array());
    }

    static byte[] co64(long... offsets) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * offsets.length).putInt(0).putInt(offsets.length);
        for (long o : offsets) {
            b.putLong(o);
        }
        return box("co64", b.array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] moov(byte[] chunkTable) {
        return box("moov", box("mvhd", new byte[100]), box("trak", box("mdia", box("minf", box("stbl", chunkTable)))));
    }

    static byte[] relocated(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = FastStart.write(MediaSource.of(file), out);
        assertThat(written).isEqualTo(file.length).isEqualTo(out.size());
        return out.toByteArray();
    }

    /** The chunk offsets of the first stco or co64 in {@code file}, read by searching for the type. */
    static long[] offsets(byte[] file, String type) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(type) + 4 + 4;
        ByteBuffer b = ByteBuffer.wrap(file);
        int count = b.getInt(at);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = type.equals("co64") ? b.getLong(at + 4 + 8 * i) : Integer.toUnsignedLong(b.getInt(at + 4 + 4 * i));
        }
        return out;
    }

    @Test
    void the_moov_moves_before_the_mdat_and_every_chunk_offset_moves_with_the_data() throws IOException {
        byte[] ftyp = box("ftyp", "isomiso2".getBytes(StandardCharsets.ISO_8859_1));
        byte[] payload = new byte[1000];
        Arrays.fill(payload, (byte) 7);
        byte[] mdat = box("mdat", payload);
        long first = ftyp.length + 8;
        byte[] moov = moov(stco(first, first + 400, first + 999));
        byte[] file = concat(ftyp, mdat, moov);

        byte[] out = relocated(file);

        assertThat(Played.boxes(out)).containsExactly("ftyp", "moov", "mdat");
        long shift = moov.length;
        assertThat(offsets(out, "stco")).containsExactly(first + shift, first + 400 + shift, first + 999 + shift);
        // What the offsets point at is still the payload.
        assertThat(out[(int) (first + shift)]).isEqualTo((byte) 7);
        assertThat(Arrays.copyOfRange(out, ftyp.length + moov.length, out.length))
                .isEqualTo(mdat);
    }

    @Test
    void sixty_four_bit_offsets_and_a_free_box_move_too() throws IOException {
        byte[] ftyp = box("ftyp", new byte[8]);
        byte[] free = box("free", new byte[16]);
        byte[] mdat = box("mdat", new byte[64]);
        long first = ftyp.length + free.length + 8;
        byte[] file = concat(ftyp, free, mdat, moov(co64(first, first + 10)));

        byte[] out = relocated(file);

        assertThat(Played.boxes(out)).containsExactly("ftyp", "free", "moov", "mdat");
        long shift = moov(co64(0, 0)).length;
        assertThat(offsets(out, "co64")).containsExactly(first + shift, first + 10 + shift);
    }

    @Test
    void a_file_whose_moov_comes_first_is_copied_unchanged() throws IOException {
        byte[] mdat = box("mdat", new byte[32]);
        byte[] file = concat(box("ftyp", new byte[8]), moov(stco(16 + 300)), mdat);

        assertThat(relocated(file)).isEqualTo(file);
    }

    @Test
    void a_file_without_moov_or_with_a_lying_box_is_refused() {
        assertThatThrownBy(() -> relocated(concat(box("ftyp", new byte[8]), box("mdat", new byte[8]))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no moov");
        byte[] lying = box("mdat", new byte[8]);
        ByteBuffer.wrap(lying).putInt(0, 1000);
        assertThatThrownBy(() -> relocated(lying))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("claims 1000 bytes");
    }
}
