package dev.lossref.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's list of losses is generated from the catalog, between two markers, so that it cannot
 * drift as losses are added: this test fails when the two disagree, and with
 * {@code -Dreadme.update=true} it writes the list instead:
 * {@code ./mvnw test -Dtest=ReadmeLossesTest -Dreadme.update=true}.
 */
class ReadmeLossesTest {

    static final String START = "<!-- losses: generated from the catalog by ReadmeLossesTest -->";
    static final String END = "<!-- losses: end -->";
    private static final Path README = Path.of("README.md");

    @Test
    void readmeListsExactlyTheCatalogsLosses() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the start marker").isNotNegative();
        assertThat(end).as("README has the end marker after it").isGreaterThan(start);
        String generated = START + "\n" + table(CatalogNames.descriptors()) + END;
        String current = readme.substring(start, end + END.length());
        if (Boolean.getBoolean("readme.update") && !current.equals(generated)) {
            Files.writeString(README, readme.substring(0, start) + generated + readme.substring(end + END.length()));
            return;
        }
        assertThat(current)
                .as("README's list of losses; regenerate it with ./mvnw test -Dtest=ReadmeLossesTest "
                        + "-Dreadme.update=true")
                .isEqualTo(generated);
    }

    /**
     * The losses by family, one table row each: name, title, inputs, hyperparameters, second order, first reference.
     */
    static String table(List<LossDescriptor> losses) {
        StringBuilder text = new StringBuilder();
        Family family = null;
        for (LossDescriptor loss : losses) {
            if (loss.family() != family) {
                family = loss.family();
                text.append("\n### ")
                        .append(family.title())
                        .append("\n\n")
                        .append("| name | loss | inputs | hyperparameters | second order | reference |\n")
                        .append("| --- | --- | --- | --- | --- | --- |\n");
            }
            Reference first = loss.references().get(0);
            text.append("| `")
                    .append(loss.name())
                    .append("` | ")
                    .append(cell(loss.title()))
                    .append(" | ")
                    .append(loss.inputs().stream()
                            .map(input -> "`" + input.name() + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(loss.hyperparameters().stream()
                            .map(Hyperparameter::name)
                            .filter(name -> !COMMON.contains(name))
                            .map(name -> "`" + name + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(secondOrder(loss))
                    .append(" | [")
                    .append(cell(first.citation()))
                    .append("](")
                    .append(first.url())
                    .append(") |\n");
        }
        return text.append('\n').toString();
    }

    /** The request fields every loss, or every loss with second derivatives, shares: not listed per loss. */
    private static final List<String> COMMON = List.of("reduction", "gradients", "hessians", "newtonStep");

    private static String secondOrder(LossDescriptor loss) {
        boolean hessians = loss.hyperparameter("hessians").isPresent();
        boolean newton = loss.hyperparameter("newtonStep").isPresent();
        return hessians ? newton ? "`hessians`, `newtonStep`" : "`hessians`" : "";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
