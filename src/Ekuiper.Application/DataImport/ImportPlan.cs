using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Application.DataImport;

/// <summary>The checked content of one import: what to write, and the report of every entry that failed.</summary>
public sealed class ImportPlan
{
    public List<StreamDefinition> Streams { get; } = [];
    public List<RuleDefinition> Rules { get; } = [];
    public List<ConfigKey> ConfigKeys { get; } = [];
    public List<ArtifactDefinition> Artifacts { get; } = [];

    /// <summary>The SQL functions the plan's installed artifacts bring (filled in by <see cref="ArtifactInstallation"/>).</summary>
    public List<DeclaredFunction> DeclaredFunctions { get; } = [];

    public ImportReport Report { get; } = new();

    public int EntryCount => Streams.Count + Rules.Count + ConfigKeys.Count + Artifacts.Count;
}

/// <summary>The rules of one batch of document entries that passed their checks.</summary>
/// <param name="Rules">The rules to write, in document order.</param>
/// <param name="Checked">How many document entries the batch covered, refused ones included.</param>
public sealed record RuleBatch(List<RuleDefinition> Rules, int Checked)
{
    public int Refused => Checked - Rules.Count;
}
