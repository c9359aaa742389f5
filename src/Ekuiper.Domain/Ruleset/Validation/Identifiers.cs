using System.Text.RegularExpressions;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>eKuiper's rule for the ids of streams, tables and rules.</summary>
public static partial class Identifiers
{
    [GeneratedRegex("^[a-zA-Z0-9_\\-]+$")]
    private static partial Regex IdPattern();

    /// <returns>null when <paramref name="id"/> is acceptable, else eKuiper's message.</returns>
    public static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "id cannot be empty";
        }
        if (id != id.Trim())
        {
            return $"id '{id}' contains leading or trailing whitespace";
        }
        return IdPattern().IsMatch(id)
            ? null
            : $"id '{id}' contains invalid characters: only alphanumeric, hyphens and underscores are allowed";
    }
}

/// <summary>eKuiper's version rule for replacing a stream, table or rule.</summary>
public static class VersionPolicy
{
    /// <summary>
    /// True when a definition with <paramref name="newVersion"/> may replace one with <paramref name="oldVersion"/>:
    /// both unversioned (backward compatible), or the new version sorts after the old one (byte-wise, as Go compares strings).
    /// </summary>
    public static bool CanReplace(string? oldVersion, string? newVersion)
    {
        var old = oldVersion ?? string.Empty;
        var candidate = newVersion ?? string.Empty;
        if (old.Length == 0 && candidate.Length == 0)
        {
            return true;
        }
        return string.CompareOrdinal(candidate, old) > 0;
    }

    public static string StreamVersionIsLower(string name, string? oldVersion, string? newVersion) =>
        $"source {name} already exists with version ({oldVersion}), new version ({newVersion}) is lower";

    public static string RuleVersionIsLower(string id, string? oldVersion, string? newVersion) =>
        $"rule {id} already exists with version ({oldVersion}), new version ({newVersion}) is lower";
}
