namespace Ekuiper.Domain.Rules;

/// <summary>A sink config a rule's action refers to by resourceId: sinkConfig[SinkType][ResourceId].</summary>
public sealed record SinkResource(string SinkType, string ResourceId);

/// <summary>Everything a rule needs from the store, as read from its SQL or graph and its actions.</summary>
public sealed record RuleDependencies(
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Functions,
    IReadOnlyList<string> SinkTypes,
    IReadOnlyList<SinkResource> SinkResources,
    IReadOnlyList<string> SchemaIds)
{
    public static readonly RuleDependencies None = new([], [], [], [], []);

    /// <summary>The named connections its actions (or graph sink nodes) select by "connectionSelector".</summary>
    public IReadOnlyList<string> ConnectionSelectors { get; init; } = [];
}
