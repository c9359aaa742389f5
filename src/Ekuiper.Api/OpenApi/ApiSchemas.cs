using System.Text.Json.Nodes;
using Ekuiper.Domain.Ruleset;
using Microsoft.OpenApi;

namespace Ekuiper.Api.OpenApi;

/// <summary>
/// The schemas of eKuiper's bodies that no C# type of an action describes (bodies read as text, answers written as
/// text), added to the document's components, and small builders for inline ones.
/// </summary>
public static class ApiSchemas
{
    public const string Error = "Error";
    public const string ImportBody = "ImportBody";
    public const string Configuration = "Configuration";
    public const string ImportResponse = "ImportResponse";
    public const string ImportPlan = "ImportPlan";
    public const string Statement = "Statement";
    public const string Rule = "Rule";
    public const string Tags = "Tags";
    public const string Script = "Script";
    public const string UploadBody = "UploadBody";
    public const string RuleStatus = "RuleStatus";

    /// <summary>Adds (or replaces) the components above.</summary>
    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);

        schemas[Error] = new OpenApiSchema
        {
            Description = "eKuiper's error body, written as Go's http.Error writes it: Content-Type text/plain; charset=utf-8, " +
                          "this JSON object on one line, then a newline. error is 1000 (general), 1001, 1002 (not found), 3000 (stream processor) or 5000 (conf key store).",
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "error", "message" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "eKuiper's error code", Enum = [1000, 1001, 1002, 3000, 5000] },
                ["message"] = Text("What went wrong, in eKuiper's words"),
            },
        };

        // Exactly one of content and file: a body with both matches both branches, one with neither matches none.
        schemas[ImportBody] = new OpenApiSchema
        {
            Description = "The document to import: exactly one of content (the document as text) and file (its URI, file:// under an allowed root, or http(s)://).",
            OneOf =
            [
                new OpenApiSchema
                {
                    Title = "content",
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "content" },
                    Properties = new Dictionary<string, IOpenApiSchema> { ["content"] = Text("The document itself, as a JSON string") },
                },
                new OpenApiSchema
                {
                    Title = "file",
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "file:///… or http(s)://… of the document" },
                    },
                },
            ],
        };

        schemas[Configuration] = Sections(
            "The twelve sections of eKuiper's ruleset document in its order; each maps a name to a string (a statement, a JSON text, or an error message in a report).",
            Map(Text(null)));

        schemas[ImportResponse] = new OpenApiSchema
        {
            Description = "eKuiper's answer to an import: an empty ErrorMsg and a report with every section empty.",
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["ErrorMsg"] = Text("Empty when every entry landed"),
                ["ConfigResponse"] = Ref(document, Configuration),
            },
        };

        schemas[ImportPlan] = new OpenApiSchema
        {
            Description = "A dry run's answer: what the import would do, section by section; nothing was changed.",
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["revision"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The revision the plan was made against (also the ETag)" },
                ["mode"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["full", "partial"] },
                ["plan"] = Sections("Per section, the keys the import would create, replace, delete or leave, and those that would fail.",
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["created"] = TextList(),
                            ["replaced"] = TextList(),
                            ["deleted"] = TextList(),
                            ["unchanged"] = TextList(),
                            ["failed"] = Map(Text(null)),
                        },
                    }),
            },
        };

        schemas[Statement] = new OpenApiSchema
        {
            Description = "A CREATE STREAM or CREATE TABLE statement.",
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "sql" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["sql"] = Text("The statement, in eKuiper's SQL") },
        };

        schemas[Rule] = new OpenApiSchema
        {
            Description = "A rule as eKuiper reads it: an id, exactly one of sql and graph, and actions for a sql rule. It is stored as sent; other fields are kept.",
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "id" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = Text("The rule's id"),
                ["name"] = Text(null),
                ["sql"] = Text("The rule's SELECT statement"),
                ["graph"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "A graph rule's nodes and topology, instead of sql" },
                ["actions"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Description = "One object per sink: {\"<sink type>\": {…properties}}",
                    Items = Map(new OpenApiSchema { Type = JsonSchemaType.Object }),
                },
                ["options"] = new OpenApiSchema { Type = JsonSchemaType.Object },
                ["tags"] = TextList(),
                ["triggered"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether the rule is started" },
                ["version"] = Text(null),
            },
        };

        schemas[Tags] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "tags" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["tags"] = TextList() },
        };

        schemas[Script] = new OpenApiSchema
        {
            Description = "A JavaScript function: its script must define a function named as its id.",
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "id", "script" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = Text(null),
                ["description"] = Text(null),
                ["script"] = Text(null),
                ["isAgg"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
            },
        };

        schemas[UploadBody] = new OpenApiSchema
        {
            Description = "A file to upload by name: its text (content) or a URI to download (file).",
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "name" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = Text("A plain file name"),
                ["content"] = Text("The file's text"),
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            },
        };

        schemas[RuleStatus] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["running", "stopped"] },
                ["message"] = Text(null),
                ["lastStartTimestamp"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["lastStopTimestamp"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["nextStartTimestamp"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            },
        };
    }

    public static OpenApiSchemaReference Ref(OpenApiDocument document, string id) => new(id, document);

    public static OpenApiSchema Text(string? description) => new() { Type = JsonSchemaType.String, Description = description };

    public static OpenApiSchema TextList() => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } };

    public static OpenApiSchema Map(IOpenApiSchema values) => new() { Type = JsonSchemaType.Object, AdditionalProperties = values };

    /// <summary>A file sent as download bytes.</summary>
    public static OpenApiSchema Binary(string description) =>
        new() { Type = JsonSchemaType.String, Format = "binary", Description = description };

    private static OpenApiSchema Sections(string description, IOpenApiSchema section) => new()
    {
        Description = description,
        Type = JsonSchemaType.Object,
        Properties = RulesetSections.All.ToDictionary(s => s.WireName(), _ => section, StringComparer.Ordinal),
    };

    /// <summary>A JSON example; the examples in <see cref="ApiOperations"/> are raw JSON text.</summary>
    public static JsonNode? Json(string json) => JsonNode.Parse(json);
}
