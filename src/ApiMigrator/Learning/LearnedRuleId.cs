using System.Security.Cryptography;
using System.Text;
using ApiMigrator.Rules;

namespace ApiMigrator.Learning;

/// <summary>The id of a learned rule: readable for a plain rename, else the library, the pattern's anchors and a hash of the rule's content (stable across runs).</summary>
internal static class LearnedRuleId
{
    internal static string Of(MigrationRule r)
    {
        if (r is ApiRenameRule { IsQualifiedNameMatch: true }) return $"{r.Match}-to-{r.Replace}";
        var anchor = r.MatchPattern.Anchors.Count > 0 ? string.Join("-", r.MatchPattern.Anchors.Take(2)) : r.MatchPattern.Root.Kind;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{r.Kind}|{r.Match}|{r.Replace}|{(r is ParameterRule p ? string.Join(";", p.Ops) : "")}")))[..8];
        return $"{r.Library}.{anchor}-{hash}";
    }
}
