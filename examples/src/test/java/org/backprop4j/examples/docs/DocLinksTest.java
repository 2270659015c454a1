package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every relative link and image on the docs pages points at a file (and heading) that exists. */
class DocLinksTest {

    /**
     * Pages the index lists before they are written. A link to one of them may dangle until it
     * lands; remove it from here when it does.
     */
    static final Set<String> PENDING_PAGES = Set.of();

    private static final Pattern LINK = Pattern.compile("(!?)\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void relativeLinksAndAnchorsResolve() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (DocPage page : DocPage.all()) {
            List<String> lines = Files.readAllLines(page.path(), StandardCharsets.UTF_8);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                Matcher link = LINK.matcher(inFence ? "" : line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    String target = link.group(2);
                    if (target.matches("^[a-z]+:.*")) {
                        continue;                                   // http:, https:, mailto:
                    }
                    checked++;
                    String problem = problem(page.path(), target, !link.group(1).isEmpty());
                    if (problem != null) {
                        broken.add(page.name() + " line " + (i + 1) + ": " + target + ": " + problem);
                    }
                }
            }
        }
        assertTrue(checked > 0, "no relative links found in docs/");
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    private static String problem(Path page, String target, boolean image) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            boolean pending = !image && resolved.getParent() != null
                    && resolved.getParent().equals(page.getParent()) && PENDING_PAGES.contains(resolved.getFileName().toString());
            return pending ? null : "no such file " + resolved;
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "no heading with anchor #" + anchor + " in " + resolved;
        }
        return null;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
