package dev.cairn.app.upload;

import dev.cairn.adapters.postgres.DatabaseSettings;
import dev.cairn.adapters.postgres.PostgresContentStore;
import dev.cairn.adapters.postgres.PostgresDatabase;
import dev.cairn.app.config.DataDir;
import dev.cairn.core.content.ContentRecord;
import dev.cairn.core.encryption.ContentKey;
import dev.cairn.core.encryption.CtrCipher;
import dev.cairn.core.encryption.KeyContext;
import dev.cairn.core.encryption.MasterKey;
import dev.cairn.core.encryption.MasterKeyFile;
import dev.cairn.core.id.ContentId;
import dev.cairn.core.port.RandomBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;

/**
 * What a stopped node left in its data directory, read with the node's own adapters: the content record from its
 * embedded PostgreSQL and the master key from its key file. The node must be stopped: the embedded database and the
 * data directory belong to one process at a time.
 */
final class StoppedNodeStore implements AutoCloseable {
    private final PostgresDatabase database;
    private final MasterKey masterKey;

    private StoppedNodeStore(PostgresDatabase database, MasterKey masterKey) {
        this.database = database;
        this.masterKey = masterKey;
    }

    static StoppedNodeStore open(Path dataDir) throws IOException {
        MasterKey masterKey = MasterKeyFile.load(new DataDir(dataDir).masterKeyFile(), RandomBytes.secure());
        return new StoppedNodeStore(PostgresDatabase.open(DatabaseSettings.embedded(dataDir)), masterKey);
    }

    /** The content's record; fails the test if the node did not register it. */
    ContentRecord content(ContentId id) {
        return new PostgresContentStore(database.dsl())
                .find(id)
                .orElseThrow(() -> new AssertionError("no content " + id.hex() + " in the node's database"));
    }

    /** The content's key, unwrapped with the node's master key for the content's own id. */
    ContentKey key(ContentId id) {
        return masterKey.unwrap(content(id).wrappedKey(), KeyContext.content(id));
    }

    /** {@code plaintext} encrypted under {@code key} from offset 0, as the node stores a content. */
    static byte[] encrypt(ContentKey key, byte[] plaintext) throws IOException {
        var out = new ByteArrayOutputStream(plaintext.length);
        try (var encrypting = CtrCipher.jce().encrypting(key, 0, Channels.newChannel(out))) {
            encrypting.write(plaintext);
        }
        return out.toByteArray();
    }

    /** {@code blob} decrypted under {@code key} from offset 0. */
    static byte[] decrypt(ContentKey key, byte[] blob) throws IOException {
        try (var decrypting = CtrCipher.jce().decrypting(key, 0, Channels.newChannel(new ByteArrayInputStream(blob)))) {
            return decrypting.readAllBytes();
        }
    }

    /** The content's derivative rows. */
    java.util.List<dev.cairn.core.conversion.Derivative> derivatives(ContentId id) {
        return new dev.cairn.adapters.postgres.PostgresDerivativeStore(database.dsl()).of(id);
    }

    /** The content's conversion jobs: state and attempts of each. */
    java.util.List<String> conversionJobs(ContentId id) {
        var jobs = dev.cairn.adapters.postgres.schema.Tables.CONVERSION_JOBS;
        return database.dsl()
                .select(jobs.STATE, jobs.ATTEMPTS)
                .from(jobs)
                .where(jobs.CONTENT_ID.eq(id.hex()))
                .orderBy(jobs.ID)
                .fetch(r -> r.value1() + " after " + r.value2() + " attempts");
    }

    @Override
    public void close() {
        database.close();
    }
}
