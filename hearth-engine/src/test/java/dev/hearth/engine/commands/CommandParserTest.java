package dev.hearth.engine.commands;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTest {
    private final CommandParser parser = new CommandParser();

    @Test
    void readsNamePropertiesAndData() {
        WorkflowCommand c = parser.parse("::error file=app.js,line=1,col=5,endColumn=7,title=Bad thing::Missing semicolon");
        assertThat(c.name()).isEqualTo("error");
        assertThat(c.properties()).containsOnly(Map.entry("file", "app.js"), Map.entry("line", "1"),
                Map.entry("col", "5"), Map.entry("endColumn", "7"), Map.entry("title", "Bad thing"));
        assertThat(c.value()).isEqualTo("Missing semicolon");
        assertThat(c.isKnown()).isTrue();
        assertThat(c.resumes()).isFalse();
    }

    @Test
    void everyCommandGitHubKnowsIsRead() {
        for (String name : WorkflowCommand.KNOWN) {
            if (name.equals(CommandParser.STOP_COMMANDS)) {
                continue;
            }
            WorkflowCommand c = parser.parse("::" + name + " name=x::data");
            assertThat(c).as(name).isNotNull();
            assertThat(c.is(name)).isTrue();
            assertThat(c.property("name")).isEqualTo("x");
            assertThat(c.value()).isEqualTo("data");
        }
    }

    @Test
    void leadingWhitespaceIsAllowedButNothingElseBeforeTheCommand() {
        assertThat(parser.parse("   \t::warning::indented").value()).isEqualTo("indented");
        assertThat(parser.parse("\u00a0::warning::after a no-break space").value()).isEqualTo("after a no-break space");
        assertThat(parser.parse("echo ::warning::not a command")).isNull();
        assertThat(parser.parse("plain output")).isNull();
        assertThat(parser.parse("")).isNull();
        assertThat(parser.parse(null)).isNull();
    }

    @Test
    void namesAndPropertyKeysAreCaseInsensitive() {
        WorkflowCommand c = parser.parse("::ERROR FILE=a.c,Line=3::boom");
        assertThat(c.is("error")).isTrue();
        assertThat(c.property("file")).isEqualTo("a.c");
        assertThat(c.properties().get("line")).isEqualTo("3");
    }

    @Test
    void dataIsUnescaped() {
        assertThat(parser.parse("::debug::100%25 done%0Anext%0Dline").value()).isEqualTo("100% done\nnext\rline");
        // Only the data escapes apply to data, and codes are upper-case only, as in the runner.
        assertThat(parser.parse("::debug::a%3Ab%2Cc %0a").value()).isEqualTo("a%3Ab%2Cc %0a");
        assertThat(parser.parse("::debug::%250A").value()).isEqualTo("%0A");
        assertThat(parser.parse("::debug::50%").value()).isEqualTo("50%");
        assertThat(parser.parse("::debug::a::b").value()).isEqualTo("a::b");
    }

    @Test
    void propertiesAreUnescaped() {
        WorkflowCommand c = parser.parse("::error title=a%3Ab%2Cc%25d%0Ae::m");
        assertThat(c.property("title")).isEqualTo("a:b,c%d\ne");
    }

    @Test
    void escapingRoundTrips() {
        String data = "50% done\r\nwith: colons, commas";
        assertThat(CommandParser.escapeData(data)).isEqualTo("50%25 done%0D%0Awith: colons, commas");
        assertThat(CommandParser.escapeProperty(data)).isEqualTo("50%25 done%0D%0Awith%3A colons%2C commas");
        assertThat(CommandParser.unescapeData(CommandParser.escapeData(data))).isEqualTo(data);
        assertThat(CommandParser.unescapeProperty(CommandParser.escapeProperty(data))).isEqualTo(data);
        assertThat(CommandParser.escapeData("plain")).isEqualTo("plain");

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", "C:\\src\\a,b.c");
        properties.put("title", "50%: done");
        WorkflowCommand command = new WorkflowCommand("warning", properties, "line one\nline two");
        assertThat(command.toLine()).isEqualTo("::warning file=C%3A\\src\\a%2Cb.c,title=50%25%3A done::line one%0Aline two");
        assertThat(parser.parse(command.toLine())).isEqualTo(command);
    }

    @Test
    void propertiesAreSplitAsTheRunnerSplitsThem() {
        WorkflowCommand c = parser.parse("::error  a=1,,b=,=c,d==4,e=5=6,f,g=7, h=8,a=9 ::m");
        // Empty entries vanish; a name or value left empty drops the pair; '=' right after the first is
        // dropped; later '=' belong to the value; a repeated name keeps the last value; the whole property
        // text is trimmed but each key is not (" h").
        assertThat(c.properties()).containsOnly(Map.entry("a", "9"), Map.entry("d", "4"), Map.entry("e", "5=6"),
                Map.entry("g", "7"), Map.entry(" h", "8"));
    }

    @Test
    void linesThatOnlyLookLikeCommandsArePlainOutput() {
        assertThat(parser.parse("::warning")).isNull();
        assertThat(parser.parse(":: warning::x")).isNull();
        assertThat(parser.parse("::::x")).isNull();
        assertThat(parser.parse(":::x")).isNull();
    }

    @Test
    void unknownNamesAreReturnedButMarked() {
        WorkflowCommand c = parser.parse("::set-environment name=A::b");
        assertThat(c.name()).isEqualTo("set-environment");
        assertThat(c.property("name")).isEqualTo("A");
        assertThat(c.isKnown()).isFalse();
        // The runner does not register internal-set-repo-path for steps.
        assertThat(parser.parse("::internal-set-repo-path repoFullName=a/b::x").isKnown()).isFalse();
    }

    @Test
    void readsTheLegacyFormAnywhereInTheLine() {
        WorkflowCommand c = parser.parse("build: ##[error file=a.c;line=3;title=x%3By]bad%3B thing%5D%0Ahere");
        assertThat(c.is("error")).isTrue();
        assertThat(c.properties()).containsOnly(Map.entry("file", "a.c"), Map.entry("line", "3"), Map.entry("title", "x;y"));
        assertThat(c.value()).isEqualTo("bad; thing]\nhere");
        assertThat(parser.parse("##[group]Title").is("group")).isTrue();
        assertThat(parser.parse("##[endgroup]").is("endgroup")).isTrue();
        // The legacy form only counts for known commands.
        assertThat(parser.parse("##[section]Starting")).isNull();
        assertThat(parser.parse("##[warning")).isNull();
    }

    @Test
    void aKnownLegacyCommandWinsOverAnUnknownNewFormOne() {
        WorkflowCommand c = parser.parse("::nothing:: ##[warning]real");
        assertThat(c.is("warning")).isTrue();
        assertThat(c.value()).isEqualTo("real");
    }

    @Test
    void stopCommandsPausesUntilTheTokenLine() {
        WorkflowCommand stop = parser.parse("::stop-commands::pause-9f3a1c");
        assertThat(stop.is("stop-commands")).isTrue();
        assertThat(stop.value()).isEqualTo("pause-9f3a1c");
        assertThat(parser.stopped()).isTrue();

        assertThat(parser.parse("::warning::not a warning")).isNull();
        assertThat(parser.parse("::add-mask::not a mask")).isNull();
        assertThat(parser.parse("##[error]not an error")).isNull();
        assertThat(parser.parse("::stop-commands::other")).isNull();
        assertThat(parser.parse("::unknown::x")).isNull();
        assertThat(parser.parse("pause-9f3a1c")).isNull();
        assertThat(parser.parse("::pause-9f3a1c")).isNull();

        WorkflowCommand resume = parser.parse("::PAUSE-9F3A1C a=b::ignored");
        assertThat(resume.resumes()).isTrue();
        assertThat(resume.name()).isEqualTo("PAUSE-9F3A1C");
        assertThat(resume.isKnown()).isTrue();
        assertThat(parser.stopped()).isFalse();

        assertThat(parser.parse("::warning::a warning again").is("warning")).isTrue();
        assertThat(parser.parse("::pause-9f3a1c::").isKnown()).isFalse();
    }

    @Test
    void theLegacyFormResumesToo() {
        parser.parse("::stop-commands::tok-123456");
        assertThat(parser.parse("log ##[tok-123456]").resumes()).isTrue();
    }

    @Test
    void unsafeStopTokensAreRefusedAndNothingPauses() {
        for (String token : new String[] {"", "pause-logging", "warning", "STOP-COMMANDS", "add-mask"}) {
            CommandParser p = new CommandParser();
            WorkflowCommand stop = p.parse("::stop-commands::" + token);
            assertThat(stop.is("stop-commands")).as(token).isTrue();
            assertThat(p.stopped()).as(token).isFalse();
            assertThat(p.parse("::warning::still processed").is("warning")).isTrue();
        }
    }

    @Test
    void aTokenEqualToACommandNameWorksWhenAllowedAndResumesInsteadOfRunning() {
        CommandParser p = new CommandParser(true);
        p.parse("::stop-commands::warning");
        assertThat(p.stopped()).isTrue();
        assertThat(p.parse("::error::hidden")).isNull();
        WorkflowCommand resume = p.parse("::warning::looks like a warning");
        assertThat(resume.resumes()).isTrue();
        assertThat(resume.is("warning")).isFalse();
        assertThat(p.stopped()).isFalse();
        assertThat(p.parse("::warning::a real one").is("warning")).isTrue();
    }

    @Test
    void anEmptyTokenWhenAllowedNeverResumes() {
        CommandParser p = new CommandParser(true);
        p.parse("::stop-commands::");
        assertThat(p.stopped()).isTrue();
        assertThat(p.parse("::::")).isNull();
        assertThat(p.parse("::warning::x")).isNull();
        assertThat(p.stopped()).isTrue();
    }

    @Test
    void aTokenWithASpaceCanNeverBeMatched() {
        CommandParser p = new CommandParser();
        p.parse("::stop-commands::two words");
        assertThat(p.stopped()).isTrue();
        assertThat(p.parse("::two words::")).isNull();
        assertThat(p.parse("::two::")).isNull();
        assertThat(p.stopped()).isTrue();
    }
}
