using System.Text;
using System.Text.Json;
using ApiMigrator.Tests.Evaluation;
using ApiMigrator.Tests.Llm;
using ApiMigrator.Tests.Notebooks;
using ApiMigrator.Tests.Reporting;

namespace ApiMigrator.Tests.Cli;

/// <summary>
/// `apimig migrate --llm-*`: the real CLI in-process on a temporary repository, the real HTTP client against the
/// scripted server. The hand-written rules of <see cref="TinyDataset"/> start at 0.95: <c>np.float_</c> through an
/// import is 0.95 (direct); <c>df.append(x)</c> with <c>df</c> of unknown origin in a file importing pandas is
/// 0.95 × 0.75 = 0.71 (guided); in a file that only names pandas in a comment 0.95 × 0.45 = 0.43 (plain, a weak match).
/// </summary>
[Collection(ApiMigrator.Tests.Llm.TimingSensitive.Name)]
public sealed class MigrateLlmTests
{
    private const string Frames = "import pandas as pd\n\ndef f(df, x):\n    return df.append(x)\n";
    private const string FramesMigrated = "import pandas as pd\n\ndef f(df, x):\n    return pd.concat([df, x])\n";
    private const string Numbers = "import numpy as np\nx = np.float_(1)\n";
    private const string NumbersMigrated = "import numpy as np\nx = np.float64(1)\n";
    private const string Weak = "# frames come from pandas\ndef f(df, x):\n    return df.append(x)\n";

    private static string Fenced(string code) => "```python\n" + code + "\n```";

    /// <summary>A scripted model: the guided prompt for `df.append(x)` gets <paramref name="guided"/>, a plain one <paramref name="plain"/>.</summary>
    private static ScriptedChatServer Model(string guided, string? plain = null, TimeSpan delay = default)
        => ScriptedChatServer.Start(request =>
        {
            // The first user message is the prompt; a second request (after feedback) carries it too.
            var prompt = request.Messages.First(m => m.Role == "user").Content;
            if (prompt.Contains("Rule pandas.append-to-concat", StringComparison.Ordinal)) return ScriptedReply.Answer(guided, delay);
            if (plain is not null) return ScriptedReply.Answer(plain, delay);
            return ScriptedReply.Error(400, "unexpected prompt");
        });

    private static (string Root, string Rules) Repo(params (string Path, string Text)[] files)
    {
        var root = TempTree.Folder();
        foreach (var (path, text) in files) TempTree.Write(root, path, text);
        var rules = Path.Combine(TempTree.Folder(), "rules.yaml");
        File.WriteAllText(rules, TinyDataset.Rules);
        return (root, rules);
    }

    private static string[] Llm(ScriptedChatServer server, params string[] more)
        => ["--llm-endpoint", server.Endpoint.ToString(), "--llm-model", "scripted", "--llm-retries", "0", "--llm-timeout", "30", .. more];

    private static string Relative(string text, string root) => text.Replace(root + "/", "", StringComparison.Ordinal);

    private static JsonElement Report(string path) => JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;

    private static JsonElement FileIn(JsonElement report, string root, string relative)
        => report.GetProperty("files").EnumerateArray().Single(f => Relative(f.GetProperty("path").GetString()!, root) == relative);

    [Fact]
    public async Task Given_a_guided_site_and_a_right_answer_Then_the_diff_shows_it_and_the_reports_record_the_guided_tier()
    {
        // A file no rule could match is not even parsed, with a model as without one: its syntax error goes unreported.
        var (root, rules) = Repo(("app/frames.py", Frames), ("app/numbers.py", Numbers), ("app/unrelated.py", "def (:\n"));
        var before = TempTree.Snapshot(root);
        var report = Path.Combine(TempTree.Folder(), "report.json");
        using var server = Model(Fenced("return pd.concat([df, x])"));

        var run = await CliRun.Of(["migrate", "--rules", rules, "--report", report, .. Llm(server), root]);
        var runSarif = await CliRun.Of(["migrate", "--rules", rules, "--format", "sarif", .. Llm(server), root]);

        Assert.Equal((0, 0), (run.ExitCode, runSarif.ExitCode));
        Assert.Equal(before, TempTree.Snapshot(root));
        var diff = Relative(run.Out, root);
        Assert.Contains("-    return df.append(x)\n+    return pd.concat([df, x])\n", diff, StringComparison.Ordinal);
        Assert.Contains("-x = np.float_(1)\n+x = np.float64(1)\n", diff, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^# apimig: app/frames\.py:4:12: guided pandas\.append-to-concat \(confidence 0\.71, rule-guided [^,]+, prompt [0-9a-f]{12}, model scripted\)\n--- app/frames\.py\n", diff);
        Assert.Matches(@"(?m)^# apimig: app/numbers\.py:2:5: direct numpy\.float_-to-numpy\.float64 \(confidence 0\.95\)\n--- app/numbers\.py\n", diff);
        // The annotated diff still applies as a patch.
        foreach (var (label, fileDiff) in PatchApplier.Files(StripDecisionLines(run.Out)))
            Assert.Equal(label.EndsWith("frames.py", StringComparison.Ordinal) ? FramesMigrated : NumbersMigrated, PatchApplier.Apply(File.ReadAllText(label), fileDiff));
        Assert.Contains("model scripted: confidence ≥ 0.85 the rule applies (direct), ≥ 0.60 the rule guides the model (guided), ≥ 0.50 a zero-shot prompt (plain)", run.Error, StringComparison.Ordinal);
        Assert.Contains("changes by tier: 1 direct, 1 guided, 0 plain", run.Error, StringComparison.Ordinal);
        Assert.Contains(": 2 would change, 1 unchanged, 0 skipped", run.Error, StringComparison.Ordinal);

        var json = Report(report);
        var guided = Assert.Single(FileIn(json, root, "app/frames.py").GetProperty("changes").EnumerateArray());
        Assert.Equal(("pandas.append-to-concat", "guided", "rule-guided", "accepted", 4, 12),
            (guided.GetProperty("rule").GetString(), guided.GetProperty("tier").GetString(), guided.GetProperty("strategy").GetString(),
             guided.GetProperty("outcome").GetString(), guided.GetProperty("line").GetInt32(), guided.GetProperty("column").GetInt32()));
        Assert.Equal(0.712, guided.GetProperty("confidence").GetDouble());
        Assert.Equal(["pandas.append-to-concat"], guided.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        Assert.Matches("^[0-9a-f]{64}$", guided.GetProperty("promptHash").GetString());
        Assert.Equal("confidence 0.71 in [0.60, 0.85)", guided.GetProperty("route").GetString());
        Assert.Empty(FileIn(json, root, "app/frames.py").GetProperty("findings").EnumerateArray());
        var direct = Assert.Single(FileIn(json, root, "app/numbers.py").GetProperty("changes").EnumerateArray());
        Assert.Equal("direct", direct.GetProperty("tier").GetString());
        Assert.False(direct.TryGetProperty("promptHash", out _));
        var byTier = json.GetProperty("summary").GetProperty("changesByTier");
        Assert.Equal((1, 1, 0), (byTier.GetProperty("direct").GetInt32(), byTier.GetProperty("guided").GetInt32(), byTier.GetProperty("plain").GetInt32()));

        var results = JsonDocument.Parse(runSarif.OutBytes).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var model = results.Single(r => r.GetProperty("ruleId").GetString() == "pandas.append-to-concat").GetProperty("properties");
        Assert.Equal(("guided", "rule-guided", "accepted"), (model.GetProperty("tier").GetString(), model.GetProperty("strategy").GetString(), model.GetProperty("outcome").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", model.GetProperty("promptHash").GetString());
        Assert.Equal(guided.GetProperty("promptHash").GetString(), model.GetProperty("promptHash").GetString());
        Assert.Equal("direct", results.Single(r => r.GetProperty("ruleId").GetString() == "numpy.float_-to-numpy.float64").GetProperty("properties").GetProperty("tier").GetString());
    }

    [Theory]
    [InlineData("```python\nmerged = df.append(x)\nreturn merged\n```", "check-failed", "the old API is still used: rule pandas.append-to-concat still matches `df.append(x)`")]
    [InlineData("", "empty-answer", "the answer has no code")]
    [InlineData("```python\nreturn pd.concat([df, x]\n```", "syntax-error", "the code does not parse")]
    public async Task Given_a_wrong_or_empty_answer_Then_the_file_is_unchanged_and_a_finding_says_why(string answer, string outcome, string reason)
    {
        var (root, rules) = Repo(("app/frames.py", Frames));
        var report = Path.Combine(TempTree.Folder(), "report.json");
        using var server = Model(answer);

        var run = await CliRun.Of(["migrate", "--rules", rules, "--report", report, .. Llm(server), root]);
        var check = await CliRun.Of(["migrate", "--check", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(0, check.ExitCode); // nothing would change: a rejected answer is not a change
        Assert.Equal(Frames, File.ReadAllText(Path.Combine(root, "app/frames.py")));
        Assert.Equal(4, server.Requests.Count); // each run: the answer, then the answer after feedback
        Assert.Contains($"app/frames.py:4:12: model-not-applied pandas.append-to-concat: not migrated by the model (guided tier, rule-guided, confidence 0.71): {reason}",
            Relative(run.Error, root), StringComparison.Ordinal);
        Assert.Contains("1 finding (migrations not made): 1 model-not-applied", run.Error, StringComparison.Ordinal);
        Assert.Contains("changes by tier: 0 direct, 0 guided, 0 plain", run.Error, StringComparison.Ordinal);
        var finding = Assert.Single(FileIn(Report(report), root, "app/frames.py").GetProperty("findings").EnumerateArray());
        Assert.Equal(("model-not-applied", "guided", outcome, false), (finding.GetProperty("kind").GetString(), finding.GetProperty("tier").GetString(),
            finding.GetProperty("outcome").GetString(), finding.GetProperty("verified").GetBoolean()));
        Assert.StartsWith(reason, finding.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal([answer, answer], finding.GetProperty("answers").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Given_check_When_only_the_model_would_change_a_file_Then_it_counts_and_exits_1()
    {
        var (root, rules) = Repo(("app/frames.py", Frames), ("app/plain.py", "import os\n"));
        using var server = Model(Fenced("return pd.concat([df, x])"));

        var run = await CliRun.Of(["migrate", "--check", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("+    return pd.concat([df, x])\n", run.Out, StringComparison.Ordinal);
        Assert.Contains(": 1 would change, 1 unchanged, 0 skipped", run.Error, StringComparison.Ordinal);
        Assert.Contains("changes by tier: 0 direct, 1 guided, 0 plain", run.Error, StringComparison.Ordinal);
        Assert.Equal(Frames, File.ReadAllText(Path.Combine(root, "app/frames.py")));
    }

    [Fact]
    public async Task Given_write_Then_model_changes_are_written_atomically_and_a_second_run_changes_nothing()
    {
        var (root, rules) = Repo(("app/frames.py", Frames), ("app/numbers.py", Numbers), ("app/crlf.py", Frames.Replace("\n", "\r\n", StringComparison.Ordinal)),
            ("app/commented.py", "import pandas as pd\n\ndef f(df, x):\n    if x:  return df.append(x)  # keep me\n    return df\n"));
        var before = TempTree.Snapshot(root);
        using var server = Model(Fenced("return pd.concat([df, x])"));

        var run = await CliRun.Of(["migrate", "--write", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(FramesMigrated, File.ReadAllText(Path.Combine(root, "app/frames.py")));
        Assert.Equal(NumbersMigrated, File.ReadAllText(Path.Combine(root, "app/numbers.py")));
        Assert.Equal(Encoding.UTF8.GetBytes(FramesMigrated.Replace("\n", "\r\n", StringComparison.Ordinal)), File.ReadAllBytes(Path.Combine(root, "app/crlf.py")));
        // Only the statement's bytes change: what precedes it on its line and the comment after it stay.
        Assert.Equal("import pandas as pd\n\ndef f(df, x):\n    if x:  return pd.concat([df, x])  # keep me\n    return df\n", File.ReadAllText(Path.Combine(root, "app/commented.py")));
        Assert.Equal(before.Keys, TempTree.Snapshot(root).Keys); // no temporary files left
        Assert.Contains("migrated app/frames.py (1 change)", Relative(run.Error, root), StringComparison.Ordinal);
        Assert.Contains("changes by tier: 1 direct, 3 guided, 0 plain", run.Error, StringComparison.Ordinal);
        int requests = server.Requests.Count;

        var again = await CliRun.Of(["migrate", "--check", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Out);
        Assert.Equal(requests, server.Requests.Count); // nothing left to ask about
    }

    [Fact]
    public async Task Given_write_When_the_file_changes_on_disk_while_the_model_answers_Then_it_is_left_alone()
    {
        var (root, rules) = Repo(("app/frames.py", Frames));
        var path = Path.Combine(root, "app/frames.py");
        const string edited = Frames + "# edited meanwhile\n";
        using var server = ScriptedChatServer.Start(_ =>
        {
            File.WriteAllText(path, edited);
            return ScriptedReply.Answer(Fenced("return pd.concat([df, x])"));
        });

        var run = await CliRun.Of(["migrate", "--write", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.Contains("skipped (changed on disk during the run)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_no_llm_option_Then_the_output_is_the_rules_alone_with_no_model_output()
    {
        var (root, rules) = Repo(("app/frames.py", Frames), ("app/numbers.py", Numbers));
        var report = Path.Combine(TempTree.Folder(), "report.json");

        var run = await CliRun.Of(["migrate", "--rules", rules, "--report", report, root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("--- app/numbers.py\n+++ app/numbers.py\n@@ -1,2 +1,2 @@\n import numpy as np\n-x = np.float_(1)\n+x = np.float64(1)\n", Relative(run.Out, root));
        Assert.Contains("app/frames.py:4:12: low-confidence pandas.append-to-concat: possible migration (confidence 0.71 < 0.85)", Relative(run.Error, root), StringComparison.Ordinal);
        Assert.DoesNotContain("tier", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("model", run.Error, StringComparison.Ordinal);
        var text = File.ReadAllText(report);
        foreach (var key in new[] { "\"tier\"", "changesByTier", "promptHash", "\"route\"" }) Assert.DoesNotContain(key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_weak_match_Then_the_model_is_asked_only_with_show_weak_and_its_plain_answer_is_recorded_as_plain()
    {
        var (root, rules) = Repo(("app/weak.py", Weak));
        var report = Path.Combine(TempTree.Folder(), "report.json");
        using var server = Model("(not asked)", plain: Fenced("import pandas as pd\nreturn pd.concat([df, x])"));

        var quiet = await CliRun.Of(["migrate", "--rules", rules, .. Llm(server), root]);
        Assert.Equal(("", 0), (quiet.Out, server.Requests.Count));
        Assert.Contains("1 weak match", quiet.Error, StringComparison.Ordinal);

        var run = await CliRun.Of(["migrate", "--show-weak", "--rules", rules, "--report", report, .. Llm(server), root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+import pandas as pd\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("+    return pd.concat([df, x])\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("changes by tier: 0 direct, 0 guided, 1 plain", run.Error, StringComparison.Ordinal);
        var change = Assert.Single(FileIn(Report(report), root, "app/weak.py").GetProperty("changes").EnumerateArray());
        Assert.Equal(("plain", "zero-shot", "confidence 0.43 < 0.60"), (change.GetProperty("tier").GetString(), change.GetProperty("strategy").GetString(), change.GetProperty("route").GetString()));
        Assert.DoesNotContain("Rule pandas", Assert.Single(server.Requests).Messages.Last(m => m.Role == "user").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_plain_answer_that_leaves_the_site_as_it_was_Then_nothing_changes_and_the_finding_says_the_model_left_it()
    {
        var (root, rules) = Repo(("app/weak.py", Weak + "\n"));
        using var server = Model("(not asked)", plain: Fenced("return df.append(x)   "));

        var run = await CliRun.Of(["migrate", "--show-weak", "--rules", rules, .. Llm(server), root]);

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Contains("app/weak.py:3:12: low-confidence pandas.append-to-concat: possible migration (confidence 0.43 < 0.85)", Relative(run.Error, root), StringComparison.Ordinal);
        Assert.Contains("; the model (plain tier, zero-shot, confidence 0.43) left it unchanged", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_answer_that_a_second_rules_pass_would_change_in_the_file_Then_it_is_dropped_with_the_reason()
    {
        // The answer passes the guided check (the append is gone) but brings np.float_, which the file's numpy import makes certain.
        const string code = "import numpy as np\nimport pandas as pd\n\ndef f(df, x):\n    return df.append(x)\n";
        var (root, rules) = Repo(("app/frames.py", code));
        using var server = Model(Fenced("return pd.concat([df, np.float_(x)])"));

        var run = await CliRun.Of(["migrate", "--rules", rules, .. Llm(server), root]);

        Assert.Equal((0, ""), (run.ExitCode, run.Out));
        Assert.Contains("app/frames.py:5:12: model-not-applied pandas.append-to-concat: not migrated by the model (guided tier, rule-guided, confidence 0.71): " +
            "the answer was verified but not applied: a second rules pass would change the file (rule numpy.float_-to-numpy.float64 at line 5)", Relative(run.Error, root), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unsafe_rule_without_unsafe_Then_its_match_stays_a_finding_and_the_model_is_not_asked()
    {
        var (root, rules) = Repo(("app/numbers.py", Numbers));
        File.WriteAllText(rules, TinyDataset.Rules.Replace("  replace: numpy.float64\n", "  replace: numpy.float64\n  safety: unsafe\n", StringComparison.Ordinal));
        using var server = Model("(not asked)", plain: "(not asked)");

        var run = await CliRun.Of(["migrate", "--rules", rules, .. Llm(server), root]);

        Assert.Equal((0, "", 0), (run.ExitCode, run.Out, server.Requests.Count));
        Assert.Contains("unsafe numpy.float_-to-numpy.float64: unsafe fix available (--unsafe)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_notebook_Then_the_model_migrates_a_statement_of_a_cell_and_only_that_cell_changes()
    {
        var notebook = Nb.Json(Nb.Code("import pandas as pd\n%matplotlib inline"), Nb.Markdown("Frames."), Nb.Code("def f(df, x):\n    return df.append(x)"));
        var (root, rules) = Repo(("nb.ipynb", notebook));
        var report = Path.Combine(TempTree.Folder(), "report.json");
        using var server = Model(Fenced("return pd.concat([df, x])"));

        var run = await CliRun.Of(["migrate", "--write", "--rules", rules, "--report", report, .. Llm(server), root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(notebook.Replace("\"    return df.append(x)\"", "\"    return pd.concat([df, x])\"", StringComparison.Ordinal), File.ReadAllText(Path.Combine(root, "nb.ipynb")));
        var change = Assert.Single(FileIn(Report(report), root, "nb.ipynb").GetProperty("changes").EnumerateArray());
        Assert.Equal(("guided", 3, 2, 12), (change.GetProperty("tier").GetString(), change.GetProperty("cell").GetInt32(), change.GetProperty("line").GetInt32(), change.GetProperty("column").GetInt32()));
    }

    [Fact]
    public async Task Given_many_files_and_a_slow_model_Then_they_wait_on_it_together_within_its_concurrency_and_all_finish()
    {
        var files = Enumerable.Range(0, 12).Select(i => ($"app/m{i:00}.py", Frames)).ToArray();
        var (root, rules) = Repo(files);
        using var server = Model(Fenced("return pd.concat([df, x])"), delay: TimeSpan.FromMilliseconds(300));

        var run = await CliRun.Of(["migrate", "--check", "-j", "1", "--llm-concurrency", "3", "--rules", rules, .. Llm(server), root]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(": 12 would change, 0 unchanged, 0 skipped", run.Error, StringComparison.Ordinal);
        Assert.Equal(12, server.Requests.Count);
        // One core's worth of files, yet the model is kept busy: files waiting on it do not hold the file pipeline.
        Assert.InRange(server.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task Given_a_local_gguf_model_Then_migrate_runs_it_in_process_and_its_garbage_is_never_applied()
    {
        var (root, rules) = Repo(("app/frames.py", Frames), ("app/numbers.py", Numbers));
        var model = TinyGguf.Write(Path.Combine(TempTree.Folder(), "tiny.gguf"));
        var report = Path.Combine(TempTree.Folder(), "report.json");

        var run = await CliRun.Of(["migrate", "--write", "--rules", rules, "--report", report, "--llm-model-path", model, "--llm-max-tokens", "16", "--llm-context-size", "2048", root]);

        Assert.True(run.ExitCode == 0, run.Error);
        // Random weights cannot migrate the guided site: the rule's own change is written, the model's site stays as it was.
        Assert.Equal(Frames, File.ReadAllText(Path.Combine(root, "app/frames.py")));
        Assert.Equal(NumbersMigrated, File.ReadAllText(Path.Combine(root, "app/numbers.py")));
        var finding = Assert.Single(FileIn(Report(report), root, "app/frames.py").GetProperty("findings").EnumerateArray());
        Assert.Equal(("model-not-applied", "guided"), (finding.GetProperty("kind").GetString(), finding.GetProperty("tier").GetString()));
        Assert.StartsWith("gguf:tiny.gguf:", finding.GetProperty("model").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("accepted", finding.GetProperty("outcome").GetString());
        Assert.Contains("changes by tier: 1 direct, 0 guided, 0 plain", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--guided-threshold", "0.5" }, "--guided-threshold need a model")]
    [InlineData(new[] { "--min-confidence", "0.9", "--direct-threshold", "0.8" }, "are the same setting")]
    [InlineData(new[] { "--llm-temperature", "0.5" }, "need a model")]
    public async Task Given_tier_options_that_do_not_fit_Then_migrate_exits_2_naming_the_problem(string[] options, string message)
    {
        var (root, rules) = Repo(("app/numbers.py", Numbers));

        var run = await CliRun.Of(["migrate", "--rules", rules, .. options, root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal(Numbers, File.ReadAllText(Path.Combine(root, "app/numbers.py")));
    }

    [Fact]
    public async Task Given_few_shot_for_the_plain_tier_Then_migrate_explains_it_has_no_training_pairs()
    {
        var (root, rules) = Repo(("app/numbers.py", Numbers));
        using var server = Model("(not asked)");

        var run = await CliRun.Of(["migrate", "--rules", rules, "--plain-strategy", "few-shot", .. Llm(server), root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("few-shot takes its examples from training pairs", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_direct_threshold_alone_Then_it_is_the_rules_threshold_with_or_without_a_model()
    {
        var (root, rules) = Repo(("app/frames.py", Frames));

        var run = await CliRun.Of(["migrate", "--rules", rules, "--direct-threshold", "0.7", root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+    return pd.concat([df, x])\n", run.Out, StringComparison.Ordinal);
    }

    private static string StripDecisionLines(string diff)
        => string.Join("\n", diff.Split('\n').Where(l => !l.StartsWith("# apimig: ", StringComparison.Ordinal)));
}
