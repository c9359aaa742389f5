using System.Text.Json;
using Ekuiper.Application.Common.Exceptions;
using Ekuiper.Application.Common.Interfaces;
using MediatR;

namespace Ekuiper.Application.Catalogue.Queries;

/// <summary>
/// GET /metadata/connections: the connection types, as {"name","about"} ordered by name. eKuiper offers a connection
/// type for every source it has a description of (built in or added by a plugin), whether scan or lookup, and answers
/// no extension type here.
/// </summary>
public sealed record ListConnectionTypes : IRequest<string>;

/// <summary>
/// GET /metadata/connections/{type}: the source's description with, under each conf key, only the properties that
/// belong to the connection (<c>connection_related</c>; null when none does), and no extension type, as eKuiper
/// answers. An unknown type is refused with a plain error (400, code 1000), as eKuiper's handler refuses it.
/// </summary>
public sealed record DescribeConnectionType(string Type) : IRequest<string>;

public sealed class ListConnectionTypesHandler(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
    : IRequestHandler<ListConnectionTypes, string>
{
    public async Task<string> Handle(ListConnectionTypes request, CancellationToken cancellationToken)
    {
        var entries = await new InstalledCatalogue(db, installed, functions).ListAsync(CatalogueKind.Source, cancellationToken);
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name);
                writer.WritePropertyName("about");
                entry.Description.GetProperty("about").WriteTo(writer);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}

public sealed class DescribeConnectionTypeHandler(IEkuiperDbContext db, IArtifactInstaller installed, IFunctionCatalogue functions)
    : IRequestHandler<DescribeConnectionType, string>
{
    public async Task<string> Handle(DescribeConnectionType request, CancellationToken cancellationToken)
    {
        var entry = await new InstalledCatalogue(db, installed, functions).FindAsync(CatalogueKind.Source, request.Type, cancellationToken)
                    ?? throw new InvalidRequestException(CatalogueJson.NotFound(request.Type));
        return CatalogueJson.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var property in entry.Description.EnumerateObject())
            {
                if (CatalogueJson.IsOurs(property))
                {
                    continue;
                }
                if (!property.NameEquals("properties"))
                {
                    property.WriteTo(writer);
                    continue;
                }
                writer.WritePropertyName("properties");
                writer.WriteStartObject();
                foreach (var confKey in property.Value.EnumerateObject())
                {
                    writer.WritePropertyName(confKey.Name);
                    var related = confKey.Value.ValueKind == JsonValueKind.Array
                        ? confKey.Value.EnumerateArray()
                            .Where(field => field.TryGetProperty("connection_related", out var flag) && flag.ValueKind == JsonValueKind.True)
                            .ToList()
                        : [];
                    if (related.Count == 0)
                    {
                        writer.WriteNullValue();
                        continue;
                    }
                    writer.WriteStartArray();
                    related.ForEach(field => field.WriteTo(writer));
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        });
    }
}
