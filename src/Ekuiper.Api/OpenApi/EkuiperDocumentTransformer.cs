using System.Text.Json.Nodes;
using Ekuiper.Api.Http;
using Ekuiper.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Ekuiper.Api.OpenApi;

/// <summary>
/// Makes the generated document a contract: every operation is written from its <see cref="ApiOperations"/> entry
/// (summary, body with examples, every answer with its schema, ETag, If-Match, downloads), and every operation, described
/// or not, gets the answers any request can meet (413 for a body over the limit, 401 where authentication is required,
/// any other failure in eKuiper's error shape). Routes the framework does not list (endpoints that are not MVC actions
/// or minimal APIs) are added, so that the document names every served route.
/// </summary>
public sealed class EkuiperDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string JsonType = "application/json";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "eKuiper REST API",
            Version = "1.0.0",
            Description = "eKuiper's REST API for configuration: streams, tables, rules, conf keys, plugins, uploads, import and export " +
                          "(docs/api.md). Errors are {\"error\":code,\"message\":\"…\"} as text/plain, as eKuiper writes them.",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        ApiSchemas.AddTo(document);

        var services = context.ApplicationServices;
        var descriptions = context.DescriptionGroups.SelectMany(g => g.Items)
            .Where(d => d.HttpMethod is not null)
            .GroupBy(d => OpenApiRoutes.Key(d.HttpMethod!, "/" + (d.RelativePath ?? "")))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        AddUnlistedEndpoints(document, services, descriptions.Keys);

        var table = new ApiOperations(document).Build();
        var authorization = services.GetService<IOptions<AuthorizationOptions>>()?.Value;
        var bodyLimit = services.GetService<IOptions<EkuiperOptions>>()?.Value.MaxRequestBodyBytes ?? new EkuiperOptions().MaxRequestBodyBytes;
        var operationIds = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var key = OpenApiRoutes.Key(method.Method, path);
                descriptions.TryGetValue(key, out var description);
                operation.Responses ??= new OpenApiResponses();
                if (table.TryGetValue(key, out var spec))
                {
                    Apply(document, operation, spec);
                }
                else
                {
                    operation.Description ??= $"Not described yet: add \"{key}\" to ApiOperations (src/Ekuiper.Api/OpenApi/ApiOperations.cs).";
                }
                if (operation.RequestBody is not null)
                {
                    operation.Responses["413"] = ErrorResponse(document, "The body is larger than Ekuiper:MaxRequestBodyBytes.", 1000,
                        RequestBodyLimitMiddleware.TooLarge(bodyLimit));
                }
                if (RequiresAuthentication(description, authorization))
                {
                    operation.Responses["401"] = ErrorResponse(document, "The request is not authenticated.", 1000, "Unauthorized");
                }
                operation.Responses["default"] = ErrorResponse(document,
                    "Any other failure, in eKuiper's shape: 500 internal error (its details are only logged).", 1000, "internal error");
                operation.OperationId ??= UniqueOperationId(description, method.Method, path, operationIds);
                operation.Responses = InStatusOrder(operation.Responses);
            }
        }

        DescribeTags(document);
        // No security scheme: say so (an empty requirement), rather than leave it unsaid.
        if (document.Components?.SecuritySchemes is not { Count: > 0 } && document.Security is not { Count: > 0 })
        {
            document.Security = [new OpenApiSecurityRequirement()];
        }
        await RemoveUnusedSchemasAsync(document, cancellationToken);
    }

    private static OpenApiResponses InStatusOrder(OpenApiResponses responses)
    {
        var ordered = new OpenApiResponses();
        foreach (var (status, response) in responses.OrderBy(r => r.Key == "default" ? "999" : r.Key, StringComparer.Ordinal))
        {
            ordered[status] = response;
        }
        return ordered;
    }

    /// <summary>The framework's schemas of types the descriptions replaced (a body read as text, the UTF-8 content) are dropped.</summary>
    private static async Task RemoveUnusedSchemasAsync(OpenApiDocument document, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        while (schemas is { Count: > 0 })
        {
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellationToken);
            var unused = schemas.Keys.Where(id => !json.Contains($"\"#/components/schemas/{id}\"", StringComparison.Ordinal)).ToList();
            if (unused.Count == 0)
            {
                return;
            }
            foreach (var id in unused)
            {
                schemas.Remove(id);
            }
        }
    }

    private static void Apply(OpenApiDocument document, OpenApiOperation operation, OperationSpec spec)
    {
        operation.Summary = spec.Summary;
        operation.Description = spec.Description ?? operation.Description;

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is { } name && spec.Parameters.TryGetValue(name, out var described))
            {
                parameter.Description = described.Description;
                if (described.Example is not null)
                {
                    parameter.Example = described.Example.DeepClone();
                }
                if (described.Values.Count > 0)
                {
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = described.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() };
                }
            }
        }

        if (spec.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = request.Description + " Read as JSON whatever its Content-Type, as eKuiper reads it.",
                Required = true,
                Content = request.Media.ToDictionary(m => m.MediaType, m => Media(m, null), StringComparer.Ordinal),
            };
        }

        IOpenApiSchema? generated = null;
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(JsonType, out var json) == true)
        {
            generated = json.Schema;
        }
        var responses = new OpenApiResponses();
        foreach (var answer in spec.Responses)
        {
            responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = answer.ErrorExample is { } error
                ? ErrorResponse(document, answer.Description, error.Code, error.Message)
                : Response(answer, generated);
        }

        if (spec.AcceptsIfMatch)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "Only while the store is still at this revision (the ETag of GET /data/export, quotes included), else 412. " +
                              "* always matches; a weak tag never does.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"1\""),
            });
            responses["412"] = ErrorResponse(document, "If-Match names another revision: the store changed since it was read; nothing was done.", 1000,
                "precondition failed: If-Match expects revision 0, but the store is at revision 1; it was changed since you read it. " +
                "Nothing was imported: export again (its ETag is the current revision) and retry");
            if (!responses.ContainsKey("400"))
            {
                responses["400"] = ErrorResponse(document, "If-Match is not a list of entity tags, or the body was refused.", 1000,
                    "invalid If-Match header 3: give the ETag of GET /data/export as it was sent, quotes included, e.g. If-Match: \"42\"");
            }
        }
        operation.Responses = responses;
    }

    private static OpenApiResponse Response(ResponseSpec answer, IOpenApiSchema? generated)
    {
        var response = new OpenApiResponse { Description = answer.Description };
        if (answer.Media.Count > 0)
        {
            response.Content = answer.Media.ToDictionary(m => m.MediaType, m => Media(m, generated), StringComparer.Ordinal);
        }
        if (answer.ETag || answer.AttachmentName is not null)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        }
        if (answer.ETag)
        {
            response.Headers!["ETag"] = new OpenApiHeader
            {
                Description = "The store's revision (after the import, or the one exported), a strong entity tag: send it as If-Match.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"1\""),
            };
        }
        if (answer.AttachmentName is { } name)
        {
            response.Headers!["Content-Disposition"] = new OpenApiHeader
            {
                Description = "The download's file name.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create($"attachment; filename={name}; filename*=UTF-8''{name}"),
            };
        }
        return response;
    }

    private static OpenApiMediaType Media(MediaSpec media, IOpenApiSchema? generated)
    {
        var result = new OpenApiMediaType
        {
            Schema = media.Schema ?? generated ?? new OpenApiSchema { Type = JsonSchemaType.Object },
        };
        if (media.Examples.Count > 0)
        {
            result.Examples = media.Examples.ToDictionary(e => e.Name,
                e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Value?.DeepClone() }, StringComparer.Ordinal);
        }
        return result;
    }

    /// <summary>An error answer: eKuiper's body, as text/plain with a trailing newline (Go's http.Error).</summary>
    public static OpenApiResponse ErrorResponse(OpenApiDocument document, string description, int code, string message) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["text/plain"] = new()
            {
                Schema = ApiSchemas.Ref(document, ApiSchemas.Error),
                Example = new JsonObject { ["error"] = code, ["message"] = message },
            },
        },
    };

    /// <summary>
    /// Whether a request can be refused for want of credentials: the endpoint asks for authorization, or a fallback policy
    /// covers every endpoint that does not allow anonymous access.
    /// </summary>
    private static bool RequiresAuthentication(ApiDescription? description, AuthorizationOptions? options)
    {
        var metadata = description?.ActionDescriptor.EndpointMetadata ?? [];
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return false;
        }
        return metadata.OfType<IAuthorizeData>().Any() || options?.FallbackPolicy is not null;
    }

    /// <summary>
    /// Endpoints the framework leaves out of the document (not MVC actions nor minimal APIs, e.g. a health check) are added
    /// with their methods (GET when they take any), so the document names every served route.
    /// </summary>
    private static void AddUnlistedEndpoints(OpenApiDocument document, IServiceProvider services, ICollection<string> listed)
    {
        document.Paths ??= new OpenApiPaths();
        foreach (var (method, path) in OpenApiRoutes.Served(services))
        {
            if (listed.Contains(OpenApiRoutes.Key(method, path)))
            {
                continue;
            }
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[path] = item;
            }
            if (item is OpenApiPathItem pathItem)
            {
                pathItem.Operations ??= [];
                pathItem.Operations.TryAdd(new HttpMethod(method), new OpenApiOperation { Responses = new OpenApiResponses() });
            }
        }
    }

    private static string UniqueOperationId(ApiDescription? description, string method, string path, HashSet<string> taken)
    {
        var name = description?.ActionDescriptor is ControllerActionDescriptor action
            ? action.ControllerName + action.ActionName
            : string.Concat(path.Split('/', '{', '}', '_', '-', '.').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));
        var id = name;
        if (!taken.Add(id))
        {
            id = name + char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant();
            for (var i = 2; !taken.Add(id); i++)
            {
                id = name + i;
            }
        }
        return id;
    }

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["DataImport"] = "Import a ruleset document and read the last import's report.",
        ["DataExport"] = "Download the store, whole or the closure of chosen rules.",
        ["DataV2"] = "eKuiper's YAML import and export.",
        ["Ruleset"] = "eKuiper's older import and export of streams, tables and rules.",
        ["AsyncTask"] = "Imports run as background tasks.",
        ["Backups"] = "The backups taken before every full import and restore.",
        ["Server"] = "Health and server information.",
        ["Streams"] = "Stream definitions.",
        ["Tables"] = "Table definitions.",
        ["Rules"] = "Rules, their status and tags.",
        ["ConfigKeys"] = "Conf keys of sources, sinks and connections.",
        ["Artifacts"] = "Plugins, schemas, services, uploads and JavaScript functions.",
    };

    private static void DescribeTags(OpenApiDocument document)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && tag.Description is null)
            {
                tag.Description = TagDescriptions.GetValueOrDefault(name, $"The {name} endpoints.");
            }
        }
    }
}

/// <summary>The served routes as the document names them: "METHOD /path/{parameter}", constraints left out.</summary>
public static class OpenApiRoutes
{
    public static string Key(string method, string path) => $"{method.ToUpperInvariant()} {Normalise(path)}";

    /// <summary>Every route endpoint the app serves and means to describe (not those excluded from description), by method.</summary>
    public static IEnumerable<(string Method, string Path)> Served(IServiceProvider services)
    {
        var endpoints = services.GetService<EndpointDataSource>()?.Endpoints ?? [];
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            foreach (var method in methods)
            {
                yield return (method.ToUpperInvariant(), Template(endpoint.RoutePattern));
            }
        }
    }

    /// <summary>The route as a path template: parameters by name only (no constraints, defaults or catch-all stars).</summary>
    public static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static string Normalise(string path)
    {
        var trimmed = path.Trim('/');
        return "/" + trimmed;
    }
}
