using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using static Ekuiper.Api.OpenApi.ApiSchemas;

namespace Ekuiper.Api.OpenApi;

/// <summary>The description of a service and of the functions services provide (GET /services/{name}, /services/functions[/{name}]).</summary>
public sealed partial class ApiOperations
{
    private const string GeoServiceInfo = """
        {"About":{"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},
        "helpUrl":{"en_US":"https://ekuiper.org/docs/en/latest/sqls/custom_functions.html","zh_CN":"https://ekuiper.org/docs/zh/latest/sqls/custom_functions.html"},
        "description":{"en_US":"Sample external services for test only","zh_CN":"示例外部函数配置，仅供测试"}},
        "Interfaces":{"tsrest":{"Desc":{"en_US":"Sample rest service","zh_CN":"示例 rest 服务"},"Addr":"http://localhost:51234",
        "Protocol":"rest","Schema":{"SchemaType":"protobuf","SchemaFile":"hw.proto","Schemaless":false},
        "Functions":["helloFromRest","ComputeFromRest"],"Options":{"headers":{"Accept-Charset":"utf-8"}}}}}
        """;

    private const string GeoFunction = """{"FuncName":"helloFromRest","ServiceName":"sample","InterfaceName":"tsrest","Addr":"http://localhost:51234","MethodName":"SayHello"}""";

    private void AddServices(Dictionary<string, OperationSpec> table)
    {
        var serviceInfo = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "eKuiper's serviceInfo, read from the service's json descriptor and its schema files.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["About"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Description = "The descriptor's about: author, helpUrl, description." },
                ["Interfaces"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Each interface by name: Desc, Addr, Protocol, Schema (SchemaType, SchemaFile, Schemaless), Functions, Options.",
                },
            },
        };
        var function = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "eKuiper's functionContainer.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["FuncName"] = Text("The SQL function's name."),
                ["ServiceName"] = Text("The service that provides it."),
                ["InterfaceName"] = Text("The interface of the service."),
                ["Addr"] = Text("The interface's address."),
                ["MethodName"] = Text("The rpc it calls (for a schemaless interface, the interface's name)."),
            },
        };
        const string invalidId = "id 'a b' contains invalid characters: only alphanumeric, hyphens and underscores are allowed";
        table["GET /services/{name}"] = new OperationSpec("Describe a service")
            .Describe("The service's about and interfaces, with the functions each interface provides, as eKuiper answers it.")
            .Param("name", "The service's name.", JsonValue.Create("sample"))
            .Answer(200, "The service.", new MediaSpec(JsonType, serviceInfo, new ExampleSpec("sample", "A rest service", Json(GeoServiceInfo))))
            .Error(400, "The name is not an eKuiper id.", invalidId)
            .Error(404, "No service has that name.", "describe service ghost error: not found", 1002);
        table["GET /services/functions"] = new OperationSpec("List the service functions")
            .Describe("Every function the stored services provide, sorted by name.")
            .Answer(200, "The functions.", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Array, Items = function },
                new ExampleSpec("functions", "One function", Json($"[{GeoFunction}]"))));
        table["GET /services/functions/{name}"] = new OperationSpec("Describe a service function")
            .Param("name", "The function's name, matched exactly.", JsonValue.Create("helloFromRest"))
            .Answer(200, "The function.", new MediaSpec(JsonType, function, new ExampleSpec("function", "helloFromRest", Json(GeoFunction))))
            .Error(400, "The name is not an eKuiper id.", invalidId)
            .Error(404, "No service provides that function.", "describe function ghost error: not found", 1002);
    }
}
