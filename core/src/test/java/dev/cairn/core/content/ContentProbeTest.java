package dev.cairn.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Probes real headers: images and WAVE written by the JDK's own encoders, the other formats as their specifications
 * lay out the first bytes (each sample is the start of a real file).
 */
class ContentProbeTest {

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ProbedType probe(byte[] head) {
        return ContentProbe.probe(head, Optional.empty());
    }

    static byte[] image(String format) throws IOException {
        var picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(3, 3, 0xff8800);
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(picture, format, out))
                .as("the JDK writes " + format)
                .isTrue();
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void imagesWrittenByTheJdkAreImages(String format) throws IOException {
        assertThat(probe(image(format))).isEqualTo(new ProbedType(ContentKind.IMAGE, "image/" + format));
    }

    @Test
    void aWaveFileWrittenByTheJdkIsAudio() throws IOException {
        var format = new AudioFormat(8000, 16, 1, true, false);
        byte[] samples = new byte[1600];
        var out = new ByteArrayOutputStream();
        AudioSystem.write(
                new AudioInputStream(new ByteArrayInputStream(samples), format, samples.length / 2),
                AudioFileFormat.Type.WAVE,
                out);

        assertThat(probe(out.toByteArray())).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/wav"));
    }

    @Test
    void mp3IsAudioWithOrWithoutAnId3Tag() {
        byte[] id3v24 = concat(ascii("ID3"), hex("04 00 00 00 00 02 01"), ascii("TIT2"));
        byte[] bareFrame = hex("ff fb 90 64 00 0f f0 00 00 69 00 00 00 08"); // MPEG-1 layer III, 128 kbit/s, 44.1 kHz

        assertThat(probe(id3v24)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/mpeg"));
        assertThat(probe(bareFrame)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/mpeg"));
    }

    @Test
    void anAdtsFrameIsAacAudio() {
        byte[] adts = hex("ff f1 50 80 02 1f fc 21 00 49 90 02 19 00"); // AAC LC, 44.1 kHz, stereo

        assertThat(probe(adts)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/aac"));
    }

    @Test
    void bytesThatOnlyLookLikeAFrameSyncAreBinary() {
        assertThat(probe(hex("ff ff ff ff"))).as("reserved bitrate").isEqualTo(probe(new byte[0]));
        assertThat(probe(hex("ff e9 90 64")))
                .as("reserved MPEG version")
                .extracting(ProbedType::kind)
                .isEqualTo(ContentKind.BINARY);
    }

    @Test
    void flacIsAudio() {
        byte[] flac = concat(ascii("fLaC"), hex("00 00 00 22 10 00 10 00 00 00 0e 00 31 3e 0a c4 42 f0"));

        assertThat(probe(flac)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/flac"));
    }

    static byte[] oggFirstPage(byte[] firstPacket) {
        return concat(
                ascii("OggS"),
                hex("00 02 0000000000000000 d2040000 00000000 8a3b1c7f 01"),
                new byte[] {(byte) firstPacket.length},
                firstPacket);
    }

    @Test
    void oggIsAudioUnlessItsFirstStreamIsTheoraOrVideoWasDeclared() {
        byte[] vorbis = oggFirstPage(concat(hex("01"), ascii("vorbis"), hex("00 00 00 00 02 44 ac 00 00")));
        byte[] opus = oggFirstPage(concat(ascii("OpusHead"), hex("01 02 38 01 80 bb 00 00 00 00 00")));
        byte[] theora = oggFirstPage(concat(hex("80"), ascii("theora"), hex("03 02 01 00 14 00 0f")));

        assertThat(probe(vorbis)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/ogg"));
        assertThat(probe(opus)).isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/ogg"));
        assertThat(probe(theora)).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/ogg"));
        assertThat(ContentProbe.probe(vorbis, Optional.of("video/ogg")))
                .isEqualTo(new ProbedType(ContentKind.VIDEO, "video/ogg"));
    }

    static byte[] ftyp(String major, String... compatible) {
        byte[] brands = ascii(String.join("", compatible));
        return concat(
                hex(String.format("%08x", 16 + brands.length)),
                ascii("ftyp" + major),
                hex("00 00 02 00"),
                brands,
                hex("00 00 00 08 66 72 65 65"));
    }

    @Test
    void isoMediaIsAudioOrVideoOrImageByItsBrand() {
        assertThat(probe(ftyp("M4A ", "M4A ", "mp42", "isom")))
                .isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/mp4"));
        assertThat(probe(ftyp("mp42", "M4A ", "mp42", "isom")))
                .as("a generic major brand with an audio compatible one")
                .isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/mp4"));
        assertThat(probe(ftyp("isom", "isom", "iso2", "avc1", "mp41")))
                .isEqualTo(new ProbedType(ContentKind.VIDEO, "video/mp4"));
        assertThat(probe(ftyp("qt  ", "qt  "))).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/quicktime"));
        assertThat(probe(ftyp("3gp5", "3gp5", "isom"))).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/3gpp"));
        assertThat(probe(ftyp("avif", "avif", "mif1", "miaf")))
                .isEqualTo(new ProbedType(ContentKind.IMAGE, "image/avif"));
        assertThat(probe(ftyp("heic", "mif1", "heic"))).isEqualTo(new ProbedType(ContentKind.IMAGE, "image/heic"));
    }

    @Test
    void aGenericIsoBrandDeclaredAsAudioIsAudio() {
        assertThat(ContentProbe.probe(ftyp("isom", "isom", "mp42"), Optional.of("audio/mp4")))
                .isEqualTo(new ProbedType(ContentKind.AUDIO, "audio/mp4"));
    }

    @Test
    void webmAndMatroskaAreVideo() {
        byte[] webm =
                hex("1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84 7765626d 4287 81 04 4285 81 02");
        byte[] mkv = hex(
                "1a45dfa3 a3 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 88 6d6174726f736b61 4287 81 04 4285 81 02");

        assertThat(probe(webm)).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/webm"));
        assertThat(probe(mkv)).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/x-matroska"));
    }

    @Test
    void riffIsWaveOrWebpOrAviByItsFormType() {
        byte[] webp = concat(ascii("RIFF"), hex("24 00 00 00"), ascii("WEBPVP8 "), hex("18 00 00 00 30 01 00 9d"));
        byte[] avi = concat(ascii("RIFF"), hex("00 10 00 00"), ascii("AVI LIST"), hex("ec 11 00 00"), ascii("hdrl"));
        byte[] other = concat(ascii("RIFF"), hex("00 10 00 00"), ascii("CDXA"));

        assertThat(probe(webp)).isEqualTo(new ProbedType(ContentKind.IMAGE, "image/webp"));
        assertThat(probe(avi)).isEqualTo(new ProbedType(ContentKind.VIDEO, "video/x-msvideo"));
        assertThat(probe(other).kind()).isEqualTo(ContentKind.BINARY);
    }

    @Test
    void anythingElseIsBinaryWhateverTheDeclaredType() {
        byte[] pdf = ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        byte[] zip = hex("50 4b 03 04 14 00 00 00 08 00");

        assertThat(ContentProbe.probe(pdf, Optional.of("audio/mpeg")))
                .isEqualTo(new ProbedType(ContentKind.BINARY, "application/octet-stream"));
        assertThat(probe(zip).kind()).isEqualTo(ContentKind.BINARY);
        assertThat(probe(new byte[0]).kind()).isEqualTo(ContentKind.BINARY);
        assertThat(probe(hex("ff")).kind()).isEqualTo(ContentKind.BINARY);
    }
}
