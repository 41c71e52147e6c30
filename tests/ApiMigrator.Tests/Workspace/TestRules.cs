using ApiMigrator.Matching;
using ApiMigrator.Rules;

namespace ApiMigrator.Tests.Workspace;

/// <summary>A small hand-written rule set, so engine tests do not move when the learned rules are regenerated.</summary>
internal static class TestRules
{
    public const string Yaml = """
        - id: numpy-float_
          kind: api_rename
          library: numpy
          description: np.float_ was removed in NumPy 2.0; np.float64 is the same type.
          match: numpy.float_
          replace: numpy.float64
          safety: safe
          support: 6
        - id: numpy-NaN
          kind: api_rename
          library: numpy
          description: np.NaN was removed in NumPy 2.0.
          match: numpy.NaN
          replace: numpy.nan
          safety: safe
          support: 6
        - id: numpy-in1d
          kind: api_rename
          library: numpy
          description: np.in1d is deprecated; np.isin does the same.
          match: numpy.in1d
          replace: numpy.isin
          safety: unsafe
          support: 6
        - id: numpy-matrix
          kind: api_rename
          library: numpy
          description: np.matrix is discouraged; use 2-D arrays.
          match: numpy.matrix
          safety: manual
          support: 6
        """;

    public static IReadOnlyList<MigrationRule> Rules { get; } = Load();

    public static RuleSet Set { get; } = new(Rules);

    private static IReadOnlyList<MigrationRule> Load()
    {
        var (rules, errors) = RuleFile.Parse(Yaml);
        Assert.Empty(errors);
        return rules;
    }

    /// <summary>Writes the rules to a YAML file (for --rules) and returns its path.</summary>
    public static string WriteFile(string folder)
    {
        var path = Path.Combine(folder, "test-rules.yaml");
        File.WriteAllText(path, Yaml);
        return path;
    }
}
