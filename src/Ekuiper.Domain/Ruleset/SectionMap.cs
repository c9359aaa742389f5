using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Ekuiper.Domain.Ruleset;

/// <summary>
/// Twelve string maps, one per <see cref="RulesetSection"/>: the shape shared by an import document
/// (key → definition) and an import report (key → error). Keys are kept in ordinal order so that
/// everything written from a map is deterministic.
/// </summary>
/// <remarks>
/// A map read from a UTF-8 document (<see cref="RulesetDocument.TryParse(ReadOnlyMemory{byte}, out Ruleset, out string)"/>)
/// keeps each value as the JSON string token it is in the document and decodes it each time it is read: a
/// 100,000-rule document is then held once, as its UTF-8 text, instead of a second time as ~170 MB of strings.
/// Read each value once and keep the string, as the import planner does.
/// </remarks>
public class SectionMap
{
    private readonly SortedDictionary<string, EntryText>[] _sections =
        RulesetSections.All.Select(_ => new SortedDictionary<string, EntryText>(StringComparer.Ordinal)).ToArray();

    private readonly SectionView[] _views;

    public SectionMap() => _views = _sections.Select(entries => new SectionView(entries)).ToArray();

    public IReadOnlyDictionary<string, string> this[RulesetSection section] => _views[(int)section];

    public void Set(RulesetSection section, string key, string value) => _sections[(int)section][key] = new EntryText(value);

    /// <summary>
    /// Sets an entry to a JSON string token (quotes included) of a UTF-8 document that was checked when read, decoded
    /// when the value is read. The caller keeps the document's bytes unchanged for as long as the map lives.
    /// </summary>
    internal void SetJsonString(RulesetSection section, string key, ReadOnlyMemory<byte> jsonString, bool isEscaped) =>
        _sections[(int)section][key] = new EntryText(jsonString, isEscaped);

    public bool IsEmpty => _sections.All(s => s.Count == 0);

    public bool Remove(RulesetSection section, string key) => _sections[(int)section].Remove(key);

    /// <summary>
    /// The entries whose key or value holds U+0000, as a character or as a <c>\u0000</c> escape in the JSON text
    /// (the values are JSON or SQL text, where such an escape is a NUL once read): no store keeps such text alike
    /// (PostgreSQL's text cannot hold it at all), so imports refuse these entries. Values are not decoded for this.
    /// </summary>
    public IEnumerable<(RulesetSection Section, string Key)> EntriesHoldingNul()
    {
        foreach (var section in RulesetSections.All)
        {
            foreach (var (key, value) in _sections[(int)section])
            {
                if (key.Contains('\0') || value.HoldsNul())
                {
                    yield return (section, key);
                }
            }
        }
    }

    public int Count => _sections.Sum(s => s.Count);

    public void CopyFrom(SectionMap other)
    {
        foreach (var section in RulesetSections.All)
        {
            foreach (var (key, value) in other._sections[(int)section])
            {
                _sections[(int)section][key] = value;
            }
        }
    }

    /// <summary>A value: a string, or a JSON string token of the document it was read from.</summary>
    private readonly struct EntryText
    {
        private readonly string? _text;
        private readonly ReadOnlyMemory<byte> _jsonString;
        private readonly bool _isEscaped;

        public EntryText(string text) => _text = text;

        public EntryText(ReadOnlyMemory<byte> jsonString, bool isEscaped)
        {
            _jsonString = jsonString;
            _isEscaped = isEscaped;
        }

        public bool HoldsNul()
        {
            if (_text is not null)
            {
                return _text.Contains('\0') || _text.Contains(NulEscape, StringComparison.Ordinal);
            }
            // An unescaped token cannot hold a control character (the reader refuses them); an escaped one holds a NUL,
            // or a NUL escape of the JSON inside it, exactly where the escape's text appears.
            return _isEscaped && _jsonString.Span.IndexOf("\\u0000"u8) >= 0;
        }

        private const string NulEscape = "\\u0000";

        public string Read()
        {
            if (_text is not null)
            {
                return _text;
            }
            var token = _jsonString.Span;
            if (!_isEscaped)
            {
                return System.Text.Encoding.UTF8.GetString(token[1..^1]);
            }
            // The token was read as a valid JSON string when the document was parsed.
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.GetString()!;
        }
    }

    /// <summary>One section as a read-only dictionary of strings, decoding values as they are read.</summary>
    private sealed class SectionView(SortedDictionary<string, EntryText> entries) : IReadOnlyDictionary<string, string>
    {
        public int Count => entries.Count;

        public string this[string key] => entries[key].Read();

        public IEnumerable<string> Keys => entries.Keys;

        public IEnumerable<string> Values => entries.Values.Select(value => value.Read());

        public bool ContainsKey(string key) => entries.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            if (entries.TryGetValue(key, out var entry))
            {
                value = entry.Read();
                return true;
            }
            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            foreach (var (key, value) in entries)
            {
                yield return new KeyValuePair<string, string>(key, value.Read());
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
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
