using System.Globalization;

namespace ApiMigrator.Versions;

/// <summary>
/// A release number (<c>2.0</c>, <c>1.22.4</c>, Python's <c>3.10</c>): numeric components compared
/// left to right, missing ones counting as 0 (<c>2.0 == 2.0.0</c>). A pre-release or local suffix
/// (<c>2.0rc1</c>, <c>1.5+cpu</c>) is dropped: targets are compared by release series.
/// </summary>
public sealed class ReleaseVersion : IComparable<ReleaseVersion>, IEquatable<ReleaseVersion>
{
    private readonly int[] parts;

    private ReleaseVersion(int[] parts) => this.parts = parts;

    /// <summary>The numeric components as written (<c>[1, 22]</c>).</summary>
    public IReadOnlyList<int> Parts => parts;

    /// <summary>Makes a version from its components.</summary>
    public static ReleaseVersion Of(params int[] parts) => new(parts.Length == 0 ? [0] : parts);

    /// <summary>Parses <c>2.0</c>, <c>v1.22.4</c>, <c>2.0rc1</c>; null when the text does not start with a number.</summary>
    public static ReleaseVersion? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (s.StartsWith('v') || s.StartsWith('V')) s = s[1..];
        var parts = new List<int>();
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start) break;
            if (!int.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
            parts.Add(n);
            if (i < s.Length && s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) i++;
            else break;
        }
        return parts.Count == 0 ? null : new ReleaseVersion([.. parts]);
    }

    /// <summary>The version with its component at <paramref name="index"/> raised by one and those after it dropped (<c>1.22.3</c>, 1 → <c>1.23</c>).</summary>
    public ReleaseVersion Bump(int index)
    {
        var p = new int[index + 1];
        for (int i = 0; i <= index; i++) p[i] = i < parts.Length ? parts[i] : 0;
        p[index]++;
        return new ReleaseVersion(p);
    }

    /// <inheritdoc/>
    public int CompareTo(ReleaseVersion? other)
    {
        if (other is null) return 1;
        int n = Math.Max(parts.Length, other.parts.Length);
        for (int i = 0; i < n; i++)
        {
            int a = i < parts.Length ? parts[i] : 0, b = i < other.parts.Length ? other.parts[i] : 0;
            if (a != b) return a.CompareTo(b);
        }
        return 0;
    }

    /// <inheritdoc/>
    public bool Equals(ReleaseVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ReleaseVersion v && Equals(v);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int last = parts.Length - 1;
        while (last > 0 && parts[last] == 0) last--;
        var h = new HashCode();
        for (int i = 0; i <= last; i++) h.Add(parts[i]);
        return h.ToHashCode();
    }

    /// <summary>Ordering operators.</summary>
    public static bool operator <(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) < 0;
    /// <summary>Ordering operators.</summary>
    public static bool operator >(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) > 0;
    /// <summary>Ordering operators.</summary>
    public static bool operator <=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) <= 0;
    /// <summary>Ordering operators.</summary>
    public static bool operator >=(ReleaseVersion a, ReleaseVersion b) => a.CompareTo(b) >= 0;
    /// <summary>Equality.</summary>
    public static bool operator ==(ReleaseVersion? a, ReleaseVersion? b) => a is null ? b is null : a.Equals(b);
    /// <summary>Equality.</summary>
    public static bool operator !=(ReleaseVersion? a, ReleaseVersion? b) => !(a == b);

    /// <inheritdoc/>
    public override string ToString() => string.Join('.', parts);
}

/// <summary>Python versions in ruff's spelling: <c>py38</c> … <c>py314</c>.</summary>
public static class PythonVersions
{
    /// <summary>The oldest target accepted (PEP 563's <c>from __future__ import annotations</c> arrived in 3.7).</summary>
    public static readonly ReleaseVersion Oldest = ReleaseVersion.Of(3, 7);

    /// <summary>The newest target accepted.</summary>
    public static readonly ReleaseVersion Newest = ReleaseVersion.Of(3, 14);

    /// <summary>
    /// The target when a project declares none (no <c>--target-version</c>, no <c>target-version</c>, no
    /// <c>requires-python</c>): Python 3.9, ruff's default. Conservative: syntax that needs 3.10 is kept where it is evaluated.
    /// </summary>
    public static readonly ReleaseVersion Default = ReleaseVersion.Of(3, 9);

    /// <summary>The accepted spellings, for help and errors.</summary>
    public static string Choices => string.Join("|", Enumerable.Range(Oldest.Parts[1], Newest.Parts[1] - Oldest.Parts[1] + 1).Select(m => $"py3{m}"));

    /// <summary><c>py38</c> → 3.8; null when it is not one of <see cref="Choices"/>.</summary>
    public static ReleaseVersion? TryParseTarget(string? text)
    {
        if (text is null || !text.StartsWith("py3", StringComparison.Ordinal) || text.Length < 4) return null;
        if (!int.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)) return null;
        var v = ReleaseVersion.Of(3, minor);
        return v < Oldest || v > Newest ? null : v;
    }

    /// <summary>3.8 → <c>py38</c>.</summary>
    public static string Spell(ReleaseVersion v) => $"py{v.Parts[0]}{(v.Parts.Count > 1 ? v.Parts[1] : 0)}";

    /// <summary>Clamps a declared lower bound into the accepted targets (<c>&gt;=3.6</c> is treated as 3.7, <c>&gt;=3.15</c> as 3.14).</summary>
    public static ReleaseVersion Clamp(ReleaseVersion v) => v < Oldest ? Oldest : v > Newest ? Newest : ReleaseVersion.Of(v.Parts[0], v.Parts.Count > 1 ? v.Parts[1] : 0);
}
