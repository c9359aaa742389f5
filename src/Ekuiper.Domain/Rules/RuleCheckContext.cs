namespace Ekuiper.Domain.Rules;

/// <summary>
/// What a rule may refer to besides the built-ins: the streams and tables (stored or in the same import), and the
/// functions and sink types that scripts, plugins and services add.
/// </summary>
/// <param name="hasSource">Whether a stream or table of that name exists or comes with the import: a look-up over the
/// caller's own maps, so that a large store's names are not copied for each import.</param>
public sealed class RuleCheckContext(
    Func<string, bool> hasSource,
    IReadOnlySet<string> extraFunctions,
    IReadOnlySet<string> extraSinkTypes)
{
    public bool HasSource(string name) => hasSource(name);

    public bool KnowsFunction(string lowerCaseName) =>
        BuiltinCatalogue.Functions.Contains(lowerCaseName) || extraFunctions.Contains(lowerCaseName);

    public bool KnowsSinkType(string type) => BuiltinCatalogue.SinkTypes.Contains(type) || extraSinkTypes.Contains(type);
}
