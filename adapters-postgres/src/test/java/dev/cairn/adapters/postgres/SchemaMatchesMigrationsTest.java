package dev.cairn.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.adapters.postgres.schema.DefaultSchema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jOOQ classes are generated from the migrations by jOOQ's parser, without PostgreSQL; this checks that the
 * database PostgreSQL builds from the same migrations has the same tables, columns, nullability and keys.
 */
class SchemaMatchesMigrationsTest {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void generatedTablesAndColumnsAreThoseOfTheMigratedDatabase() {
        var migrated = database.dsl().meta().getSchemas("public").getFirst();

        assertThat(describe(migrated.getTables())).isEqualTo(describe(DefaultSchema.DEFAULT_SCHEMA.getTables()));
    }

    @Test
    void everyGeneratedTableHasItsPrimaryKeyInTheDatabase() {
        var migrated = database.dsl().meta().getSchemas("public").getFirst();
        for (Table<?> generated : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            Table<?> actual = migrated.getTable(generated.getName());
            assertThat(actual.getPrimaryKey())
                    .as(generated.getName())
                    .extracting(SchemaMatchesMigrationsTest::keyColumns)
                    .isEqualTo(keyColumns(generated.getPrimaryKey()));
        }
    }

    /** table → column → "type null|not null", without Flyway's own table. */
    private static Map<String, Map<String, String>> describe(List<? extends Table<?>> tables) {
        var out = new TreeMap<String, Map<String, String>>();
        for (Table<?> table : tables) {
            if (table.getName().equals("flyway_schema_history")) {
                continue;
            }
            var columns = new TreeMap<String, String>();
            for (Field<?> field : table.fields()) {
                var type = field.getDataType();
                String base = baseType(type.getTypeName());
                // Only varchar lengths mean anything; text and bytea are unbounded on both sides.
                String length = base.equals("varchar") ? "(" + type.length() + ")" : "";
                columns.put(field.getName(), base + length + (type.nullable() ? " null" : " not null"));
            }
            out.put(table.getName(), columns);
        }
        return out;
    }

    /** The generated schema sees PostgreSQL's types through H2, which spells a few of them differently. */
    private static String baseType(String typeName) {
        return switch (typeName.toLowerCase()) {
            // The generated columns are forced to Instant, which jOOQ names "instant".
            case "timestamp with time zone", "timestamptz", "instant" -> "timestamptz";
            case "blob", "bytea", "varbinary", "binary large object" -> "bytea";
            case "clob", "text", "character large object" -> "text";
            case "json", "jsonb" -> "jsonb";
            case "int", "int4", "integer" -> "integer";
            case "int8", "bigint" -> "bigint";
            case "int2", "smallint" -> "smallint";
            case "bool", "boolean" -> "boolean";
            case "character varying", "varchar" -> "varchar";
            default -> typeName.toLowerCase();
        };
    }

    private static List<String> keyColumns(UniqueKey<?> key) {
        return key.getFields().stream().map(Field::getName).toList();
    }
}
