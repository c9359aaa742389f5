using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Application.Rules;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Artifacts;

/// <summary>
/// A stored external service as eKuiper describes it, read from the descriptor and schemas in its bundle
/// (<see cref="ArtifactDefinition.Sha256"/>, the same on every server; for a row of an older version, from its installed
/// files): <see cref="InfoJson"/> is its serviceInfo as <c>GET /services/{name}</c> answers it, and
/// <see cref="Functions"/> its functionContainers, as <c>/services/functions</c> lists them.
/// </summary>
public sealed record ServiceDescription(string Name, string InfoJson, IReadOnlyList<ServiceFunctionInfo> Functions);

/// <summary>eKuiper's functionContainer: the SQL function, the service and interface it belongs to, the address and the rpc it calls.</summary>
public sealed record ServiceFunctionInfo(string FuncName, string ServiceName, string InterfaceName, string Addr, string MethodName)
{
    /// <summary>As Go marshals functionContainer (no json tags: the field names as they are).</summary>
    public string Json() =>
        $"{{\"FuncName\":{Q(FuncName)},\"ServiceName\":{Q(ServiceName)},\"InterfaceName\":{Q(InterfaceName)},\"Addr\":{Q(Addr)},\"MethodName\":{Q(MethodName)}}}";

    private static string Q(string text) => GoJsonRemarshal.Quote(text);
}

public static class ServiceDescriptions
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every stored service that can be described, sorted by name.</summary>
    public static async Task<IReadOnlyList<ServiceDescription>> AllAsync(IEkuiperDbContext db, IArtifactInstaller installed, CancellationToken cancellationToken)
    {
        var rows = await db.Artifacts.AsNoTracking().Where(a => a.Kind == ArtifactKind.Service).ToListAsync(cancellationToken);
        var descriptions = new List<ServiceDescription>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (await DescribeAsync(db, installed, row, cancellationToken) is { } description)
            {
                descriptions.Add(description);
            }
        }
        return descriptions;
    }

    /// <summary>The stored service <paramref name="name"/>; null when none is stored or its files cannot be read.</summary>
    public static async Task<ServiceDescription?> FindAsync(IEkuiperDbContext db, IArtifactInstaller installed, string name, CancellationToken cancellationToken) =>
        await StoredArtifacts.FindAsync(db, ArtifactKind.Service, name, cancellationToken) is { } row
            ? await DescribeAsync(db, installed, row, cancellationToken)
            : null;

    private static async Task<ServiceDescription?> DescribeAsync(IEkuiperDbContext db, IArtifactInstaller installed, ArtifactDefinition row,
        CancellationToken cancellationToken)
    {
        var folder = $"services/{row.Key}";
        var bundle = row.Sha256 is null
            ? null
            : await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == row.Sha256).Select(b => b.Content).FirstOrDefaultAsync(cancellationToken);
        try
        {
            if (bundle is not null)
            {
                using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
                return Describe(row.Key, new BundleContents(zip, folder + "/"));
            }
            var directory = installed.FullPathOf(folder);
            return Directory.Exists(directory) ? Describe(row.Key, new FolderContents(directory)) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static ServiceDescription? Describe(string name, IPackageContents contents)
    {
        var described = ServicePackage.Describe(name, contents);
        if (!described.IsValid || ServicePackage.DescriptorPath(name, contents) is not { } path || contents.ReadText(path) is not { } text)
        {
            return null;
        }
        using var document = JsonText.ParseUntrusted(text);
        var root = document.RootElement;
        // The install checked the descriptor: it has its interfaces, each an object (a repeated name: Go keeps the last).
        var interfaces = root.GetProperty("interfaces");
        var functions = new List<ServiceFunctionInfo>();
        var info = new StringBuilder("{\"About\":");
        info.Append(About(Field(root, "about")));
        info.Append(",\"Interfaces\":{");
        var first = true;
        // Go writes a map's keys sorted by their bytes.
        var faces = described.Value!.GroupBy(i => i.Name, StringComparer.Ordinal).Select(g => g.Last());
        foreach (var face in GoJsonRemarshal.SortedByKey(faces, i => i.Name))
        {
            var binding = interfaces.EnumerateObject().Last(p => p.Name == face.Name).Value;
            var address = Text(binding, "address");
            if (!first)
            {
                info.Append(',');
            }
            first = false;
            info.Append(GoJsonRemarshal.Quote(face.Name)).Append(":{");
            info.Append("\"Desc\":").Append(Language(Field(binding, "description")));
            info.Append(",\"Addr\":").Append(GoJsonRemarshal.Quote(address));
            info.Append(",\"Protocol\":").Append(GoJsonRemarshal.Quote(Text(binding, "protocol")));
            info.Append(",\"Schema\":{\"SchemaType\":").Append(GoJsonRemarshal.Quote(Text(binding, "schemaType")));
            info.Append(",\"SchemaFile\":").Append(GoJsonRemarshal.Quote(Text(binding, "schemaFile")));
            info.Append(",\"Schemaless\":").Append(Field(binding, "schemaless")?.ValueKind == JsonValueKind.True ? "true" : "false").Append('}');
            info.Append(",\"Functions\":[").AppendJoin(',', face.Functions.Select(f => GoJsonRemarshal.Quote(f.Name))).Append(']');
            info.Append(",\"Options\":").Append(Options(Field(binding, "options")));
            info.Append('}');
            functions.AddRange(face.Functions.Select(f => new ServiceFunctionInfo(f.Name, name, face.Name, address, f.Method)));
        }
        info.Append("}}");
        return new ServiceDescription(name, info.ToString(), functions);
    }

    /// <summary>eKuiper's about: author, helpUrl, description, each null when the descriptor leaves it out.</summary>
    private static string About(JsonElement? about)
    {
        if (about is not { ValueKind: JsonValueKind.Object } value)
        {
            return "null";
        }
        var author = Field(value, "author") is { ValueKind: JsonValueKind.Object } a
            ? $"{{\"name\":{Quoted(a, "name")},\"email\":{Quoted(a, "email")},\"company\":{Quoted(a, "company")},\"website\":{Quoted(a, "website")}}}"
            : "null";
        return $"{{\"author\":{author},\"helpUrl\":{Language(Field(value, "helpUrl"))},\"description\":{Language(Field(value, "description"))}}}";
    }

    /// <summary>eKuiper's fileLanguage: {"en_US","zh_CN"}, or null when absent.</summary>
    private static string Language(JsonElement? text) =>
        text is { ValueKind: JsonValueKind.Object } value ? $"{{\"en_US\":{Quoted(value, "en_US")},\"zh_CN\":{Quoted(value, "zh_CN")}}}" : "null";

    /// <summary>The options map as Go writes it (keys sorted, numbers as float64); null when absent or empty, as eKuiper's store gives it back.</summary>
    private static string Options(JsonElement? options) =>
        options is { ValueKind: JsonValueKind.Object } value && value.EnumerateObject().Any()
            ? GoJsonRemarshal.Rewrite(value.GetRawText(), _ => { }) ?? "null"
            : "null";

    /// <summary>A field, matched as Go matches a struct's field names: the exact name, else without regard to case.</summary>
    private static JsonElement? Field(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        JsonElement? found = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == name)
            {
                return property.Value;
            }
            if (found is null && property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }
        return found;
    }

    private static string Text(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : string.Empty;

    private static string Quoted(JsonElement element, string name) => GoJsonRemarshal.Quote(Text(element, name));

    private static string? Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The files of one installed folder inside a bundle.</summary>
    private sealed class BundleContents(ZipArchive zip, string prefix) : IPackageContents
    {
        public IReadOnlyCollection<string> Files { get; } = zip.Entries
            .Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && !e.FullName.EndsWith('/'))
            .Select(e => e.FullName[prefix.Length..])
            .ToList();

        public string? ReadText(string path)
        {
            if (zip.GetEntry(prefix + path) is not { } entry)
            {
                return null;
            }
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            return Decode(buffer.ToArray());
        }
    }

    /// <summary>The files of an installed folder on this server (rows of older versions, which have no bundle).</summary>
    private sealed class FolderContents(string directory) : IPackageContents
    {
        public IReadOnlyCollection<string> Files { get; } = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        public string? ReadText(string path)
        {
            // Only the folder's own files: a descriptor's schemaFile cannot lead out of it.
            return Files.Contains(path) ? Decode(File.ReadAllBytes(Path.Combine(directory, path))) : null;
        }
    }
}
