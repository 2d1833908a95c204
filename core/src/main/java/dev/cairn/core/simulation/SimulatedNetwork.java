package dev.cairn.core.simulation;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The network between simulated nodes: each node has an IPv4 address and maybe an ASN; messages take a random latency,
 * may be lost, and never cross a partition.
 *
 * <p>Hosts are plain names chosen by the scenario. Latency is {@code base + uniform(0, jitter)} milliseconds; loss is a
 * probability per message. A partition splits hosts into groups; a host in no group is in group 0 with every other
 * ungrouped host. All draws come from the simulation's seeded random source.
 */
public final class SimulatedNetwork {
    /** Where a host sits in the network. */
    public record Placement(int ipv4, OptionalInt asn) {
        /** The first octet of the IPv4 address, which the replication diversity rule counts. */
        public int firstOctet() {
            return ipv4 >>> 24;
        }

        /** Dotted-quad form. */
        public String address() {
            return (ipv4 >>> 24) + "." + ((ipv4 >>> 16) & 0xff) + "." + ((ipv4 >>> 8) & 0xff) + "." + (ipv4 & 0xff);
        }
    }

    private final Simulation simulation;
    private final Map<String, Placement> hosts = new HashMap<>();
    private final Map<String, Integer> partition = new HashMap<>();
    private final Map<String, Boolean> down = new HashMap<>();
    private long baseLatencyMillis = 20;
    private long jitterMillis = 30;
    private double lossRate;
    private long delivered;
    private long dropped;

    public SimulatedNetwork(Simulation simulation) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
    }

    /** Adds a host at {@code placement}; a name can be added once. */
    public void addHost(String host, Placement placement) {
        if (hosts.putIfAbsent(host, Objects.requireNonNull(placement, "placement")) != null) {
            throw new IllegalArgumentException("host " + host + " is already on the network");
        }
    }

    public Placement placement(String host) {
        Placement placement = hosts.get(host);
        if (placement == null) {
            throw new IllegalArgumentException("no host " + host + " on the network");
        }
        return placement;
    }

    public SimulatedNetwork latency(long baseMillis, long jitterMillis) {
        if (baseMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException(
                    "latency must be >= 0 ms, got base " + baseMillis + " and jitter " + jitterMillis);
        }
        this.baseLatencyMillis = baseMillis;
        this.jitterMillis = jitterMillis;
        return this;
    }

    public SimulatedNetwork lossRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("loss rate must be in [0, 1): " + rate);
        }
        this.lossRate = rate;
        return this;
    }

    /** Puts {@code hosts} in partition group {@code group}; messages only flow within a group. */
    public void partition(int group, Iterable<String> members) {
        for (String host : members) {
            placement(host);
            partition.put(host, group);
        }
    }

    /** Removes every partition. */
    public void heal() {
        partition.clear();
    }

    /** A crashed host neither sends nor receives until it is {@link #restart}ed. */
    public void crash(String host) {
        placement(host);
        down.put(host, true);
    }

    public void restart(String host) {
        placement(host);
        down.remove(host);
    }

    public boolean isUp(String host) {
        return !down.containsKey(host);
    }

    /**
     * Whether a message from {@code from} to {@code to} sent now arrives: both up, same partition group, not lost.
     * Draws the loss decision, so call it once per message.
     */
    public boolean delivers(String from, String to) {
        placement(from);
        placement(to);
        boolean arrives = isUp(from)
                && isUp(to)
                && partition.getOrDefault(from, 0).equals(partition.getOrDefault(to, 0))
                && (lossRate == 0 || simulation.random().nextDouble() >= lossRate);
        if (arrives) {
            delivered++;
        } else {
            dropped++;
        }
        return arrives;
    }

    /** A latency draw for one message. */
    public long latencyMillis() {
        return baseLatencyMillis + (jitterMillis == 0 ? 0 : simulation.random().nextLong(jitterMillis + 1));
    }

    /** Delivers {@code action} at {@code to} after a latency, unless the message is dropped. */
    public void send(String from, String to, Runnable action) {
        if (delivers(from, to)) {
            simulation.schedule(latencyMillis(), () -> {
                if (isUp(to)) {
                    action.run();
                }
            });
        }
    }

    public long deliveredMessages() {
        return delivered;
    }

    public long droppedMessages() {
        return dropped;
    }
}
