package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Builds the offline site ({@code environment/site.py} into {@code target/site-test/}) and opens
 * every page in headless Chromium, driven over the DevTools protocol. A page fails on a console
 * error or an uncaught exception, a failed request, an image that does not decode, mathematics
 * left unrendered (text still holding {@code $…$} delimiters, no MathJax output where the notebook
 * has formulas, or a MathJax error box), or an interactive figure that plotly.js did not draw.
 * A screenshot of each page is saved under {@code target/site-screenshots/}.
 *
 * <p>{@code -Dsite.notebooks=DIR} builds the site from the notebooks in DIR instead of
 * {@code notebooks/} (e.g. freshly executed copies).
 *
 * <p>Skipped when no Chromium is installed, except under {@code CI=true}, where that fails with
 * the command that installs it. {@code -Dchromium=/path/to/chromium} picks a browser.
 */
class SiteBrowserTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();
    private static final Path SITE = HOME.resolve("target/site-test");
    private static final Path SHOTS = HOME.resolve("target/site-screenshots");
    private static final String INSTALL = "apt-get install -y chromium   (or run environment/setup.sh as root)";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);

    private static Process browser;
    private static Path profile;
    private static int port;

    @BeforeAll
    static void buildSiteAndStartBrowser() throws Exception {
        Optional<String> chromium = findChromium();
        if (chromium.isEmpty()) {
            boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
            assertThat(ci).as("CI=true but no Chromium found (chromium, chromium-browser, google-chrome on PATH, or -Dchromium=); install it: "
                    + INSTALL).isFalse();
            assumeTrue(false, "no Chromium on this machine (" + INSTALL + ")");
        }
        String python = pythonPath();
        List<String> cmd = new ArrayList<>(List.of(python, HOME.resolve("environment/site.py").toString(), "--out", SITE.toString()));
        notebooks().forEach(p -> cmd.add(p.toString()));
        Process site = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String siteLog = new String(site.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(site.waitFor(5, TimeUnit.MINUTES)).as("site.py finished").isTrue();
        assertThat(site.exitValue()).as("environment/site.py exit code; output:%n%s", siteLog).isZero();

        profile = Files.createTempDirectory("causal-heads-chromium");
        browser = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1280,1000", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank").redirectErrorStream(true).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/");
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (port == 0 && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = listening.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        assertThat(port).as("Chromium's DevTools port; its output:%n%s", seen).isPositive();
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // browser gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            // the whole tree: Chromium's helper processes (network service, renderers) write to the
            // profile too, and outlive the launcher when only it is ended
            List<ProcessHandle> tree = Stream.concat(browser.descendants(), Stream.of(browser.toHandle())).toList();
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle p : tree) {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    p.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (profile != null) {
            deleteTree(profile);
        }
    }

    /** Deletes a folder; walks again when a file vanished during the walk (a process still tidying up). */
    private static void deleteTree(Path root) throws IOException {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (UncheckedIOException | NoSuchFileException e) {
                // a file went away between listing and visiting: the next walk sees the folder as it is now
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everySitePageRendersCleanlyInChromium() throws IOException {
        List<Path> pages;
        try (Stream<Path> s = Files.list(SITE)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(pages).as("pages in %s", SITE).extracting(p -> p.getFileName().toString()).contains("index.html");
        assertThat(pages.size()).as("an index and one page per notebook").isEqualTo(notebooks().size() + 1);
        return pages.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path page) throws Exception {
        String name = page.getFileName().toString().replaceFirst("\\.html$", "");
        Path notebook = notebookDir().resolve(name + ".ipynb");
        boolean expectMath = Files.exists(notebook) && notebookHasMath(notebook);
        try (Cdp cdp = Cdp.open(port)) {
            cdp.call("Runtime.enable", new JsonObject());
            cdp.call("Log.enable", new JsonObject());
            cdp.call("Network.enable", new JsonObject());
            cdp.call("Page.enable", new JsonObject());
            JsonObject nav = new JsonObject();
            nav.addProperty("url", page.toUri().toString());
            JsonObject navigated = cdp.call("Page.navigate", nav);
            assertThat(navigated.has("errorText")).as("navigation to %s: %s", page, navigated).isFalse();
            long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
            // settled: the load event, MathJax's queue done, and every explorer drawn or given up
            String settled = "document.readyState === 'complete' && document.documentElement.getAttribute('data-mathjax') === 'done'"
                    + " && Array.from(document.querySelectorAll('.causal-heads-explorer'))"
                    + ".every(e => e.querySelector('.js-plotly-plot') !== null || !window.Plotly)";
            while (!cdp.evaluate(settled).getAsBoolean()) {
                assertThat(System.nanoTime()).as("%s settled (loaded, MathJax done, figures drawn) within %s; events: %s",
                        name, PAGE_TIMEOUT, cdp.problems()).isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(300);
            JsonObject facts = JsonParser.parseString(cdp.evaluate(FACTS).getAsString()).getAsJsonObject();

            JsonObject shot = new JsonObject();
            shot.addProperty("format", "png");
            byte[] png = Base64.getDecoder().decode(cdp.call("Page.captureScreenshot", shot).get("data").getAsString());
            Files.write(SHOTS.resolve(name + ".png"), png);

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(cdp.problems()).as("%s: console errors, exceptions and failed requests", name).isEmpty();
            soft.assertThat(facts.get("brokenImages").getAsJsonArray()).as("%s: images that did not decode", name).isEmpty();
            soft.assertThat(facts.get("rawMath").getAsJsonArray()).as("%s: text with unrendered $…$ mathematics", name).isEmpty();
            soft.assertThat(facts.get("mathErrors").getAsInt()).as("%s: MathJax error boxes (bad LaTeX)", name).isZero();
            if (expectMath) {
                soft.assertThat(facts.get("mathNodes").getAsInt()).as("%s has formulas: MathJax output elements", name).isPositive();
            }
            soft.assertThat(facts.get("undrawnExplorers").getAsInt()).as("%s: interactive figures plotly.js did not draw", name).isZero();
            soft.assertThat(facts.get("title").getAsString()).as("%s: page title", name).isNotBlank().isNotEqualTo("Notebook");
            soft.assertAll();
        }
    }

    /** Facts about the rendered page, as a JSON string. */
    private static final String FACTS = """
            (() => {
              const skip = n => n.closest && n.closest('script,style,pre,code,textarea,.MathJax,.MathJax_CHTML,.MathJax_Preview,.mjx-chtml,.MJX_Assistive_MathML');
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              const rawMath = [];
              let node;
              while ((node = walker.nextNode())) {
                const t = node.nodeValue;
                if (!t || t.indexOf('$') < 0 || skip(node.parentElement)) continue;
                if (/\\$\\$?[^$\\s][^$]*\\$\\$?/.test(t)) rawMath.push(t.trim().slice(0, 120));
              }
              const brokenImages = Array.from(document.images)
                .filter(i => !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0)).map(i => i.src.slice(0, 120));
              return JSON.stringify({
                title: document.title,
                rawMath: rawMath,
                brokenImages: brokenImages,
                mathNodes: document.querySelectorAll('.MathJax_CHTML, mjx-container').length,
                // TeX errors render as merror boxes; undefined macros (noUndefined) as their literal, red name
                mathErrors: document.querySelectorAll('.mjx-merror, .MathJax_Error').length
                  + Array.from(document.querySelectorAll('.MathJax_CHTML, mjx-container'))
                      .filter(m => m.textContent.indexOf('\\\\') >= 0).length,
                undrawnExplorers: Array.from(document.querySelectorAll('.causal-heads-explorer'))
                  .filter(e => e.querySelector('.js-plotly-plot') === null).length
              });
            })()
            """;

    private static Path notebookDir() {
        String dir = System.getProperty("site.notebooks", "");
        return dir.isBlank() ? HOME.resolve("notebooks") : Paths.get(dir).toAbsolutePath();
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(notebookDir())) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static boolean notebookHasMath(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!"markdown".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement src = cell.get("source");
            String text = src.isJsonArray() ? String.join("", new Gson().fromJson(src, String[].class)) : src.getAsString();
            if (text.replaceAll("(?s)```.*?```", "").replaceAll("`[^`]*`", "").matches("(?s).*\\$[^$\\s][^$]*\\$.*")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> findChromium() {
        String explicit = System.getProperty("chromium");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String exe : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path p = Paths.get(dir, exe);
                if (Files.isExecutable(p)) {
                    return Optional.of(p.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static String pythonPath() throws IOException {
        Path recorded = HOME.resolve("target/python-path");
        return Files.exists(recorded) ? Files.readString(recorded).trim() : "/usr/bin/python3";
    }

    /** A DevTools protocol session on one new page target. */
    static final class Cdp implements AutoCloseable {
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;
        private final String targetId;
        private final WebSocket ws;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        private final List<String> problems = new CopyOnWriteArrayList<>();

        private Cdp(int port, String targetId, String wsUrl) throws Exception {
            this.port = port;
            this.targetId = targetId;
            this.ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new Listener()).get(30, TimeUnit.SECONDS);
        }

        static Cdp open(int port) throws Exception {
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("DevTools /json/new: %s", r.body()).isEqualTo(200);
            JsonObject t = JsonParser.parseString(r.body()).getAsJsonObject();
            return new Cdp(port, t.get("id").getAsString(), t.get("webSocketDebuggerUrl").getAsString());
        }

        JsonObject call(String method, JsonObject params) throws Exception {
            int id = ids.incrementAndGet();
            JsonObject msg = new JsonObject();
            msg.addProperty("id", id);
            msg.addProperty("method", method);
            msg.add("params", params);
            CompletableFuture<JsonObject> f = new CompletableFuture<>();
            pending.put(id, f);
            ws.sendText(msg.toString(), true).get(30, TimeUnit.SECONDS);
            JsonObject reply = f.get(60, TimeUnit.SECONDS);
            assertThat(reply.has("error")).as("DevTools %s: %s", method, reply).isFalse();
            return reply.getAsJsonObject("result");
        }

        JsonElement evaluate(String expression) throws Exception {
            JsonObject p = new JsonObject();
            p.addProperty("expression", expression);
            p.addProperty("returnByValue", true);
            JsonObject r = call("Runtime.evaluate", p);
            assertThat(r.has("exceptionDetails")).as("evaluating %s: %s", expression, r).isFalse();
            return r.getAsJsonObject("result").get("value");
        }

        List<String> problems() {
            return List.copyOf(problems);
        }

        private void onMessage(String text) {
            JsonObject m = JsonParser.parseString(text).getAsJsonObject();
            if (m.has("id")) {
                CompletableFuture<JsonObject> f = pending.remove(m.get("id").getAsInt());
                if (f != null) {
                    f.complete(m);
                }
                return;
            }
            String method = m.has("method") ? m.get("method").getAsString() : "";
            JsonObject p = m.has("params") ? m.getAsJsonObject("params") : new JsonObject();
            switch (method) {
                case "Runtime.exceptionThrown" -> problems.add("exception: " + p.getAsJsonObject("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = p.get("type").getAsString();
                    if (type.equals("error") || type.equals("assert")) {
                        problems.add("console." + type + ": " + p.get("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonObject e = p.getAsJsonObject("entry");
                    if ("error".equals(e.get("level").getAsString())) {
                        problems.add("log error: " + e.get("text").getAsString() + (e.has("url") ? " (" + e.get("url").getAsString() + ")" : ""));
                    }
                }
                case "Network.loadingFailed" -> problems.add("failed request: " + p.get("errorText") + " " + p.get("requestId")
                        + (p.has("blockedReason") ? " blocked " + p.get("blockedReason") : ""));
                case "Network.responseReceived" -> {
                    JsonObject resp = p.getAsJsonObject("response");
                    int status = resp.get("status").getAsInt();
                    if (status >= 400) {
                        problems.add("HTTP " + status + ": " + resp.get("url").getAsString());
                    }
                }
                case "Network.requestWillBeSent" -> {
                    String url = p.getAsJsonObject("request").get("url").getAsString();
                    if (url.startsWith("http://") || url.startsWith("https://")) {
                        problems.add("network request from an offline page: " + url);
                    }
                }
                default -> {
                    // other events are not checked
                }
            }
        }

        @Override
        public void close() throws Exception {
            ws.abort();
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/close/" + targetId)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        private final class Listener implements WebSocket.Listener {
            private final StringBuilder buf = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    String text = buf.toString();
                    buf.setLength(0);
                    onMessage(text);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                problems.add("DevTools connection error: " + error);
                pending.values().forEach(f -> f.completeExceptionally(error));
            }
        }
    }
}
