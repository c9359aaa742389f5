using Ekuiper.Api.Controllers;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Api.Formatting;

/// <summary>
/// How eKuiper words a body it cannot decode, per kind of body: its prefix ("Invalid body: Error decoding …") and the Go
/// type it decodes into (<see cref="GoJsonType"/>), for Go's "json: cannot unmarshal X into Go value of type …".
/// </summary>
public static class GoBodies
{
    public sealed record Decoding(string Prefix, GoJsonType? GoType);

    private const string DecodingJson = "Invalid body: Error decoding json";

    private static readonly Decoding Default = new(DecodingJson, null);

    /// <summary>The import body of POST /data/import and /async/data/import.</summary>
    public const string ConfigurationInfo = "server.configurationInfo";

    /// <summary>The import body of POST /ruleset/import.</summary>
    public const string RulesetInfo = "server.rulesetInfo";

    /// <summary>The import body of POST /v2/data/import (configurationInfo embedded, and two flags it ignores).</summary>
    public const string ImportConfiguration = "server.importConfiguration";

    private static readonly Decoding ConfigurationInfoBody =
        new(DecodingJson, GoJsonType.Struct(ConfigurationInfo, ("content", "string"), ("file", "string")));

    private static readonly Dictionary<Type, Decoding> ByModel = new()
    {
        [typeof(StatementBody)] = new("Invalid body: Error decoding the statement descriptor",
            GoJsonType.Struct("server.statementDescriptor", ("sql", "string"))),
        [typeof(UploadBody)] = new("Invalid body: Error decoding file json",
            GoJsonType.Struct("server.fileContent", ("name", "string"), ("content", "string"), ("file", "string"))),
        // Unless the endpoint names another (GoBodyAttribute).
        [typeof(ImportBody)] = ConfigurationInfoBody,
    };

    private static readonly Dictionary<string, Decoding> ByGoType = new()
    {
        [ConfigurationInfo] = ConfigurationInfoBody,
        [RulesetInfo] = new(DecodingJson, GoJsonType.Struct(RulesetInfo, ("content", "string"), ("file", "string"))),
        [ImportConfiguration] = new(DecodingJson, GoJsonType.Struct(ImportConfiguration,
            ("content", "string"), ("file", "string"), ("partial", "bool"), ("reboot", "bool"))),
    };

    /// <param name="model">The body's model type.</param>
    /// <param name="endpoint">The endpoint: its <see cref="GoBodyAttribute"/>, when it has one, names the Go type.</param>
    public static Decoding For(Type? model, Endpoint? endpoint = null)
    {
        if (endpoint?.Metadata.GetMetadata<GoBodyAttribute>() is { } named)
        {
            return ByGoType[named.GoType];
        }
        return model is not null && ByModel.TryGetValue(model, out var found) ? found : Default;
    }

    /// <summary>
    /// What Go's decoder says of a body that is JSON but not of the model's shape (a string where an object is wanted,
    /// a number where a string field is), or null when it cannot say.
    /// </summary>
    public static string? ShapeError(string text, Type model) => For(model).GoType?.DecodeError(text);
}

/// <summary>
/// Names the Go type eKuiper's handler decodes the action's body into, where the model alone does not tell it (the
/// import endpoints share one body model; eKuiper has a struct for each). One of <see cref="GoBodies"/>' names.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GoBodyAttribute(string goType) : Attribute
{
    public string GoType { get; } = goType;
}
