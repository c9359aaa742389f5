namespace Ekuiper.Domain.Definitions;

/// <summary>A stored rule: its JSON exactly as submitted plus the few fields the server itself reads.</summary>
public class RuleDefinition
{
    public required string Id { get; set; }
    public required string Json { get; set; }
    public string? Version { get; set; }

    /// <summary>eKuiper's "triggered" flag: whether the rule should run. Defaults to true as in eKuiper.</summary>
    public bool Triggered { get; set; } = true;
}
