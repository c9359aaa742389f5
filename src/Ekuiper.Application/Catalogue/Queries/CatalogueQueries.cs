using System.Text;
using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Catalogue.Queries;

/// <summary>
/// GET /metadata/{sources|sinks}: each type as {"name","about","type"} ordered by name — type "internal" for what is
/// built in, "native" or "portable" for what a stored plugin adds (<see cref="InstalledCatalogue"/>). For sources,
/// <paramref name="Lookup"/> lists the lookup-table sources instead of the scan ones (eKuiper's ?kind=lookup).
/// </summary>
public sealed record ListCatalogue(CatalogueKind Kind, bool Lookup = false) : IRequest<string>;

/// <summary>GET /metadata/{sources|sinks}/{type}: the type's full description; an unknown type is refused as eKuiper does.</summary>
public sealed record DescribeCatalogueEntry(CatalogueKind Kind, string Type) : IRequest<string>;

public sealed class ListCatalogueHandler(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
    : IRequestHandler<ListCatalogue, string>
{
    public async Task<string> Handle(ListCatalogue request, CancellationToken cancellationToken)
    {
        var entries = await new InstalledCatalogue(db, installed, functions).ListAsync(request.Kind, cancellationToken);
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                if (request.Kind == CatalogueKind.Source && !MetadataCatalogue.Supports(entry.Description, request.Lookup))
                {
                    continue;
                }
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name);
                writer.WritePropertyName("about");
                entry.Description.GetProperty("about").WriteTo(writer);
                writer.WriteString("type", entry.ExtensionType);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}

public sealed class DescribeCatalogueEntryHandler(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
    : IRequestHandler<DescribeCatalogueEntry, string>
{
    public async Task<string> Handle(DescribeCatalogueEntry request, CancellationToken cancellationToken)
    {
        var entry = await new InstalledCatalogue(db, installed, functions).FindAsync(request.Kind, request.Type, cancellationToken)
                    ?? throw new ConfKeyException(CatalogueJson.NotFound(request.Type));
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var property in entry.Description.EnumerateObject())
            {
                if (!CatalogueJson.IsOurs(property))
                {
                    property.WriteTo(writer);
                }
            }
            writer.WriteString("type", entry.ExtensionType);
            writer.WriteEndObject();
        });
    }
}

internal static class CatalogueJson
{
    /// <summary>eKuiper's name for the extension type of what it builds in.</summary>
    public const string BuiltinType = "internal";

    /// <summary>eKuiper's "not_found_plugin" text (en_US) followed by the name asked for.</summary>
    public static string NotFound(string name) => $"This plugin was not found:{name}";

    /// <summary>scan/lookup are ours, for the source list's ?kind filter; eKuiper does not answer them.</summary>
    public static bool IsOurs(JsonProperty property) => property.NameEquals("scan") || property.NameEquals("lookup");

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
