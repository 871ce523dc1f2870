package io.happy3.cli;

import io.happy3.testing.TcpProxy;
import static org.assertj.core.api.Assertions.assertThat;

import io.happy3.adapter.http.HttpServer;
import io.happy3.adapter.playbook.PlaybookFolder;
import io.happy3.adapter.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeReadinessTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path temp;
    private Server h2;
    private TcpProxy proxy;
    private Database database;
    private PlaybookFolder playbooks;
    private HttpServer http;

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (database != null) {
            database.close();
        }
        if (playbooks != null) {
            playbooks.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void readyz_databaseGoesAwayAndReturns_answers503ThenRecovers() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", temp.toString(), "-ifNotExists").start();
        proxy = new TcpProxy("127.0.0.1", h2.getPort());
        database = Database.open("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/happy3", "sa", "");
        playbooks = PlaybookFolder.open(playbookFolder());
        http = serve(ServeReadiness.of(database, playbooks));

        assertThat(get("/readyz")).isEqualTo("200 ok");

        proxy.stop();

        assertThat(get("/readyz")).isEqualTo("503 database unreachable (HAPPY3_DB_URL)");
        assertThat(get("/healthz")).isEqualTo("200 ok");

        proxy.start();

        awaitReady(Duration.ofSeconds(15));
        assertThat(get("/readyz")).isEqualTo("200 ok");
    }

    @Test
    void readyz_playbookFolderEmptied_answers503NamingTheVariable() throws Exception {
        database = Database.open("jdbc:h2:mem:readiness-" + System.nanoTime(), "", "");
        Path folder = playbookFolder();
        playbooks = PlaybookFolder.open(folder);
        http = serve(ServeReadiness.of(database, playbooks));
        assertThat(get("/readyz")).isEqualTo("200 ok");

        Files.delete(folder.resolve("default.yaml"));
        playbooks.reload();

        assertThat(get("/readyz")).isEqualTo("503 no playbooks loaded (HAPPY3_PLAYBOOKS=" + folder + ")");
    }

    private HttpServer serve(java.util.function.Supplier<java.util.Optional<String>> notReady) {
        return new HttpServer("127.0.0.1", 0, List.of(), notReady).start();
    }

    private Path playbookFolder() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("playbooks"));
        Files.copy(Path.of("playbooks/default.yaml"), folder.resolve("default.yaml"));
        return folder;
    }

    private void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!get("/readyz").startsWith("200") && Instant.now().isBefore(deadline)) {
            // Probe like Kubernetes does, seconds apart: HikariCP re-validates a connection idle > 500 ms.
            Thread.sleep(1_000);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + http.port() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }
}
