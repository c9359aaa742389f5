namespace Ekuiper.Domain.Ruleset;

/// <summary>
/// Twelve string maps, one per <see cref="RulesetSection"/>: the shape shared by an import document
/// (key → definition) and an import report (key → error). Keys are kept in ordinal order so that
/// everything written from a map is deterministic.
/// </summary>
public class SectionMap
{
    private readonly SortedDictionary<string, string>[] _sections =
        RulesetSections.All.Select(_ => new SortedDictionary<string, string>(StringComparer.Ordinal)).ToArray();

    public IReadOnlyDictionary<string, string> this[RulesetSection section] => _sections[(int)section];

    public void Set(RulesetSection section, string key, string value) => _sections[(int)section][key] = value;

    public bool IsEmpty => _sections.All(s => s.Count == 0);

    public int Count => _sections.Sum(s => s.Count);

    public void CopyFrom(SectionMap other)
    {
        foreach (var section in RulesetSections.All)
        {
            foreach (var (key, value) in other[section])
            {
                Set(section, key, value);
            }
        }
    }
}

/// <summary>An import/export document: per section, the entry key and its definition text as eKuiper writes it.</summary>
public sealed class Ruleset : SectionMap;

/// <summary>Per section, the key of each entry that failed and why. Empty means the import fully succeeded.</summary>
public sealed class ImportReport : SectionMap;

public enum ImportMode
{
    /// <summary>The store becomes exactly the document's content (eKuiper's default).</summary>
    Reset,

    /// <summary>Keep what exists; same-named entries are replaced, plugins and schemas only added when absent (partial=1).</summary>
    Partial,
}
