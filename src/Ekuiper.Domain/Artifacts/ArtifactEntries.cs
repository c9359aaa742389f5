using System.Text.Json;
using Ekuiper.Domain.Ruleset;

namespace Ekuiper.Domain.Artifacts;

/// <summary>A nativePlugins, portablePlugins or Service entry: a named zip and, for native plugins, its install parameters.</summary>
public sealed record PackageEntry(string Name, string File, IReadOnlyList<string> ShellParas, IReadOnlyList<string>? Functions);

/// <summary>A Schema entry. <see cref="Type"/> and <see cref="Name"/> come from its key, protobuf_name or custom_name.</summary>
public sealed record SchemaEntry(string Type, string Name, string? Content, string? File, string? SoFile);

/// <summary>An uploads entry: a file name and its content, given inline or by URI.</summary>
public sealed record UploadEntry(string Name, string? Content, string? File);

/// <summary>A scripts entry: the JavaScript source that must define a function named <see cref="Id"/>.</summary>
public sealed record ScriptEntry(string Id, string Script, bool IsAgg);

/// <summary>
/// Reads the fields of an artifact entry that <see cref="Ruleset.Validation.ArtifactEntryValidator"/> has accepted.
/// Only for such entries: the shape is not checked again here.
/// </summary>
public static class ArtifactEntries
{
    public static PackageEntry ReadPackage(string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        var root = document.RootElement;
        return new PackageEntry(
            (String(root, "name") ?? string.Empty).Trim(),
            String(root, "file") ?? string.Empty,
            Strings(root, "shellParas") ?? [],
            Strings(root, "functions"));
    }

    public static SchemaEntry ReadSchema(string key, string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        var root = document.RootElement;
        var separator = key.IndexOf('_');
        return new SchemaEntry(
            key[..separator],
            key[(separator + 1)..],
            NullIfEmpty(String(root, "content")),
            NullIfEmpty(String(root, "file")),
            NullIfEmpty(String(root, "soFile")));
    }

    public static UploadEntry ReadUpload(string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        var root = document.RootElement;
        return new UploadEntry(String(root, "name") ?? string.Empty, NullIfEmpty(String(root, "content")), NullIfEmpty(String(root, "file")));
    }

    public static ScriptEntry ReadScript(string json)
    {
        using var document = JsonText.ParseUntrusted(json);
        var root = document.RootElement;
        var isAgg = root.TryGetProperty("isAgg", out var agg) && agg.ValueKind == JsonValueKind.True;
        return new ScriptEntry(String(root, "id") ?? string.Empty, String(root, "script") ?? string.Empty, isAgg);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
