using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Domain.Ruleset;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Application.Plugins;

/// <summary>A plugin body as eKuiper decodes it: plugin.IOPlugin (name, file, shellParas), plugin.FuncPlugin adds functions.</summary>
public sealed record PluginBody(string Name, string File, IReadOnlyList<string>? ShellParas, IReadOnlyList<string>? Functions)
{
    private static readonly GoJsonType IoPlugin = GoJsonType.Struct("plugin.IOPlugin",
        ("name", "string"), ("file", "string"), ("shellParas", GoJsonType.StringList));

    private static readonly GoJsonType FuncPlugin = GoJsonType.Struct("plugin.FuncPlugin",
        ("name", "string"), ("file", "string"), ("shellParas", GoJsonType.StringList), ("functions", GoJsonType.StringList));

    /// <summary>eKuiper's server.functionList, the body of POST /plugins/functions/{name}/register.</summary>
    private static readonly GoJsonType FunctionList = GoJsonType.Struct("server.functionList", ("functions", GoJsonType.StringList));

    /// <summary>Decodes the body of a POST or PUT of a plugin of <paramref name="kind"/>, as Go's json.Decoder reads it.</summary>
    /// <exception cref="InvalidRequestException">"Invalid body: Error decoding the {kind} plugin json: " and Go's error.</exception>
    public static PluginBody Decode(PluginKind kind, string body)
    {
        var type = kind.IsFunctions ? FuncPlugin : IoPlugin;
        if ((GoJsonSyntax.Decode(body, out var first) ?? type.TypeError(first)) is { } error)
        {
            throw new InvalidRequestException($"Invalid body: Error decoding the {kind.Noun} plugin json: {error}");
        }
        using var document = JsonText.ParseUntrusted(first);
        var root = document.RootElement;
        return new PluginBody(
            StringField(root, "name") ?? string.Empty,
            StringField(root, "file") ?? string.Empty,
            ListField(root, "shellParas"),
            kind.IsFunctions ? ListField(root, "functions") : null);
    }

    /// <summary>Decodes the body of a function register: the list of functions (null when it gives none).</summary>
    /// <exception cref="InvalidRequestException">The body does not decode; Go's error after eKuiper's words.</exception>
    public static IReadOnlyList<string>? DecodeFunctionList(string body)
    {
        if ((GoJsonSyntax.Decode(body, out var first) ?? FunctionList.TypeError(first)) is { } error)
        {
            throw new InvalidRequestException($"Invalid body: Error decoding the function list json: {error}");
        }
        using var document = JsonText.ParseUntrusted(first);
        return ListField(document.RootElement, "functions");
    }

    /// <summary>
    /// The entry stored and exported for the plugin, as Go marshals eKuiper's IOPlugin ({"name","file"}, then
    /// "shellParas" unless empty), with "functions" after them when a function plugin names its functions.
    /// </summary>
    public string Entry() => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("file", File);
        if (ShellParas is { Count: > 0 })
        {
            writer.WriteStartArray("shellParas");
            foreach (var parameter in ShellParas)
            {
                writer.WriteStringValue(parameter);
            }
            writer.WriteEndArray();
        }
        if (Functions is { Count: > 0 })
        {
            writer.WriteStartArray("functions");
            foreach (var function in Functions)
            {
                writer.WriteStringValue(function);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    });

    /// <summary>Checks a name as eKuiper's validate.ValidateID does.</summary>
    /// <exception cref="InvalidRequestException">eKuiper's words, without a prefix.</exception>
    public static void RequireValidName(string name)
    {
        if (Identifiers.Check(name) is { } error)
        {
            throw new InvalidRequestException(error);
        }
    }

    // Go matches a field's name without regard to case; the last of several wins. Null leaves the field as it was.
    private static string? StringField(JsonElement root, string name)
    {
        string? value = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    value = property.Value.GetString();
                }
            }
        }
        return value;
    }

    private static List<string>? ListField(JsonElement root, string name)
    {
        List<string>? value = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                // Go sets a slice to nil for null, and an element to "" for null.
                value = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty).ToList()
                    : null;
            }
        }
        return value;
    }
}
