using System.IO.Compression;
using Ekuiper.Application.Artifacts;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using Ekuiper.Domain.Artifacts;
using Ekuiper.Domain.Definitions;
using Ekuiper.Domain.Ruleset;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Ekuiper.Application.Plugins.Queries.DescribePlugin;

/// <summary>
/// GET /plugins/{sources|sinks|functions}/{name}: eKuiper's answer, a Go map marshalled with its keys sorted —
/// {"name","version"}, and for a function plugin whose functions were given (created with them, or registered)
/// "functions" first. The version is read from the library's file name in the stored bundle ("Random@v1.0.0.so" is
/// 1.0.0; empty without one).
/// </summary>
/// <returns>The JSON object, as text.</returns>
public sealed record DescribePlugin(string PluginKind, string Name) : IRequest<string>;

public sealed class DescribePluginHandler(IEkuiperDbContext db) : IRequestHandler<DescribePlugin, string>
{
    public async Task<string> Handle(DescribePlugin request, CancellationToken cancellationToken)
    {
        var kind = PluginKind.Of(request.PluginKind);
        PluginBody.RequireValidName(request.Name);
        var stored = await StoredArtifacts.FindAsync(db, kind.ArtifactKind, kind.KeyOf(request.Name), cancellationToken)
                     ?? throw new NotFoundException($"describe {kind.Noun} plugin {request.Name} error: not found");
        var version = await VersionAsync(stored, request.Name, cancellationToken);
        var functions = kind.IsFunctions ? ArtifactEntries.ReadPackage(stored.Json).Functions : null;
        return JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            if (functions is { Count: > 0 })
            {
                writer.WriteStartArray("functions");
                foreach (var function in functions)
                {
                    writer.WriteStringValue(function);
                }
                writer.WriteEndArray();
            }
            writer.WriteString("name", request.Name);
            writer.WriteString("version", version);
            writer.WriteEndObject();
        });
    }

    private async Task<string> VersionAsync(ArtifactDefinition stored, string name, CancellationToken cancellationToken)
    {
        if (stored.Sha256 is null || stored.InstalledPath is null)
        {
            return string.Empty;
        }
        var bundle = await db.ArtifactBlobs.AsNoTracking().Where(b => b.Sha256 == stored.Sha256).Select(b => b.Content)
            .FirstOrDefaultAsync(cancellationToken);
        if (bundle is null)
        {
            return string.Empty;
        }
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
            var folder = stored.InstalledPath.TrimEnd('/') + "/";
            var files = archive.Entries.Select(e => e.FullName).Where(f => f.StartsWith(folder, StringComparison.Ordinal))
                .Select(f => f[folder.Length..]);
            return NativePluginPackage.LibraryOf(name, files) is { } library ? NativePluginPackage.VersionOf(library) : string.Empty;
        }
        catch (InvalidDataException)
        {
            return string.Empty;
        }
    }
}
