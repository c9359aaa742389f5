using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Ruleset;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Ekuiper.Infrastructure.Formatting;

/// <summary>
/// eKuiper's YAML document (its <c>MetaConfiguration</c>): config keys as <c>sources.mqtt.conf1</c> with their
/// properties as a mapping, streams and tables as <c>{name: {sql: …}}</c>, every other entry as the mapping its JSON
/// text is. Written with 4-space indents, sequences indented, no line folding; strings that would read back as
/// another type are double-quoted, and a plain scalar is read as YAML 1.2's core schema reads it, so that writing,
/// reading and writing again gives the same bytes.
/// </summary>
public sealed partial class RulesetYaml : IRulesetYaml
{
    /// <summary>Nesting deeper than this is refused, as the JSON document refuses it.</summary>
    private const int MaxDepth = 64;

    private static readonly (string Name, RulesetSection Section)[] EntrySections =
    [
        ("nativePlugins", RulesetSection.NativePlugins),
        ("portablePlugins", RulesetSection.PortablePlugins),
        ("service", RulesetSection.Service),
        ("schema", RulesetSection.Schema),
        ("uploads", RulesetSection.Uploads),
        ("scripts", RulesetSection.Scripts),
    ];

    private static readonly (string Name, string Prefix, RulesetSection Section)[] ConfigSections =
    [
        ("sourceConfig", "sources", RulesetSection.SourceConfig),
        ("sinkConfig", "sinks", RulesetSection.SinkConfig),
        ("connectionConfig", "connections", RulesetSection.ConnectionConfig),
    ];

    // ---- JSON document → YAML ----

    public byte[] FromDocument(ReadOnlyMemory<byte> document)
    {
        using var json = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = MaxDepth + 8 });
        var root = json.RootElement;
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, new EmitterSettings(4, int.MaxValue, false, 1024, indentSequences: true, newLine: "\n"));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));

        foreach (var (name, prefix, section) in ConfigSections)
        {
            var keys = new List<(string Key, JsonElement Props)>();
            foreach (var (plugin, value) in Entries(root, section))
            {
                using var confs = JsonDocument.Parse(value);
                foreach (var conf in confs.RootElement.EnumerateObject())
                {
                    keys.Add(($"{prefix}.{plugin}.{conf.Name}", conf.Value.Clone()));
                }
            }
            if (keys.Count == 0)
            {
                continue;
            }
            Scalar(emitter, name);
            emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            foreach (var (key, props) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                Scalar(emitter, key);
                EmitJson(emitter, props);
            }
            emitter.Emit(new MappingEnd());
        }

        foreach (var (name, section) in EntrySections)
        {
            EmitEntries(emitter, name, Entries(root, section), omitEmpty: true, EmitEntryText);
        }
        EmitEntries(emitter, "streams", Entries(root, RulesetSection.Streams), omitEmpty: false, EmitSql);
        EmitEntries(emitter, "tables", Entries(root, RulesetSection.Tables), omitEmpty: true, EmitSql);
        EmitEntries(emitter, "rules", Entries(root, RulesetSection.Rules), omitEmpty: false, EmitEntryText);

        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return Encoding.UTF8.GetBytes(CompactSequenceItems(text.ToString()));
    }

    /// <summary>
    /// YamlDotNet starts a mapping inside a sequence item at the next indent ("-   log: {}"); Go's encoder, which
    /// eKuiper's export is written by, puts it right after the dash ("- log: {}") and the item's other lines two
    /// columns in from the dash. Every line of the emitter's output starts with structure (no line is folded and no
    /// string is written as a block), so the item's lines are moved two columns left.
    /// </summary>
    private static string CompactSequenceItems(string yaml)
    {
        var output = new StringBuilder(yaml.Length);
        var dashes = new Stack<int>();
        foreach (var line in yaml.Split('\n'))
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            while (dashes.Count > 0 && indent <= dashes.Peek() && line.Length > 0)
            {
                dashes.Pop();
            }
            var shift = 2 * dashes.Count;
            var content = line[indent..];
            if (content.StartsWith("-   ", StringComparison.Ordinal) && content.Length > 4 && content[4] != ' ')
            {
                dashes.Push(indent);
                content = "- " + content[4..];
            }
            if (output.Length > 0)
            {
                output.Append('\n');
            }
            output.Append(' ', Math.Max(0, indent - shift)).Append(content);
        }
        return output.ToString();
    }

    private static List<(string Key, string Value)> Entries(JsonElement root, RulesetSection section) =>
        root.TryGetProperty(section.WireName(), out var entries) && entries.ValueKind == JsonValueKind.Object
            ? entries.EnumerateObject().Select(e => (e.Name, e.Value.GetString() ?? string.Empty)).ToList()
            : [];

    private static void EmitEntries(IEmitter emitter, string name, List<(string Key, string Value)> entries, bool omitEmpty,
        Action<IEmitter, string> emitValue)
    {
        if (entries.Count == 0 && omitEmpty)
        {
            return;
        }
        Scalar(emitter, name);
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Scalar(emitter, key);
            emitValue(emitter, value);
        }
        emitter.Emit(new MappingEnd());
    }

    private static void EmitSql(IEmitter emitter, string sql)
    {
        emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
        Scalar(emitter, "sql");
        Scalar(emitter, sql);
        emitter.Emit(new MappingEnd());
    }

    /// <summary>An entry's JSON text as the YAML it is; a text that is not a JSON object stays a string.</summary>
    private static void EmitEntryText(IEmitter emitter, string value)
    {
        try
        {
            using var entry = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (entry.RootElement.ValueKind == JsonValueKind.Object)
            {
                EmitJson(emitter, entry.RootElement);
                return;
            }
        }
        catch (JsonException)
        {
        }
        Scalar(emitter, value);
    }

    private static void EmitJson(IEmitter emitter, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var property in value.EnumerateObject())
                {
                    Scalar(emitter, property.Name);
                    EmitJson(emitter, property.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var item in value.EnumerateArray())
                {
                    EmitJson(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                Scalar(emitter, value.GetString()!);
                break;
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, value.GetRawText(), ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.True:
                emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.False:
                emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    /// <summary>A string: plain when it reads back as this string, else double-quoted.</summary>
    private static void Scalar(IEmitter emitter, string value)
    {
        // A string of several lines is double-quoted too, never a block: CompactSequenceItems relies on it.
        var style = value.Length == 0 || Resolve(value).Kind != JsonValueKind.String || IsOldBool(value)
                    || value.Contains('\n') || value.Contains('\r')
            ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, true, true));
    }

    /// <summary>YAML 1.1's booleans, quoted as Go's encoder quotes them so that older readers read strings.</summary>
    private static bool IsOldBool(string value) => value.ToLowerInvariant() is "y" or "yes" or "n" or "no" or "on" or "off";

    // ---- YAML → JSON document ----

    public bool TryToDocument(ReadOnlyMemory<byte> yaml, out byte[] document, out string error)
    {
        document = [];
        var bytes = yaml.Span;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        if (!Utf8.IsValid(bytes))
        {
            error = "yaml: invalid leading UTF-8 octet";
            return false;
        }
        try
        {
            var root = new NodeReader(Encoding.UTF8.GetString(bytes)).ReadFirstDocument();
            document = Convert(root);
            error = string.Empty;
            return true;
        }
        catch (YamlShapeException e)
        {
            error = e.Message;
            return false;
        }
        catch (YamlException e)
        {
            error = $"yaml: line {e.Start.Line}: {Reason(e)}";
            return false;
        }
    }

    /// <summary>The parser's reason without the position it prefixes (the line is given the way Go words it).</summary>
    private static string Reason(YamlException e)
    {
        var message = PositionPrefix().Replace(e.Message, string.Empty);
        return message.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    private static byte[] Convert(Node? root)
    {
        var sections = RulesetSections.All.ToDictionary(s => s, _ => new List<(string Key, string Value)>());
        var configs = ConfigSections.ToDictionary(c => c.Section, _ => new Dictionary<string, List<(string Name, Node Props)>>(StringComparer.Ordinal));
        var budget = new Budget();
        switch (root)
        {
            case null:
                break;
            case MapNode map:
                foreach (var (keyNode, value) in Unique(map))
                {
                    var key = KeyText(keyNode);
                    if (value is ScalarNode { IsNull: true })
                    {
                        continue;
                    }
                    if (ConfigSections.Any(c => c.Name == key))
                    {
                        foreach (var (confKey, props) in Mapping(value, key))
                        {
                            AddConfig(configs, KeyText(confKey), props, confKey.Line);
                        }
                    }
                    else if (EntrySections.FirstOrDefault(e => e.Name == key) is { Name: not null } entrySection)
                    {
                        foreach (var (name, entry) in Mapping(value, key))
                        {
                            sections[entrySection.Section].Add((KeyText(name), EntryText(entry, budget)));
                        }
                    }
                    else if (key is "streams" or "tables")
                    {
                        var section = key == "streams" ? RulesetSection.Streams : RulesetSection.Tables;
                        foreach (var (name, entry) in Mapping(value, key))
                        {
                            sections[section].Add((KeyText(name), Sql(entry)));
                        }
                    }
                    else if (key == "rules")
                    {
                        foreach (var (name, entry) in Mapping(value, key))
                        {
                            sections[RulesetSection.Rules].Add((KeyText(name), EntryText(entry, budget)));
                        }
                    }
                }
                break;
            default:
                throw Unmarshal(root, "the document");
        }

        foreach (var (_, _, section) in ConfigSections)
        {
            foreach (var (plugin, confs) in configs[section])
            {
                sections[section].Add((plugin, JsonOf(writer =>
                {
                    writer.WriteStartObject();
                    foreach (var (name, props) in confs)
                    {
                        writer.WritePropertyName(name);
                        WriteJson(writer, props, budget);
                    }
                    writer.WriteEndObject();
                })));
            }
        }

        return Encoding.UTF8.GetBytes(JsonOf(writer =>
        {
            writer.WriteStartObject();
            foreach (var section in RulesetSections.All)
            {
                writer.WriteStartObject(section.WireName());
                foreach (var (key, value) in sections[section])
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }));
    }

    private static void AddConfig(Dictionary<RulesetSection, Dictionary<string, List<(string Name, Node Props)>>> configs,
        string key, Node props, int line)
    {
        var parts = key.Split('.');
        var section = parts.Length == 3 ? ConfigSections.FirstOrDefault(c => c.Prefix == parts[0]).Name : null;
        if (section is null)
        {
            throw new YamlShapeException($"{key} isn't valid conf key");
        }
        if (props is not MapNode)
        {
            throw Unmarshal(props, $"the properties of {key}");
        }
        var byPlugin = configs[ConfigSections.First(c => c.Prefix == parts[0]).Section];
        if (!byPlugin.TryGetValue(parts[1], out var confs))
        {
            byPlugin[parts[1]] = confs = [];
        }
        if (confs.Any(c => c.Name == parts[2]))
        {
            throw new YamlShapeException($"yaml: unmarshal errors:\n  line {line}: conf key \"{key}\" already defined");
        }
        confs.Add((parts[2], props));
    }

    private static List<(Node Key, Node Value)> Mapping(Node value, string what) =>
        Unique(value as MapNode ?? throw Unmarshal(value, $"the {what} section (a mapping of names to entries)"));

    /// <summary>A mapping's pairs; a key given twice is refused, as Go's decoder refuses it.</summary>
    private static List<(Node Key, Node Value)> Unique(MapNode map)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in map.Pairs)
        {
            var name = KeyText(key);
            if (!seen.Add(name))
            {
                throw new YamlShapeException($"yaml: unmarshal errors:\n  line {key.Line}: mapping key \"{name}\" already defined");
            }
        }
        return map.Pairs;
    }

    /// <summary>An entry as the JSON text of its mapping; a plain string is taken as that JSON text itself.</summary>
    private static string EntryText(Node entry, Budget budget) => entry switch
    {
        ScalarNode { IsNull: false } scalar when Resolve(scalar).Kind == JsonValueKind.String => scalar.Value,
        MapNode => JsonOf(writer => WriteJson(writer, entry, budget)),
        _ => throw Unmarshal(entry, "an entry (a mapping)"),
    };

    private static string Sql(Node entry)
    {
        if (entry is not MapNode map)
        {
            throw Unmarshal(entry, "a stream or table (a mapping with sql)");
        }
        var sql = map.Pairs.LastOrDefault(p => KeyText(p.Key) == "sql").Value;
        return sql switch
        {
            null or ScalarNode { IsNull: true } => string.Empty,
            ScalarNode scalar => scalar.Value,
            _ => throw Unmarshal(sql, "the sql of a stream or table (a string)"),
        };
    }

    private static string KeyText(Node key) => key is ScalarNode scalar
        ? scalar.Value
        : throw Unmarshal(key, "a mapping key (a string)");

    private static YamlShapeException Unmarshal(Node node, string into) =>
        new($"yaml: unmarshal errors:\n  line {node.Line}: cannot unmarshal {node.TagName} into {into}");

    private static string JsonOf(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   SkipValidation = false, MaxDepth = MaxDepth + 8,
                   Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, Node node, Budget budget)
    {
        budget.Spend(node);
        switch (node)
        {
            case MapNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in Unique(map))
                {
                    writer.WritePropertyName(KeyText(key));
                    WriteJson(writer, value, budget);
                }
                writer.WriteEndObject();
                break;
            case SeqNode seq:
                writer.WriteStartArray();
                foreach (var item in seq.Items)
                {
                    WriteJson(writer, item, budget);
                }
                writer.WriteEndArray();
                break;
            case ScalarNode scalar:
                var (kind, number) = Resolve(scalar);
                switch (kind)
                {
                    case JsonValueKind.Null:
                        writer.WriteNullValue();
                        break;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        writer.WriteBooleanValue(kind == JsonValueKind.True);
                        break;
                    case JsonValueKind.Number:
                        writer.WriteRawValue(number!, skipInputValidation: false);
                        break;
                    default:
                        writer.WriteStringValue(scalar.Value);
                        break;
                }
                break;
        }
    }

    private static (JsonValueKind Kind, string? Number) Resolve(ScalarNode scalar)
    {
        if (scalar.Tag is { } tag)
        {
            if (tag == "tag:yaml.org,2002:str" || !scalar.Plain)
            {
                return (JsonValueKind.String, null);
            }
        }
        return scalar.Plain ? Resolve(scalar.Value) : (JsonValueKind.String, null);
    }

    /// <summary>How YAML 1.2's core schema reads a plain scalar; a number comes with its JSON text.</summary>
    private static (JsonValueKind Kind, string? Number) Resolve(string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return (JsonValueKind.Null, null);
            case "true" or "True" or "TRUE":
                return (JsonValueKind.True, null);
            case "false" or "False" or "FALSE":
                return (JsonValueKind.False, null);
        }
        if (JsonNumber().IsMatch(plain))
        {
            return (JsonValueKind.Number, plain);
        }
        if (YamlInteger().IsMatch(plain))
        {
            var negative = plain.StartsWith('-');
            var digits = plain.TrimStart('+', '-');
            var value = digits.StartsWith("0x") ? ulong.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : digits.StartsWith("0o") ? System.Convert.ToUInt64(digits[2..], 8)
                : ulong.Parse(digits, CultureInfo.InvariantCulture);
            return (JsonValueKind.Number, (negative ? "-" : string.Empty) + value.ToString(CultureInfo.InvariantCulture));
        }
        if (YamlFloat().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return (JsonValueKind.Number, number.ToString("R", CultureInfo.InvariantCulture));
        }
        // .inf and .nan have no JSON form: kept as the text they are.
        return (JsonValueKind.String, null);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^[-+]?([0-9]+|0x[0-9a-fA-F]{1,16}|0o[0-7]{1,21})$")]
    private static partial Regex YamlInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();

    // ---- the YAML tree ----

    private abstract record Node(int Line, string? Tag)
    {
        public abstract string TagName { get; }
    }

    private sealed record ScalarNode(int Line, string? Tag, string Value, bool Plain) : Node(Line, Tag)
    {
        public bool IsNull => Resolve(this).Kind == JsonValueKind.Null;

        public override string TagName => Resolve(this).Kind switch
        {
            JsonValueKind.Null => "!!null",
            JsonValueKind.True or JsonValueKind.False => "!!bool",
            JsonValueKind.Number => "!!number",
            _ => $"!!str `{(Value.Length > 40 ? Value[..40] + "…" : Value)}`",
        };
    }

    private sealed record MapNode(int Line, string? Tag, List<(Node Key, Node Value)> Pairs) : Node(Line, Tag)
    {
        public override string TagName => "!!map";
    }

    private sealed record SeqNode(int Line, string? Tag, List<Node> Items) : Node(Line, Tag)
    {
        public override string TagName => "!!seq";
    }

    private sealed class YamlShapeException(string message) : Exception(message);

    /// <summary>Aliases may repeat a node many times over; the nodes written are counted, as Go's decoder counts them.</summary>
    private sealed class Budget
    {
        private const long Limit = 10_000_000;
        private long _spent;

        public void Spend(Node node)
        {
            if (++_spent > Limit)
            {
                throw new YamlShapeException("yaml: document contains excessive aliasing");
            }
        }
    }

    /// <summary>Builds the first document's tree from the parser's events, resolving aliases, within <see cref="MaxDepth"/>.</summary>
    private sealed class NodeReader(string text)
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly Dictionary<string, Node> _anchors = new(StringComparer.Ordinal);

        public Node? ReadFirstDocument()
        {
            _parser.Consume<StreamStart>();
            if (!_parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }
            var root = Read(0);
            _parser.Consume<DocumentEnd>();
            return root;
        }

        private Node Read(int depth)
        {
            var current = _parser.Current!;
            var line = (int)current.Start.Line;
            switch (current)
            {
                case AnchorAlias alias:
                    _parser.MoveNext();
                    return _anchors.TryGetValue(alias.Value.Value, out var aliased)
                        ? aliased
                        : throw new YamlShapeException($"yaml: line {line}: unknown anchor '{alias.Value.Value}' referenced");
                case Scalar scalar:
                    _parser.MoveNext();
                    return Anchor(scalar.Anchor, new ScalarNode(line, TagOf(scalar.Tag), scalar.Value, scalar.Style == ScalarStyle.Plain));
                case MappingStart start:
                {
                    Deeper(depth, line);
                    _parser.MoveNext();
                    var pairs = new List<(Node, Node)>();
                    var map = Anchor(start.Anchor, new MapNode(line, TagOf(start.Tag), pairs));
                    while (!_parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = Read(depth + 1);
                        pairs.Add((key, Read(depth + 1)));
                    }
                    return map;
                }
                case SequenceStart start:
                {
                    Deeper(depth, line);
                    _parser.MoveNext();
                    var items = new List<Node>();
                    var seq = Anchor(start.Anchor, new SeqNode(line, TagOf(start.Tag), items));
                    while (!_parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(Read(depth + 1));
                    }
                    return seq;
                }
                default:
                    throw new YamlShapeException($"yaml: line {line}: did not expect {current.GetType().Name}");
            }
        }

        private static void Deeper(int depth, int line)
        {
            if (depth >= MaxDepth)
            {
                throw new YamlShapeException($"yaml: line {line}: exceeded max depth of {MaxDepth}");
            }
        }

        private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

        private T Anchor<T>(AnchorName anchor, T node) where T : Node
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
            return node;
        }
    }
}
