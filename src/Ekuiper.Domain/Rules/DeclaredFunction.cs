using Ekuiper.Domain.Definitions;

namespace Ekuiper.Domain.Rules;

/// <summary>A SQL function that an artifact makes available (lower-cased name), and the artifact that provides it.</summary>
public sealed record DeclaredFunction(string Name, ArtifactKind Kind, string Key)
{
    public static DeclaredFunction Of(string name, ArtifactDefinition provider) => new(name.ToLowerInvariant(), provider.Kind, provider.Key);
}
