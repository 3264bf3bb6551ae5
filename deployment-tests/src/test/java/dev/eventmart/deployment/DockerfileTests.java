package dev.eventmart.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one Dockerfile every service is built from. */
class DockerfileTests {

    private final List<String> lines = Repository.read("Dockerfile").lines().map(String::strip).toList();

    @Test
    void buildsOnPinnedImages() {
        List<String> images = lines.stream().filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1]).toList();
        assertThat(images).hasSize(2).allSatisfy(image -> assertThat(image)
                .as("pinned to a release, not a moving tag").matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[^:]*")
                .doesNotContain("latest"));
    }

    @Test
    void buildsOnlyTheChosenServiceWithTheWrapper() {
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("./mvnw").contains("-pl \"$SERVICE\" -am"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("-Djarmode=tools -jar application.jar extract --layers"));
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        List<String> users = lines.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        assertThat(users.getLast()).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
    }

    @Test
    void keepsWhatMavenNeedsInTheBuildContext() {
        List<String> ignored = Repository.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("^/|/$", "")).toList();
        assertThat(ignored).doesNotContain("*", "**", "pom.xml", "mvnw", ".mvn", "src", "**/src");
        assertThat(ignored).doesNotContainAnyElementsOf(Repository.serviceModules());
    }
}
