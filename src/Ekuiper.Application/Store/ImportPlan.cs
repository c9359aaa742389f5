using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Rules;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Sql;

namespace Ekuiper.Application.Store;

/// <summary>The checked content of one import: what to write, and the report of every entry that failed.</summary>
/// <remarks>
/// When streams and rules are checked in batches and written batch by batch, <see cref="Streams"/> and
/// <see cref="Rules"/> stay empty; the report and <see cref="StreamNames"/> are filled all the same.
/// </remarks>
public sealed class ImportPlan
{
    public List<StreamDefinition> Streams { get; } = [];
    public List<RuleDefinition> Rules { get; } = [];
    public List<ConfigKey> ConfigKeys { get; } = [];
    public List<ArtifactDefinition> Artifacts { get; } = [];

    /// <summary>
    /// The name of every stream and table that passed its checks, with its section and kind: what the rule checks see
    /// of the streams that land, and how a name defined twice in one document is found.
    /// </summary>
    public Dictionary<string, (RulesetSection Section, StreamKind Kind)> StreamNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The SQL functions the plan's installed artifacts bring (filled in by <see cref="ArtifactInstallation"/>).</summary>
    public List<DeclaredFunction> DeclaredFunctions { get; } = [];

    public ImportReport Report { get; } = new();

    public int EntryCount => Streams.Count + Rules.Count + ConfigKeys.Count + Artifacts.Count;
}

/// <summary>One batch of checked document entries: those that passed, to be written.</summary>
/// <param name="Passed">The entries to write, in document order.</param>
/// <param name="Checked">How many document entries the batch covered, refused ones included.</param>
public sealed record CheckedBatch<T>(List<T> Passed, int Checked)
{
    public int Refused => Checked - Passed.Count;
}
