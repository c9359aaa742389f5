using System.Text.Json;
using Ekuiper.Api.Controllers;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// How eKuiper words a body it cannot decode, per kind of body: its prefix ("Invalid body: Error decoding …") and the Go
/// type it decodes into, for Go's "json: cannot unmarshal X into Go value of type …".
/// </summary>
public static class GoBodies
{
    public sealed record Decoding(string Prefix, string? GoType);

    private static readonly Decoding Default = new("Invalid body: Error decoding json", null);

    private static readonly Dictionary<Type, Decoding> ByModel = new()
    {
        [typeof(StatementBody)] = new("Invalid body: Error decoding the statement descriptor", "server.statementDescriptor"),
        [typeof(UploadBody)] = new("Invalid body: Error decoding file json", "server.fileContent"),
    };

    public static Decoding For(Type? model) => model is not null && ByModel.TryGetValue(model, out var found) ? found : Default;

    /// <summary>
    /// What Go's decoder says of a body that is JSON but not of the model's shape (a string where an object is wanted,
    /// a number where a string field is), or null when it cannot say.
    /// </summary>
    public static string? ShapeError(string text, Type model)
    {
        var decoding = For(model);
        if (decoding.GoType is null)
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"json: cannot unmarshal {GoJsonSyntax.KindOf(root.ValueKind)} into Go value of type {decoding.GoType}";
            }
            var structName = decoding.GoType[(decoding.GoType.IndexOf('.') + 1)..];
            foreach (var property in root.EnumerateObject())
            {
                var field = model.GetProperties().FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                if (field?.PropertyType == typeof(string) && property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return $"json: cannot unmarshal {GoJsonSyntax.KindOf(property.Value.ValueKind)} into Go struct field " +
                           $"{structName}.{field.Name.ToLowerInvariant()} of type string";
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
