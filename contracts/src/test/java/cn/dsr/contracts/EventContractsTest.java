package cn.dsr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    private static List<Path> schemaFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(EventContracts.class.getClassLoader().getResource("contracts/schemas").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void every_schema_is_named_after_its_type_and_listed_in_the_asyncapi_document() throws Exception {
        String asyncapi;
        try (InputStream in = EventContracts.resource("contracts/asyncapi.yaml")) {
            asyncapi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Path> files = schemaFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String type = file.getFileName().toString().replace(".schema.json", "");
            var schema = new ObjectMapper().readTree(file.toFile());
            assertThat(schema.get("$id").asText()).isEqualTo(EventContracts.SCHEMA_ID_PREFIX + type);
            assertThat(asyncapi).as("asyncapi lists %s", type).contains("name: " + type).contains("schemas/" + file.getFileName());
            assertThat(EventContracts.schema(type)).isNotNull();
        }
    }

    @Test
    void an_org_unit_state_without_a_revision_or_with_a_bad_code_is_refused() {
        String type = "cn.gov.mee.dsr.roster.org-unit.state.v1";
        byte[] good = """
                {"code":"411622","name":"西华县分局","kind":"DISTRICT","parentCode":"411600","tenant":"411622","status":"ACTIVE","rosterRevision":1}"""
                .getBytes(StandardCharsets.UTF_8);
        byte[] bad = """
                {"code":"41162X","name":"x","kind":"DISTRICT","tenant":"411622","status":"ACTIVE"}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventContracts.violations(type, good)).isEmpty();
        assertThat(EventContracts.violations(type, bad)).anyMatch(m -> m.contains("code")).anyMatch(m -> m.contains("rosterRevision"));
    }
}
