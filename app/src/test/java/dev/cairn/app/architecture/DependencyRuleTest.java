package dev.cairn.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.cairn.adapters.fixturealpha.AlphaAdapterCallingBeta;
import dev.cairn.adapters.fixturebeta.BetaAdapter;
import dev.cairn.adapters.fixturebeta.BetaAdapterUsingItself;
import dev.cairn.core.architecturefixture.CoreClassReachingForJdbc;
import dev.cairn.core.architecturefixture.CoreClassReachingIntoAnAdapter;
import dev.cairn.core.architecturefixture.CoreClassReadingTheWallClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's dependency rule, checked on the compiled classes of every Cairn module on the app's class path.
 *
 * <p>Maven's banned-dependency rule in core stops a framework jar from entering core's class path; this test also
 * catches what that cannot see: core reaching into a JDK technology it must reach through a port (JDBC, the wall
 * clock), and one module's packages depending on another's where the module map forbids it.
 */
class DependencyRuleTest {

    /** Packages of the technologies that belong in adapters. */
    static final String[] ADAPTER_TECHNOLOGIES = {
        "io.javalin..",
        "org.eclipse.jetty..",
        "org.jooq..",
        "org.flywaydb..",
        "com.zaxxer.hikari..",
        "java.sql..",
        "javax.sql..",
        "org.postgresql..",
        "io.zonky..",
        "org.bytedeco..",
        "org.telegram..",
        "com.pengrad..",
        "io.micrometer..",
        "com.fasterxml.jackson..",
    };

    static final ArchRule CORE_USES_NO_ADAPTER_TECHNOLOGY = noClasses()
            .that()
            .resideInAPackage("dev.cairn.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTER_TECHNOLOGIES)
            .because("core is the framework-free domain; technologies enter through ports implemented in adapters");

    static final ArchRule CORE_KNOWS_NO_OUTER_MODULE = noClasses()
            .that()
            .resideInAPackage("dev.cairn.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cairn.adapters..", "dev.cairn.app..")
            .because("dependencies point inwards: adapters and app depend on core, never the reverse");

    /**
     * Each adapter is the package {@code dev.cairn.adapters.<name>} with its subpackages; written over package names,
     * so it holds for adapters app does not assemble yet. Empty is allowed: until then none is on the class path.
     */
    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching("dev.cairn.adapters.(*)..")
            .namingSlices("adapter $1")
            .should()
            .notDependOnEachOther()
            .because("adapters never depend on each other; they meet only through core's ports, wired in app")
            .allowEmptyShould(true);

    static final ArchRule ADAPTERS_KNOW_NO_APP = noClasses()
            .that()
            .resideInAPackage("dev.cairn.adapters..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.cairn.app..")
            .because("app is the composition root: it depends on adapters, never the reverse")
            .allowEmptyShould(true);

    static final ArchRule CORE_READS_TIME_ONLY_THROUGH_A_CLOCK = noClasses()
            .that()
            .resideInAPackage("dev.cairn.core..")
            .and()
            .haveSimpleNameNotEndingWith("SystemClock")
            .should()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone")
            .because("time enters core through an injected clock so a simulator can drive thousands of nodes");

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cairn");
    }

    @Test
    void theImportSeesCoreAndApp() {
        assertThat(production.containPackage("dev.cairn.core")).isTrue();
        assertThat(production.containPackage("dev.cairn.app")).isTrue();
    }

    @Test
    void coreDependsOnNoAdapterTechnology() {
        CORE_USES_NO_ADAPTER_TECHNOLOGY.check(production);
    }

    @Test
    void coreDependsOnNoOuterModule() {
        CORE_KNOWS_NO_OUTER_MODULE.check(production);
    }

    @Test
    void coreReadsTimeOnlyThroughAClock() {
        CORE_READS_TIME_ONLY_THROUGH_A_CLOCK.check(production);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        ADAPTERS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void adaptersDoNotDependOnApp() {
        ADAPTERS_KNOW_NO_APP.check(production);
    }

    @Test
    void theAdapterRulesCatchAnAdapterReachingIntoAnother() {
        JavaClasses violating = new ClassFileImporter().importClasses(AlphaAdapterCallingBeta.class, BetaAdapter.class);
        JavaClasses allowed = new ClassFileImporter().importClasses(BetaAdapterUsingItself.class, BetaAdapter.class);

        assertThat(ADAPTERS_ARE_INDEPENDENT
                        .evaluate(violating)
                        .getFailureReport()
                        .getDetails())
                .anySatisfy(line ->
                        assertThat(line).contains("AlphaAdapterCallingBeta").contains("BetaAdapter"));
        assertThat(ADAPTERS_ARE_INDEPENDENT.evaluate(allowed).hasViolation()).isFalse();
    }

    @Test
    void theCoreRuleCatchesCoreReachingIntoAnAdapter() {
        JavaClasses fixtures =
                new ClassFileImporter().importClasses(CoreClassReachingIntoAnAdapter.class, BetaAdapter.class);

        assertThat(CORE_KNOWS_NO_OUTER_MODULE.evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses fixtures = new ClassFileImporter()
                .importClasses(CoreClassReachingForJdbc.class, CoreClassReadingTheWallClock.class);

        assertThat(CORE_USES_NO_ADAPTER_TECHNOLOGY.evaluate(fixtures).hasViolation())
                .isTrue();
        assertThat(CORE_READS_TIME_ONLY_THROUGH_A_CLOCK.evaluate(fixtures).hasViolation())
                .isTrue();
    }
}
