package dev.cairn.adapters.postgres;

import static dev.cairn.adapters.postgres.schema.Tables.KNOWN_PEERS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.when;

import dev.cairn.core.id.NodeId;
import dev.cairn.core.membership.KnownPeer;
import dev.cairn.core.membership.PeerBook;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/** Known peers in the {@code known_peers} table; one upsert per peer keeps the latest sighting. */
public final class PostgresPeerBook implements PeerBook {
    private final DSLContext dsl;

    public PostgresPeerBook(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public void remember(Collection<KnownPeer> peers) {
        if (peers.isEmpty()) {
            return;
        }
        var newer = excluded(KNOWN_PEERS.LAST_SEEN).ge(KNOWN_PEERS.LAST_SEEN);
        dsl.batch(peers.stream()
                        .map(p -> dsl.insertInto(KNOWN_PEERS)
                                .set(KNOWN_PEERS.NODE_ID, p.nodeId().hex())
                                .set(KNOWN_PEERS.PUBLIC_HOST, p.publicHost().toString())
                                .set(KNOWN_PEERS.LAST_SEEN, Instant.ofEpochMilli(p.lastSeenMillis()))
                                .onConflict(KNOWN_PEERS.NODE_ID)
                                .doUpdate()
                                .set(
                                        KNOWN_PEERS.PUBLIC_HOST,
                                        when(newer, excluded(KNOWN_PEERS.PUBLIC_HOST))
                                                .otherwise(KNOWN_PEERS.PUBLIC_HOST))
                                .set(
                                        KNOWN_PEERS.LAST_SEEN,
                                        when(newer, excluded(KNOWN_PEERS.LAST_SEEN))
                                                .otherwise(KNOWN_PEERS.LAST_SEEN)))
                        .toList())
                .execute();
    }

    @Override
    public List<KnownPeer> mostRecent(int limit) {
        return dsl.selectFrom(KNOWN_PEERS)
                .orderBy(KNOWN_PEERS.LAST_SEEN.desc(), KNOWN_PEERS.NODE_ID)
                .limit(limit)
                .fetch(r -> new KnownPeer(
                        NodeId.fromHex(r.getNodeId()),
                        URI.create(r.getPublicHost()),
                        r.getLastSeen().toEpochMilli()));
    }

    @Override
    public int forgetSeenBefore(long beforeMillis) {
        return dsl.deleteFrom(KNOWN_PEERS)
                .where(KNOWN_PEERS.LAST_SEEN.lt(Instant.ofEpochMilli(beforeMillis)))
                .execute();
    }
}
