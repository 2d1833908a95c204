package dev.cairn.core.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void eventsRunInTimeOrderAndTiesInSchedulingOrder() {
        var sim = new Simulation(1, 1_000);
        var seen = new ArrayList<String>();
        sim.schedule(50, () -> seen.add("b@" + sim.millis()));
        sim.schedule(10, () -> seen.add("a@" + sim.millis()));
        sim.schedule(50, () -> seen.add("c@" + sim.millis()));
        sim.schedule(10, () -> sim.schedule(0, () -> seen.add("d@" + sim.millis())));

        sim.runUntil(1_100);

        assertThat(seen).containsExactly("a@1010", "d@1010", "b@1050", "c@1050");
        assertThat(sim.millis()).isEqualTo(1_100);
        assertThat(sim.executedEvents()).isEqualTo(5);
    }

    @Test
    void eventsAfterTheHorizonWait() {
        var sim = new Simulation(1, 0);
        var ran = new ArrayList<Long>();
        sim.schedule(100, () -> ran.add(sim.millis()));
        sim.runUntil(99);
        assertThat(ran).isEmpty();
        assertThat(sim.pendingEvents()).isEqualTo(1);
        sim.runFor(1);
        assertThat(ran).containsExactly(100L);
    }

    @Test
    void periodicActionsRepeat() {
        var sim = new Simulation(1, 0);
        var ran = new ArrayList<Long>();
        sim.every(5, 10, () -> ran.add(sim.millis()));
        sim.runUntil(40);
        assertThat(ran).containsExactly(5L, 15L, 25L, 35L);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        assertThat(trace(42)).isEqualTo(trace(42));
        assertThat(trace(42)).isNotEqualTo(trace(43));
    }

    @Test
    void timeNeverRunsBackwards() {
        var sim = new Simulation(1, 100);
        assertThatThrownBy(() -> sim.runUntil(99)).hasMessageContaining("99");
        assertThatThrownBy(() -> sim.schedule(-1, () -> {})).hasMessageContaining("-1");
        assertThatThrownBy(() -> new Simulation(1, -5)).hasMessageContaining("-5");
    }

    @Test
    void partitionsCrashesAndLossDropMessages() {
        var sim = new Simulation(7, 0);
        var net = new SimulatedNetwork(sim).latency(10, 0);
        for (String host : List.of("a", "b", "c")) {
            net.addHost(host, new SimulatedNetwork.Placement(0x0a000001, OptionalInt.empty()));
        }
        var got = new ArrayList<String>();

        net.send("a", "b", () -> got.add("a->b"));
        net.partition(1, List.of("c"));
        net.send("a", "c", () -> got.add("a->c"));
        net.heal();
        net.crash("b");
        net.send("a", "b", () -> got.add("a->b again"));
        net.restart("b");
        sim.runFor(100);

        assertThat(got).containsExactly("a->b");
        assertThat(net.deliveredMessages()).isEqualTo(1);
        assertThat(net.droppedMessages()).isEqualTo(2);
    }

    @Test
    void aHostThatCrashesWhileAMessageIsInFlightNeverGetsIt() {
        var sim = new Simulation(7, 0);
        var net = new SimulatedNetwork(sim).latency(10, 0);
        net.addHost("a", new SimulatedNetwork.Placement(1, OptionalInt.empty()));
        net.addHost("b", new SimulatedNetwork.Placement(2, OptionalInt.empty()));
        var got = new ArrayList<String>();
        net.send("a", "b", () -> got.add("late"));
        net.crash("b");
        sim.runFor(100);
        assertThat(got).isEmpty();
    }

    @Test
    void aLossRateDropsAboutThatShareOfMessages() {
        var sim = new Simulation(3, 0);
        var net = new SimulatedNetwork(sim).lossRate(0.25);
        net.addHost("a", new SimulatedNetwork.Placement(1, OptionalInt.of(64500)));
        net.addHost("b", new SimulatedNetwork.Placement(2, OptionalInt.of(64501)));
        for (int i = 0; i < 10_000; i++) {
            net.delivers("a", "b");
        }
        assertThat(net.droppedMessages()).isBetween(2_300L, 2_700L);
    }

    @Test
    void latencyStaysWithinBaseAndJitter() {
        var sim = new Simulation(3, 0);
        var net = new SimulatedNetwork(sim).latency(20, 30);
        for (int i = 0; i < 1_000; i++) {
            assertThat(net.latencyMillis()).isBetween(20L, 50L);
        }
    }

    @Test
    void aPlacementKnowsItsAddressAndFirstOctet() {
        var placement = new SimulatedNetwork.Placement(0xcb007105, OptionalInt.of(64500));
        assertThat(placement.address()).isEqualTo("203.0.113.5");
        assertThat(placement.firstOctet()).isEqualTo(203);
    }

    private static List<String> trace(long seed) {
        var sim = new Simulation(seed, 0);
        var net = new SimulatedNetwork(sim).latency(5, 50).lossRate(0.1);
        net.addHost("a", new SimulatedNetwork.Placement(1, OptionalInt.empty()));
        net.addHost("b", new SimulatedNetwork.Placement(2, OptionalInt.empty()));
        var trace = new ArrayList<String>();
        sim.every(0, 7, () -> net.send("a", "b", () -> trace.add("b got it at " + sim.millis())));
        sim.runFor(2_000);
        return trace;
    }
}
