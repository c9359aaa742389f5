using Ekuiper.Domain.Sql;

namespace Ekuiper.Domain.Rules;

/// <summary>
/// What a rule may refer to besides the built-ins: the streams and tables (stored or in the same import), and the
/// functions and sink types that scripts, plugins and services add.
/// </summary>
public sealed class RuleCheckContext(
    IReadOnlyDictionary<string, StreamKind> sources,
    IReadOnlySet<string> extraFunctions,
    IReadOnlySet<string> extraSinkTypes)
{
    public bool HasSource(string name) => sources.ContainsKey(name);

    public bool KnowsFunction(string lowerCaseName) =>
        BuiltinCatalogue.Functions.Contains(lowerCaseName) || extraFunctions.Contains(lowerCaseName);

    public bool KnowsSinkType(string type) => BuiltinCatalogue.SinkTypes.Contains(type) || extraSinkTypes.Contains(type);
}
