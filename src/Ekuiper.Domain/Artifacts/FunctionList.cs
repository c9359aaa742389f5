using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Artifacts;

/// <summary>
/// The SQL functions an installed artifact provides, as stored on its row (<see cref="Definitions.ArtifactDefinition.FunctionsJson"/>):
/// a JSON array of names, in the order the installation found them.
/// </summary>
public static class FunctionList
{
    public static string Write(IEnumerable<string> functions) => JsonText.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var function in functions)
        {
            writer.WriteStringValue(function);
        }
        writer.WriteEndArray();
    });

    /// <returns>The names; null when <paramref name="json"/> is null or not such an array (a row to read the old way).</returns>
    public static IReadOnlyList<string>? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
