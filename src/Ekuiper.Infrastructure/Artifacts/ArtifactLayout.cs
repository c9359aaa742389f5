using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset.Validation;

namespace Ekuiper.Infrastructure.Artifacts;

/// <summary>
/// Where each artifact lives under the data directory, as relative paths with '/' separators:
/// <c>plugins/native/&lt;sources|sinks|functions&gt;/&lt;name&gt;/</c>, <c>plugins/portable/&lt;name&gt;/</c>,
/// <c>services/&lt;name&gt;/</c>, <c>schemas/&lt;type&gt;/&lt;name&gt;.proto|.so</c> and <c>uploads/&lt;name&gt;</c>.
/// The place follows from the entry's kind and key alone, so an artifact's files are found without reading them.
/// </summary>
public static class ArtifactLayout
{
    /// <summary>The folders that hold installed artifacts; a full import replaces their content whole.</summary>
    public static readonly IReadOnlyList<string> Roots = ["plugins", "services", "schemas", Uploads];

    public static string NativePlugin(string pluginKind, string name) => $"plugins/native/{pluginKind}/{name}";

    public static string PortablePlugin(string name) => $"plugins/portable/{name}";

    public static string Service(string name) => $"services/{name}";

    /// <summary>The schema file (<c>.proto</c> for protobuf, <c>.so</c> for custom), as eKuiper names it.</summary>
    public static string SchemaFile(string type, string name) => $"schemas/{type}/{name}{(type == "protobuf" ? ".proto" : ".so")}";

    /// <summary>The compiled library given as soFile.</summary>
    public static string SchemaLibrary(string type, string name) => $"schemas/{type}/{name}.so";

    /// <summary>The folder of supporting files a zipped schema brings (eKuiper's &lt;name&gt;/ folder).</summary>
    public static string SchemaSupport(string type, string name) => $"schemas/{type}/{name}";

    /// <summary>The folder of uploads, shared by imported uploads and those posted to /config/uploads.</summary>
    public const string Uploads = "uploads";

    public static string Upload(string name) => $"{Uploads}/{name}";

    /// <summary>Every path an artifact can own: installing it again replaces them all, removing it deletes them.</summary>
    public static IReadOnlyList<string> OwnedPaths(ArtifactKind kind, string key)
    {
        switch (kind)
        {
            case ArtifactKind.NativePlugin when ArtifactEntryValidator.TrySplitPluginKey(key, out var pluginKind, out var name):
                return [NativePlugin(pluginKind, name)];
            case ArtifactKind.PortablePlugin:
                return [PortablePlugin(key)];
            case ArtifactKind.Service:
                return [Service(key)];
            case ArtifactKind.Schema when key.IndexOf('_') is var separator and > 0:
                var (type, schema) = (key[..separator], key[(separator + 1)..]);
                return new[] { SchemaFile(type, schema), SchemaLibrary(type, schema), SchemaSupport(type, schema) }.Distinct().ToList();
            case ArtifactKind.Upload:
                return [Upload(key)];
            default:
                return [];
        }
    }
}
