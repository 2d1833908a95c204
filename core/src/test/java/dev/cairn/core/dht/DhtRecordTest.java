package dev.cairn.core.dht;

import static dev.cairn.core.dht.DhtFixtures.CONTENT;
import static dev.cairn.core.dht.DhtFixtures.METRIC_KEY;
import static dev.cairn.core.dht.DhtFixtures.metaRecord;
import static dev.cairn.core.dht.DhtFixtures.metricRecord;
import static dev.cairn.core.dht.DhtFixtures.node;
import static dev.cairn.core.dht.DhtFixtures.stamp;
import static dev.cairn.core.dht.DhtFixtures.views;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.canonical.JsonInteger;
import dev.cairn.core.canonical.JsonObject;
import dev.cairn.core.canonical.JsonString;
import org.junit.jupiter.api.Test;

class DhtRecordTest {
    final RecordValueCodec codec = RecordValueCodec.standard();

    @Test
    void aSignedRecordVerifiesAndSurvivesItsWireForm() {
        DhtRecord record = metricRecord(0, 3, views(0, 1, 2, 3));

        record.verify();
        DhtRecord back = DhtRecord.fromJson(record.toJson(), codec);

        assertThat(back).isEqualTo(record);
        assertThat(back.writer()).isEqualTo(node(0).nodeId());
    }

    @Test
    void aContentMetaRecordSurvivesItsWireForm() {
        DhtRecord record = metaRecord(1, 7, 5_000, 2);
        assertThat(DhtRecord.fromJson(record.toJson(), codec)).isEqualTo(record);
    }

    @Test
    void theWireFormHasTheDocumentedFields() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        assertThat(json.members().keySet())
                .containsExactlyInAnyOrder("schema_version", "key", "value", "dominance", "signer", "signature");
        assertThat(json.require("schema_version", JsonString.class).value()).isEqualTo("v1");
        assertThat(json.require("key", JsonString.class).value()).isEqualTo(METRIC_KEY.wire());
    }

    @Test
    void aChangedValueNoLongerVerifies() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        String otherValue = metricRecord(0, 3, views(0, 1, 2))
                .toJson()
                .require("value", JsonString.class)
                .value();

        assertThatThrownBy(() -> DhtRecord.fromJson(json.with("value", new JsonString(otherValue)), codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aChangedDominanceNoLongerVerifies() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        JsonObject dominance = json.require("dominance", JsonObject.class).with("counter", new JsonInteger(4));

        assertThatThrownBy(() -> DhtRecord.fromJson(json.with("dominance", dominance), codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aRecordMovedToAnotherKeyNoLongerVerifies() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        String otherKey = new MetricKey(CONTENT, METRIC_KEY.windowStart() + 3600).wire();

        assertThatThrownBy(() -> DhtRecord.fromJson(json.with("key", new JsonString(otherKey)), codec))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void aRecordStampedWithAnotherNodesIdIsRefused() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        JsonObject dominance = json.require("dominance", JsonObject.class)
                .with("node_id", new JsonString(node(1).nodeId().hex()));

        assertThatThrownBy(() -> DhtRecord.fromJson(json.with("dominance", dominance), codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("signed by");
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedEvenWithAMatchingStamp() {
        DhtRecord honest = metricRecord(0, 3, views(0, 1));
        DhtRecord forged = DhtRecord.sign(node(1), METRIC_KEY, honest.value(), stamp(3, 1003, 1));
        JsonObject json = honest.toJson().with("signature", new JsonString(forged.signature()));

        assertThatThrownBy(() -> DhtRecord.fromJson(json, codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void anotherSchemaVersionIsRefusedByName() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson().with("schema_version", new JsonString("v2"));
        assertThatThrownBy(() -> DhtRecord.fromJson(json, codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("'v2'");
    }

    @Test
    void unknownFieldsAreRefusedRatherThanDropped() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson().with("extra", new JsonString("x"));
        assertThatThrownBy(() -> DhtRecord.fromJson(json, codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("\"extra\"");
    }

    @Test
    void aValueOfTheWrongKindForItsKeyIsRefused() {
        JsonObject metric = metricRecord(0, 3, views(0, 1)).toJson();
        String metaValue = metaRecord(0, 3, 1003, 0)
                .toJson()
                .require("value", JsonString.class)
                .value();
        assertThatThrownBy(() -> DhtRecord.fromJson(metric.with("value", new JsonString(metaValue)), codec))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("cannot be stored under");
    }

    @Test
    void paddedOrGarbledBase64IsRefused() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        String value = json.require("value", JsonString.class).value();
        for (String bad : new String[] {value + "=", value + "!", "", "AAAA"}) {
            assertThatThrownBy(() -> DhtRecord.fromJson(json.with("value", new JsonString(bad)), codec))
                    .as(bad)
                    .isInstanceOf(InvalidRecordException.class);
        }
    }

    @Test
    void missingFieldsAreNamed() {
        JsonObject json = metricRecord(0, 3, views(0, 1)).toJson();
        for (String field : new String[] {"schema_version", "key", "value", "dominance", "signer", "signature"}) {
            assertThatThrownBy(() -> DhtRecord.fromJson(json.without(field), codec))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining(field);
        }
    }
}
