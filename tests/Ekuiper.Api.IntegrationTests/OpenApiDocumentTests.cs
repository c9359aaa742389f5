using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ekuiper.Api.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Ekuiper.Api.IntegrationTests;

/// <summary>
/// The served OpenAPI document is the API's contract: every served route is in it with a summary and a schema for every
/// answer, its examples are answers the server really gives, and what it posts is accepted.
/// </summary>
public sealed class OpenApiDocumentTests : ServerTest
{
    private async Task<JsonObject> DocumentAsync(HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync(OpenApiSetup.DocumentPath);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Test]
    public async Task EveryServedRouteIsDescribedWithASummaryAndASchemaForEveryAnswer()
    {
        var problems = Problems(await DocumentAsync(), ServedRoutes(Factory.Services));

        Assert.That(problems, Is.Empty, "describe these in src/Ekuiper.Api/OpenApi/ApiOperations.cs");
    }

    [Test]
    public async Task ARouteTheTableDoesNotKnowIsListedHonestlyAndFailsTheCheck()
    {
        using var factory = new EkuiperApiFactory(services: services =>
            services.AddControllers().AddApplicationPart(typeof(UndescribedProbeController).Assembly));
        using var client = factory.CreateClient();
        var document = await DocumentAsync(client);

        var operation = document["paths"]?["/test/undescribed"]?["get"];
        Assert.That(operation, Is.Not.Null, "an unknown route is still listed");
        Assert.That(operation!["responses"]?["default"]?["content"]?["text/plain"]?["schema"]?["$ref"]?.GetValue<string>(),
            Is.EqualTo("#/components/schemas/Error"), "with the error answers it can give");
        var problems = Problems(document, ServedRoutes(factory.Services));
        Assert.That(problems, Has.Some.StartsWith("GET /test/undescribed: no summary"));
        Assert.That(problems, Has.Some.StartsWith("GET /test/undescribed: 200 has no schema"));
    }

    [Test]
    public void EveryDescribedRouteIsServed()
    {
        var served = ServedRoutes(Factory.Services).ToHashSet();
        var described = new ApiOperations(new Microsoft.OpenApi.OpenApiDocument()).Build().Keys;

        Assert.That(described.Where(key => !served.Contains(key)), Is.Empty, "entries of ApiOperations that no route serves");
    }

    [Test]
    public async Task TheDocumentedImportExamplesArePostedAsTheyAreAndAccepted()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/data/import", "/v2/data/import", "/ruleset/import", "/async/data/import" })
        {
            var operation = document["paths"]![path]!["post"]!;
            var example = FirstExample(operation["requestBody"]!["content"]!["application/json"]!);

            using var response = await Client.PostAsync(path, new StringContent(example!.ToJsonString(), Encoding.UTF8, "application/json"));

            Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{path}: {await response.Content.ReadAsStringAsync()}");
        }

        // The answer of /data/import is the one documented, with its ETag; the store holds the example's entries.
        var import = document["paths"]!["/data/import"]!["post"]!;
        using var answer = await Client.PostAsync("/data/import",
            new StringContent(FirstExample(import["requestBody"]!["content"]!["application/json"]!)!.ToJsonString(), Encoding.UTF8, "application/json"));
        var documented = FirstExample(import["responses"]!["200"]!["content"]!["application/json"]!);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(await answer.Content.ReadAsStringAsync()), documented), Is.True);
        Assert.That(answer.Headers.ETag, Is.Not.Null);
        Assert.That(import["responses"]!["200"]!["headers"]?["ETag"], Is.Not.Null);
        var sections = await Client.ExportSectionsAsync();
        Assert.That(sections["streams"].Keys, Is.EquivalentTo(new[] { "demo" }));
        Assert.That(sections["rules"].Keys, Is.EquivalentTo(new[] { "rule1", "rule2" }));
        Assert.That(sections["scripts"].Keys, Is.EquivalentTo(new[] { "area" }));
    }

    [TestCase("/streams", 201)]
    [TestCase("/tables", 201)]
    [TestCase("/udf/javascript", 201)]
    public async Task ACommandsDocumentedExampleGivesItsDocumentedAnswer(string path, int status)
    {
        var operation = (await DocumentAsync())["paths"]![path]!["post"]!;
        var body = FirstExample(operation["requestBody"]!["content"]!["application/json"]!)!.ToJsonString();
        var documented = FirstExample(operation["responses"]![status.ToString()]!["content"]!["text/plain"]!)!.GetValue<string>();

        using var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(documented));
    }

    [Test]
    public async Task DocumentedErrorsAreInEkuiperShapeAndAreWhatTheServerAnswers()
    {
        var document = await DocumentAsync();
        foreach (var (route, status, response) in Responses(document))
        {
            // Two answers are not errors in eKuiper's shape: the rule check's 422 (eKuiper's plain text) and the readiness
            // probe's 503 (the health report, for probes).
            if (status.StartsWith('2') || route == "POST /rules/validate" && status == "422" || route == "GET /readyz" && status == "503")
            {
                continue;
            }
            var media = response["content"]?["text/plain"];
            Assert.That(media?["schema"]?["$ref"]?.GetValue<string>(), Is.EqualTo("#/components/schemas/Error"), $"{route} {status}");
            Assert.That(media?["example"]?["error"]?.GetValue<int>(), Is.AnyOf(1000, 1001, 1002, 3000, 5000), $"{route} {status}");
        }

        // One documented error, met for real: the same status, body shape and Content-Type as documented.
        var documented = document["paths"]!["/data/backups/{id}"]!["get"]!["responses"]!["404"]!["content"]!["text/plain"]!["example"]!;
        using var answer = await Client.GetAsync("/data/backups/backup-1");
        Assert.That((int)answer.StatusCode, Is.EqualTo(404));
        Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(await answer.Content.ReadAsStringAsync()), documented), Is.True);
    }

    /// <summary>A documented error example, met for real on an empty store: the same status and the very same body.</summary>
    [TestCase("GET", "/rules/a%20b", null, "/rules/{id}", 400)]
    [TestCase("GET", "/rules/rule1", null, "/rules/{id}", 404)]
    [TestCase("POST", "/rules/rule1/start", null, "/rules/{id}/start", 404)]
    [TestCase("GET", "/rules/rule1/topo", null, "/rules/{id}/topo", 404)]
    [TestCase("GET", "/rules/rule1/explain", null, "/rules/{id}/explain", 404)]
    [TestCase("DELETE", "/rules/rule1", null, "/rules/{id}", 400)]
    [TestCase("POST", "/rules/bulkstart", """{"tags":["t1"]}""", "/rules/bulkstart", 400)]
    [TestCase("PUT", "/rules/rule1/tags", "", "/rules/{id}/tags", 400)]
    [TestCase("GET", "/streams/my_stream", null, "/streams/{name}", 400)]
    [TestCase("DELETE", "/tables/my_table", null, "/tables/{name}", 404)]
    [TestCase("GET", "/async/task/dataImport-1", null, "/async/task/{id}", 400)]
    [TestCase("GET", "/schemas/xml", null, "/schemas/{type}", 404)]
    [TestCase("GET", "/metadata/sinks/yaml/influx", null, "/metadata/{category}/yaml/{type}", 404)]
    [TestCase("GET", "/metadata/sources/mqtt/confKeys/demo_conf", null, "/metadata/{category}/{type}/confKeys/{key}", 404)]
    [TestCase("GET", "/udf/javascript/x", null, "/udf/javascript/{id}", 400)]
    [TestCase("DELETE", "/udf/javascript/x", null, "/udf/javascript/{id}", 404)]
    [TestCase("DELETE", "/config/uploads/my.json", null, "/config/uploads/{name}", 404)]
    [TestCase("POST", "/data/export", """["ghost"]""", "/data/export", 404)]
    [TestCase("POST", "/data/backups/backup-1/restore", null, "/data/backups/{id}/restore", 404)]
    public async Task ADocumentedErrorIsTheRealAnswer(string method, string url, string? body, string path, int status)
    {
        var documented = (await DocumentAsync())["paths"]![path]![method.ToLowerInvariant()]!["responses"]![status.ToString()]!["content"]!["text/plain"]!["example"]!;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString(), Is.EqualTo(documented.ToJsonString()));
    }

    [Test]
    public async Task RevisionsAndDownloadsAreDocumentedAsSent()
    {
        var paths = (await DocumentAsync())["paths"]!;
        foreach (var (path, method) in new[] { ("/data/import", "post"), ("/async/data/import", "post"), ("/v2/data/import", "post"), ("/data/backups/{id}/restore", "post") })
        {
            var operation = paths[path]![method]!;
            Assert.That(operation["parameters"]!.AsArray().Any(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header"),
                Is.True, $"{path} If-Match");
            Assert.That(operation["responses"]!["412"], Is.Not.Null, $"{path} 412");
        }
        foreach (var path in new[] { "/data/export", "/v2/data/export" })
        {
            var ok = paths[path]!["get"]!["responses"]!["200"]!;
            Assert.That(ok["headers"]!["ETag"], Is.Not.Null, path);
            Assert.That(ok["headers"]!["Content-Disposition"], Is.Not.Null, path);

            using var response = await Client.GetAsync(path);
            var sent = response.Content.Headers.ContentType!.MediaType!;
            Assert.That(ok["content"]!.AsObject().Select(m => m.Key), Is.EqualTo(new[] { sent }), $"{path} documents the media type it sends");
            Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(response.Headers.ETag, Is.Not.Null);
        }
    }

    /// <summary>What the document lacks: a served route it does not list, an operation without summary or answers, an answer without schema.</summary>
    private static List<string> Problems(JsonObject document, IEnumerable<string> served)
    {
        var problems = new List<string>();
        var paths = document["paths"]!.AsObject();
        foreach (var route in served.Distinct())
        {
            var (method, path) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
            var operation = paths[path]?[method.ToLowerInvariant()];
            if (operation is null)
            {
                problems.Add($"{route}: missing from the document");
                continue;
            }
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()))
            {
                problems.Add($"{route}: no summary");
            }
            var responses = operation["responses"]?.AsObject();
            if (responses is null || !responses.Any(r => r.Key != "default"))
            {
                problems.Add($"{route}: no answers");
                continue;
            }
            foreach (var (status, response) in responses)
            {
                var content = response?["content"]?.AsObject();
                var empty = response?["description"]?.GetValue<string>().StartsWith(ApiOperations.EmptyBodyPrefix, StringComparison.Ordinal) == true;
                if (content is null or { Count: 0 } ? !empty : content.Any(m => m.Value?["schema"] is null))
                {
                    problems.Add($"{route}: {status} has no schema");
                }
            }
        }
        return problems;
    }

    private static IEnumerable<(string Route, string Status, JsonNode Response)> Responses(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    yield return ($"{method.ToUpperInvariant()} {path}", status, response!);
                }
            }
        }
    }

    private static JsonNode? FirstExample(JsonNode media) =>
        media["examples"] is JsonObject examples ? examples.First().Value!["value"] : media["example"];

    /// <summary>The routes the app serves, read from its endpoints (not from the document): "METHOD /path/{parameter}".</summary>
    private static IEnumerable<string> ServedRoutes(IServiceProvider services)
    {
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true)
            {
                continue; // the document itself, Scalar
            }
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p =>
                p is RoutePatternParameterPart parameter ? "{" + parameter.Name + "}" : p is RoutePatternLiteralPart literal ? literal.Content : ((RoutePatternSeparatorPart)p).Content))));
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"])
            {
                yield return $"{method} {path}";
            }
        }
    }
}

/// <summary>A route ApiOperations does not know, served only by the test that shows the check catches it.</summary>
[ApiController]
public sealed class UndescribedProbeController : ControllerBase
{
    [HttpGet("/test/undescribed")]
    public IActionResult Get() => Ok();
}
