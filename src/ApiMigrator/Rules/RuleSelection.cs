using System.Text.RegularExpressions;

namespace ApiMigrator.Rules;

/// <summary>
/// <c>--select</c> and <c>--ignore</c>: each entry names a library (<c>numpy</c>), a rule id, or a glob
/// over rule ids (<c>pandas.fillna-*</c>). Selection keeps the rules any select entry names (all rules when
/// there is none), then drops those any ignore entry names.
/// </summary>
public static class RuleSelection
{
    /// <summary>The chosen rules, and the entries that name no rule (most likely typos: the caller should say so).</summary>
    public static (IReadOnlyList<MigrationRule> Rules, IReadOnlyList<string> Unmatched) Apply(
        IReadOnlyList<MigrationRule> rules, IReadOnlyList<string> select, IReadOnlyList<string> ignore)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var unmatched = select.Concat(ignore).Where(e => !rules.Any(r => Names(e, r))).Distinct(StringComparer.Ordinal).ToList();
        var chosen = rules.Where(r => (select.Count == 0 || select.Any(e => Names(e, r))) && !ignore.Any(e => Names(e, r))).ToList();
        return (chosen, unmatched);
    }

    /// <summary>True when <paramref name="entry"/> names <paramref name="rule"/>: its library, its id, or a glob matching its id.</summary>
    public static bool Names(string entry, MigrationRule rule)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rule);
        if (entry.Equals(rule.Library, StringComparison.OrdinalIgnoreCase) || entry == rule.Id) return true;
        if (!entry.Contains('*', StringComparison.Ordinal) && !entry.Contains('?', StringComparison.Ordinal)) return false;
        var regex = "^" + Regex.Escape(entry).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(rule.Id, regex, RegexOptions.CultureInvariant);
    }
}
