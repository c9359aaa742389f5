using System.Text.Json;
using Ekuiper.Domain.Definitions;

namespace Ekuiper.Domain.Ruleset.Validation;

/// <summary>
/// Checks the JSON shape eKuiper expects for plugins, portable plugins, services, schemas, uploads and scripts.
/// Installing what an entry points at (download, unzip, compile) is not done here.
/// </summary>
public static class ArtifactEntryValidator
{
    public static readonly IReadOnlyList<string> PluginKinds = ["sources", "sinks", "functions"];
    public static readonly IReadOnlyList<string> SchemaTypes = ["protobuf", "custom"];

    public static EntryResult<ArtifactDefinition> Validate(ArtifactKind kind, string key, string json)
    {
        if (!JsonObjectReader.TryParse(json, out var entry, out var error))
        {
            return EntryResult<ArtifactDefinition>.Fail(error);
        }
        var problem = kind switch
        {
            ArtifactKind.NativePlugin => CheckNativePlugin(key, entry),
            ArtifactKind.PortablePlugin => CheckNamedZip(key, key, "plugin", entry),
            ArtifactKind.Service => CheckNamedZip(key, key, "service", entry),
            ArtifactKind.Schema => CheckSchema(key, entry),
            ArtifactKind.Upload => CheckUpload(key, entry),
            ArtifactKind.Script => CheckScript(key, entry),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        // An upload is kept under its name without the leading '/'s, the path it is written to.
        var storedKey = kind == ArtifactKind.Upload ? UploadNames.Normalise(key) : key;
        return problem is null
            ? EntryResult<ArtifactDefinition>.Ok(new ArtifactDefinition { Kind = kind, Key = storedKey, Json = json })
            : EntryResult<ArtifactDefinition>.Fail(problem);
    }

    /// <summary>Splits "sources_random" into ("sources", "random"); false when the key has no known kind prefix.</summary>
    public static bool TrySplitPluginKey(string key, out string pluginKind, out string name)
    {
        var separator = key.IndexOf('_');
        pluginKind = separator > 0 ? key[..separator] : string.Empty;
        name = separator > 0 ? key[(separator + 1)..] : string.Empty;
        return PluginKinds.Contains(pluginKind) && name.Length > 0;
    }

    private static string? CheckNativePlugin(string key, JsonObjectReader entry)
    {
        if (!TrySplitPluginKey(key, out var pluginKind, out var nameInKey))
        {
            return $"invalid plugin key {key}: must be sources_<name>, sinks_<name> or functions_<name>";
        }
        if (CheckNamedZip(key, nameInKey, "plugin", entry) is { } problem)
        {
            return problem;
        }
        if (!entry.TryCheckArray("shellParas", JsonValueKind.String, out _, out var error))
        {
            return error;
        }
        if (entry.Has("functions") && pluginKind != "functions")
        {
            return $"invalid plugin {key}: only function plugins declare functions";
        }
        return entry.TryCheckArray("functions", JsonValueKind.String, out _, out error) ? null : error;
    }

    /// <summary>The {"name","file"} shape shared by plugins and services: the name matches the key and the file is a zip URI.</summary>
    private static string? CheckNamedZip(string key, string expectedName, string what, JsonObjectReader entry)
    {
        if (!entry.TryGetString("name", out var name, out var error) || !entry.TryGetString("file", out var file, out error))
        {
            return error;
        }
        name = name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return "invalid name : should not be empty";
        }
        if (name != expectedName)
        {
            return $"invalid name {name}: the entry key {key} names {expectedName}";
        }
        if (FileNames.Check(name, what) is { } nameError)
        {
            return nameError;
        }
        if (!IsSupportedUri(file) || !file!.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return $"invalid uri {file}: must be a file://, http:// or https:// URI of a .zip file";
        }
        return null;
    }

    private static string? CheckSchema(string key, JsonObjectReader entry)
    {
        var separator = key.IndexOf('_');
        var schemaType = separator > 0 ? key[..separator] : string.Empty;
        var nameInKey = separator > 0 ? key[(separator + 1)..] : string.Empty;
        if (!SchemaTypes.Contains(schemaType) || nameInKey.Length == 0)
        {
            return $"invalid schema key {key}: must be protobuf_<name> or custom_<name>";
        }
        if (!entry.TryGetString("name", out var name, out var error)
            || !entry.TryGetString("content", out var content, out error)
            || !entry.TryGetString("file", out var file, out error)
            || !entry.TryGetString("soFile", out var soFile, out error)
            || !entry.TryGetString("type", out var declaredType, out error))
        {
            return error;
        }
        if (string.IsNullOrEmpty(name))
        {
            return "name is required";
        }
        if (name != nameInKey)
        {
            return $"invalid name {name}: the entry key {key} names {nameInKey}";
        }
        if (FileNames.Check(name, "schema") is { } nameError)
        {
            return nameError;
        }
        if (!string.IsNullOrEmpty(declaredType) && declaredType != schemaType)
        {
            return $"schema type {declaredType} does not match the entry key {key}";
        }
        if (!string.IsNullOrEmpty(content) && !string.IsNullOrEmpty(file))
        {
            return "cannot specify both content and file";
        }
        if (schemaType == "protobuf" && string.IsNullOrEmpty(content) && string.IsNullOrEmpty(file))
        {
            return "must specify content or file";
        }
        if (schemaType == "custom" && string.IsNullOrEmpty(soFile))
        {
            return "soFile is required";
        }
        if (!string.IsNullOrEmpty(file) && !IsSupportedUri(file))
        {
            return $"invalid uri {file}: must be a file://, http:// or https:// URI";
        }
        if (!string.IsNullOrEmpty(soFile) && !IsSupportedUri(soFile))
        {
            return $"invalid uri {soFile}: must be a file://, http:// or https:// URI";
        }
        return null;
    }

    private static string? CheckUpload(string key, JsonObjectReader entry)
    {
        if (!entry.TryGetString("name", out var name, out var error)
            || !entry.TryGetString("content", out var content, out error)
            || !entry.TryGetString("file", out var file, out error))
        {
            return error;
        }
        if (string.IsNullOrEmpty(content) && string.IsNullOrEmpty(file))
        {
            return "invalid body: content or FilePath is required";
        }
        if (string.IsNullOrEmpty(name))
        {
            return "invalid body: name is required";
        }
        if (UploadNames.Normalise(name) != UploadNames.Normalise(key))
        {
            return $"invalid name {name}: the entry key is {key}";
        }
        if (UploadNames.Check(UploadNames.Normalise(name)) is { } nameError)
        {
            return nameError;
        }
        if (!string.IsNullOrEmpty(file) && !IsSupportedUri(file))
        {
            return $"invalid uri {file}: must be a file://, http:// or https:// URI";
        }
        return null;
    }

    private static string? CheckScript(string key, JsonObjectReader entry)
    {
        if (!entry.TryGetString("id", out var id, out var error)
            || !entry.TryGetString("description", out _, out error)
            || !entry.TryGetString("script", out var script, out error)
            || !entry.TryGetBoolean("isAgg", false, out _, out error))
        {
            return error;
        }
        if (string.IsNullOrEmpty(id))
        {
            return "Missing script id.";
        }
        if (id != key)
        {
            return $"Script id {id} is not consistent with the entry key {key}.";
        }
        if (Identifiers.Check(id) is { } idError)
        {
            return idError;
        }
        return string.IsNullOrWhiteSpace(script) ? $"Script {id} has no script body." : null;
    }

    private static bool IsSupportedUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeFile || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>
/// Upload names become paths under the uploads folder, so they must not be able to leave it: a name is a relative
/// path of '/'-separated parts (<c>a/b/c.txt</c> is written to <c>&lt;data&gt;/uploads/a/b/c.txt</c>), each part a
/// plain file name (<see cref="FileNames"/>: no '..', '\', ':', NUL or other control character). A leading '/' is
/// not part of the name (<see cref="Normalise"/>).
/// </summary>
public static class UploadNames
{
    /// <summary>The name without its leading '/'s: "/a/b.txt" names a/b.txt under the uploads folder.</summary>
    public static string Normalise(string name) => name.TrimStart('/');

    /// <returns>null when <paramref name="name"/> (normalised) is a path that stays under the uploads folder, else why not.</returns>
    public static string? Check(string name)
    {
        if (name.Length == 0 || name.Split('/').Any(part => FileNames.Check(part, "upload") is not null))
        {
            return $"invalid upload name {name}: must be a path under the uploads folder, of '/'-separated names without '..', '\\', ':' or control characters";
        }
        return null;
    }

    /// <summary>The folder of the uploads folder the name lies in, or the name itself: how eKuiper's listing shows it.</summary>
    public static string TopLevel(string name) => name.IndexOf('/') is var slash and > 0 ? name[..slash] : name;

    /// <summary>
    /// The name of a file posted as a form, as Go's multipart reader gives it to eKuiper: its base name
    /// (<c>filepath.Base</c>: what follows the last '/', trailing '/'s dropped first; "." for an empty name).
    /// </summary>
    public static string BaseName(string fileName)
    {
        if (fileName.Length == 0)
        {
            return ".";
        }
        var trimmed = fileName.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return "/";
        }
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}

/// <summary>
/// Names that become a file or directory name under the data directory (uploads, plugins, services, schemas): a plain
/// name, so that nothing is ever written outside its folder.
/// </summary>
public static class FileNames
{
    /// <returns>null when <paramref name="name"/> is a plain file name, else why not, naming it as a <paramref name="what"/> name.</returns>
    public static string? Check(string name, string what)
    {
        if (name.Length == 0 || name == "." || name == ".."
            || name.IndexOfAny(['/', '\\', '\0', ':']) >= 0
            || name.Any(char.IsControl)
            || name.Contains("..", StringComparison.Ordinal)
            || name.Trim() != name)
        {
            return $"invalid {what} name {name}: must be a plain file name without path separators or '..'";
        }
        return null;
    }
}
