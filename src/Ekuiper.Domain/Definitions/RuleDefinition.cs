using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Ekuiper.Domain.Definitions;

/// <summary>A stored rule: its JSON exactly as submitted plus the few fields the server itself reads.</summary>
public class RuleDefinition
{
    private string _json = null!;

    public RuleDefinition()
    {
    }

    /// <summary>A rule whose JSON the caller has parsed already (<paramref name="parsed"/> is that JSON's root).</summary>
    [SetsRequiredMembers]
#pragma warning disable CS8618 // Json is set, through its field (setting the property would parse the JSON again).
    public RuleDefinition(string id, string json, JsonElement parsed)
#pragma warning restore CS8618
    {
        Id = id;
        _json = json;
        (Name, TagsJson) = RuleListing.Of(parsed);
    }

    public required string Id { get; set; }

    /// <summary>
    /// The rule as submitted. Setting it sets <see cref="Name"/> and <see cref="TagsJson"/> from it, so every writer
    /// (import, REST, start/stop, restore, the bulk upserts) keeps them as the JSON says. (The store reads the field
    /// back as it is, with the columns stored beside it.)
    /// </summary>
    public required string Json
    {
        get => _json;
        set
        {
            _json = value;
            (Name, TagsJson) = RuleListing.Of(value);
        }
    }

    /// <summary>The rule's "name" when it is a non-empty string, else null (<see cref="RuleListing"/>).</summary>
    public string? Name { get; private set; }

    /// <summary>The strings of the rule's "tags" array as a JSON array, null when it has none (<see cref="RuleListing"/>).</summary>
    public string? TagsJson { get; private set; }

    public string? Version { get; set; }

    /// <summary>eKuiper's "triggered" flag: whether the rule should run. Defaults to true as in eKuiper.</summary>
    public bool Triggered { get; set; } = true;
}
