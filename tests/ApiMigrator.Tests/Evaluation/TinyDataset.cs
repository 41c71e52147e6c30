using System.Text.Json;
using ApiMigrator.Data;
using ApiMigrator.Rules;
using ApiMigrator.Tests.Data;

namespace ApiMigrator.Tests.Evaluation;

/// <summary>
/// Six pairs and two hand-written rules whose outcomes are known by hand (hand-written rules start at
/// confidence 0.95, so the metrics do not move when the learner improves):
/// <list type="bullet">
/// <item><c>tiny-float-001</c>, <c>-002</c>, <c>tiny-unicode-001</c>: <c>np.float_</c> resolved through an import, 0.95 — direct, exact.</item>
/// <item><c>tiny-crlf-001</c>: the same with CRLF line ends while <c>after</c> has LF — direct, exact only modulo formatting.</item>
/// <item><c>tiny-append-001</c>: <c>df.append(x)</c> with <c>df</c> of unknown origin in a file importing pandas, 0.95 × 0.75 = 0.71 —
/// guided; the rule tier leaves it (similarity 1 − 6/28: two names replaced, four tokens inserted in 28).</item>
/// <item><c>tiny-neg-001</c>: a local <c>float_</c>, negative — no match; the hybrid sends the whole snippet to a plain prompt.</item>
/// </list>
/// </summary>
internal static class TinyDataset
{
    public const string AppendAfter = "import pandas as pd\n\ndef f(df, x):\n    return pd.concat([df, x])\n";

    public static IReadOnlyList<object> Lines { get; } =
    [
        new { id = "tiny-float-001", library = "numpy", from_version = "1.26", to_version = "2.0", kind = "api_rename", pattern = "numpy.float_-removed",
              source = "https://numpy.org/doc/stable/numpy_2_0_migration_guide.html", note = "np.float_ was removed; np.float64 is the same type.",
              before = "import numpy as np\nx = np.float_(1)\n", after = "import numpy as np\nx = np.float64(1)\n" },
        new { id = "tiny-float-002", library = "numpy", kind = "api_rename", pattern = "numpy.float_-removed",
              before = "from numpy import float_\ny = float_(2)\n", after = "from numpy import float64\ny = float64(2)\n" },
        new { id = "tiny-append-001", library = "pandas", from_version = "1.5", to_version = "2.0", kind = "parameter", pattern = "pandas.DataFrame.append-removed",
              before = "import pandas as pd\n\ndef f(df, x):\n    return df.append(x)\n", after = AppendAfter },
        new { id = "tiny-neg-001", library = "numpy", kind = "api_rename", pattern = "numpy.float_-removed", negative = true,
              before = "float_ = 3\nprint(float_)\n", after = "float_ = 3\nprint(float_)\n" },
        new { id = "tiny-crlf-001", library = "numpy", kind = "api_rename", pattern = "numpy.float_-removed",
              before = "import numpy as np\r\nz = np.float_\r\n", after = "import numpy as np\nz = np.float64\n" },
        new { id = "tiny-unicode-001", library = "numpy", kind = "api_rename", pattern = "numpy.float_-removed",
              before = "import numpy as np\nnamé = np.float_(0)  # ü\n", after = "import numpy as np\nnamé = np.float64(0)  # ü\n" },
    ];

    public const string Rules = """
        - id: numpy.float_-to-numpy.float64
          kind: api_rename
          library: numpy
          versions:
            from: 1.26
            to: 2.0
          description: The np.float_ alias was removed in NumPy 2.0; np.float64 is the same type.
          match: numpy.float_
          replace: numpy.float64
        - id: pandas.append-to-concat
          kind: parameter
          library: pandas
          versions:
            from: 1.5
            to: 2.0
          description: DataFrame.append was removed in 2.0; use pandas.concat over a list.
          match: $1.append($2)
          replace: pandas.concat([$1, $2])
          where:
            1:
            - pandas
        """;

    /// <summary>Writes pairs.jsonl and rules.yaml into a new folder; returns their paths.</summary>
    public static (string Pairs, string Rules) Write()
    {
        var folder = DatasetFiles.TempFolder();
        var pairs = DatasetFiles.WriteJsonlIn(folder, "pairs.jsonl", Lines.Select(l => JsonSerializer.Serialize(l)).ToArray());
        var rules = Path.Combine(folder, "rules.yaml");
        File.WriteAllText(rules, Rules);
        return (pairs, rules);
    }

    public static IReadOnlyList<MigrationPair> Pairs()
    {
        var (path, _) = Write();
        var loaded = PairLoader.Load([path]);
        Assert.Empty(loaded.Errors);
        return loaded.Pairs;
    }

    public static IReadOnlyList<MigrationRule> ParsedRules()
    {
        var (rules, errors) = RuleFile.Parse(Rules);
        Assert.Empty(errors);
        return rules;
    }
}
