package dev.cairn.app.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.id.ContentId;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * A finished upload as the node stores it: the original bytes, the ContentId the node announced, and the blob it
 * serves under that id. {@link #fetch} checks what can be checked while the node runs; {@link #checkKey} what needs
 * the stopped node's database and master key.
 *
 * @param id the {@code Cairn-Content-Id} the node answered
 * @param original the bytes the client uploaded
 * @param blob what {@code GET /api/v1.5/storage/<id>} served
 */
record UploadedContent(ContentId id, byte[] original, byte[] blob) {
    /** Fetches the blob of {@code contentIdHex} and checks that it is as long as the upload and hashes to its id. */
    static UploadedContent fetch(NodeProcess node, RawTus tus, String contentIdHex, byte[] original)
            throws IOException, InterruptedException {
        assertThat(contentIdHex).as("Cairn-Content-Id").matches("[0-9a-f]{64}");
        ContentId id = ContentId.fromHex(contentIdHex);
        HttpResponse<byte[]> response = tus.get(node.uri("/api/v1.5/storage/" + contentIdHex));
        assertThat(response.statusCode())
                .as("GET /api/v1.5/storage/%s", contentIdHex)
                .isEqualTo(200);
        byte[] blob = response.body();
        assertThat(blob).as("the blob is ciphertext as long as the upload").hasSize(original.length);
        assertThat(ContentId.ofBlob(blob))
                .as("the ContentId is BLAKE3 of the blob")
                .isEqualTo(id);
        if (original.length >= 32) {
            assertThat(blob).as("the blob is not the plaintext").isNotEqualTo(original);
        }
        return new UploadedContent(id, original, blob);
    }

    /**
     * With the content's key from the stopped node: the original bytes encrypted at offset 0 hash to the ContentId,
     * and the served blob decrypts to the original bytes.
     */
    void checkKey(StoppedNodeStore store) throws IOException {
        ContentKey key = store.key(id);
        assertThat(store.content(id).size()).as("the recorded size").isEqualTo(original.length);
        assertThat(ContentId.ofBlob(StoppedNodeStore.encrypt(key, original)))
                .as("BLAKE3 of the original encrypted under the content's key")
                .isEqualTo(id);
        assertThat(StoppedNodeStore.decrypt(key, blob))
                .as("the served blob decrypted")
                .isEqualTo(original);
    }
}
