package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.render.TextWidth;
import dev.irm.testing.IrmCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message templates (validated at load, filled from the incident), --lang / locale, report without records. */
class LanguageAndTemplatesTest {
    private final IrmCli cli = new IrmCli();

    @Test
    void unknownTemplateIsAnErrorAtItsLine() throws Exception {
        Path dir = Files.createTempDirectory("irm-tpl");
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                id: bad-template
                title: Bad
                severity: P2
                steps:
                  - id: tell
                    kind: manual
                    title: Tell people
                    text: post it
                    template: declaraton
                """);
        IrmCli.Result r = cli.run("validate", file.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("bad.yaml:5:") && r.err().contains("unknown template 'declaraton'")
                && r.err().contains("customer-notice"), r.err());
    }

    @Test
    void templatesAreFilledFromTheRunningIncidentInTheChosenLanguage() throws Exception {
        Path dir = Files.createTempDirectory("irm-tpl");
        Files.writeString(dir.resolve("talk.yaml"), """
                id: talk
                title: Talking
                severity: P1
                summary: Payments fail for everyone. More text here.
                i18n: {ko: {title: 소통}}
                steps:
                  - {id: declare, kind: manual, title: Declare, text: "post in #incident", template: declaration,
                     i18n: {ko: {title: 장애 선언, text: "#incident 채널에 올리세요"}}}
                  - {id: customers, kind: manual, title: Tell customers, text: "status page", template: customer-notice}
                  - {id: help, kind: manual, title: Ask for help, text: "page the lead", template: help-request}
                  - {id: done, kind: manual, title: Recovered, text: "post it", template: recovery}
                """);
        IrmCli.Result en = cli.run("--runbooks", dir.toString(), "run", "talk");
        assertEquals(0, en.code(), en.toString());
        for (String s : List.of("[INCIDENT - P1]", "Impact: Payments fail for everyone.", "Owner: tester@testhost",
                "temporary service disruption", "[HELP NEEDED - P1] Talking", "[RECOVERED]")) {
            assertTrue(en.out().contains(s), s + " in\n" + en.out());
        }
        IrmCli.Result ko = cli.run("--runbooks", dir.toString(), "--lang", "ko", "run", "talk");
        for (String s : List.of("장애 선언", "#incident 채널에 올리세요", "[장애 발생 - P1]", "담당: tester@testhost", "일시적인 서비스 장애", "[장애 복구 완료]")) {
            assertTrue(ko.out().contains(s), s + " in\n" + ko.out());
        }
        IrmCli.Result byLocale = new IrmCli().env("LANG", "ko_KR.UTF-8").run("--runbooks", dir.toString(), "run", "talk");
        assertTrue(byLocale.out().contains("[장애 발생 - P1]"), byLocale.out());
    }

    @Test
    void koreanTitlesKeepTheListAligned() {
        IrmCli.Result r = cli.run("--lang", "ko", "list");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(r.out().contains("Redis 메모리 부족"), r.out());
        int titleColumn = TextWidth.of(lines.get(0).substring(0, lines.get(0).indexOf("TITLE")));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s{2,}");
            String beforeTitle = line.substring(0, line.lastIndexOf(cells[cells.length - 1]));
            assertEquals(titleColumn, TextWidth.of(beforeTitle), line);
        }
    }

    @Test
    void badLangAndMissingRecordsAreUsageErrors() {
        assertEquals(64, cli.run("--lang", "fr", "list").code());
        IrmCli.Result r = cli.run("report");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("no records yet"), r.err());
    }
}
