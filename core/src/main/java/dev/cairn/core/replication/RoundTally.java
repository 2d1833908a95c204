package dev.cairn.core.replication;

/** What one replication round did, counted as it goes; becomes the {@link ReplicationRound} it reports. */
final class RoundTally {
    int led;
    int under;
    int over;
    int underDiverse;
    int granted;
    int revoked;
    int trimmed;
    int takeovers;

    ReplicationRound toRecord() {
        return new ReplicationRound(led, under, over, underDiverse, granted, revoked, trimmed, takeovers);
    }
}
