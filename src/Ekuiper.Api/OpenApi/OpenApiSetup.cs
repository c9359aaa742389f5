using Ekuiper.Api.Formatting;

namespace Ekuiper.Api.OpenApi;

/// <summary>The OpenAPI document served at /openapi/v1.json (and read by Scalar at /scalar): docs/api.md, OpenAPI.</summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddEkuiperOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<Utf8StringSchemaTransformer>();
            options.AddDocumentTransformer<EkuiperDocumentTransformer>();
        });
}
