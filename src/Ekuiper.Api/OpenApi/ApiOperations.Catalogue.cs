using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using static Ekuiper.Api.OpenApi.ApiSchemas;

namespace Ekuiper.Api.OpenApi;

/// <summary>The catalogue under /metadata: sources, sinks, connection types, functions, operators and stored resources.</summary>
public sealed partial class ApiOperations
{
    private void AddCatalogue(Dictionary<string, OperationSpec> table)
    {
        var list = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "name, about (trial, installed, author, helpUrl, description) and type." },
        };
        var entry = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "about, libs, properties, node and type; a source also has dataSource, and its properties are per conf key." };
        const string listExample = """[{"name":"log","about":{"trial":false,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sinks/builtin/log.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sinks/builtin/log.html"},"description":{"en":"Writes each result to the eKuiper log; useful for trying a rule out.","zh":"Writes each result to the eKuiper log; useful for trying a rule out."}},"type":"internal"}]""";
        const string nopExample = """{"about":{"trial":false,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sinks/builtin/nop.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sinks/builtin/nop.html"},"description":{"en":"Drops every result; optionally logs it. For benchmarks and tests.","zh":"Drops every result; optionally logs it. For benchmarks and tests."}},"libs":[],"properties":[{"exist":false,"name":"log","default":false,"type":"bool","control":"radio","connection_related":false,"optional":true,"values":null,"hint":null,"label":null}],"node":{"category":"sink","iconPath":"iconPath","label":{"en":"Nop","zh":"Nop"}},"type":"internal"}""";

        const string sourceListExample = """[{"name":"memory","about":{"trial":true,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sources/builtin/memory.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sources/builtin/memory.html"},"description":{"en":"Reads what memory sinks of other rules publish to an in-process topic.","zh":"Reads what memory sinks of other rules publish to an in-process topic."}},"type":"internal"}]""";
        const string memoryExample = """{"about":{"trial":true,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sources/builtin/memory.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sources/builtin/memory.html"},"description":{"en":"Reads what memory sinks of other rules publish to an in-process topic.","zh":"Reads what memory sinks of other rules publish to an in-process topic."}},"libs":[],"dataSource":{"default":"topic1","hint":null,"label":null},"properties":{},"node":{"category":"source","iconPath":"iconPath","label":{"en":"Memory","zh":"Memory"}},"type":"internal"}""";

        table["GET /metadata/sources"] = new OperationSpec("List the sources")
            .Describe("The source types eKuiper ships and those stored plugins add (type native or portable), ordered by name.")
            .Param("kind", "lookup: the sources a lookup table can use; anything else or none: the stream (scan) sources.", JsonValue.Create("lookup"))
            .Answer(200, "name, about and type of each.", new MediaSpec(JsonType, list, new ExampleSpec("sources", "One source", Json(sourceListExample))));
        table["GET /metadata/sources/{type}"] = new OperationSpec("Describe a source")
            .Param("type", "The source type, e.g. mqtt.", JsonValue.Create("mqtt"))
            .Answer(200, "Its description: properties per conf key with their types, defaults and whether optional.", new MediaSpec(JsonType, entry, new ExampleSpec("memory", "The memory source", Json(memoryExample))))
            .Error(400, "No such source is built in or added by a stored plugin.", "This plugin was not found:nosuch", 5000);
        table["GET /metadata/sinks"] = new OperationSpec("List the sinks")
            .Describe("The sink types eKuiper describes and those stored plugins add (type native or portable), ordered by name.")
            .Answer(200, "name, about and type of each.", new MediaSpec(JsonType, list, new ExampleSpec("sinks", "One sink", Json(listExample))));
        table["GET /metadata/sinks/{type}"] = new OperationSpec("Describe a sink")
            .Param("type", "The sink type, e.g. mqtt.", JsonValue.Create("nop"))
            .Answer(200, "Its description: properties with their types, defaults and whether optional.", new MediaSpec(JsonType, entry, new ExampleSpec("nop", "The nop sink", Json(nopExample))))
            .Error(400, "No such sink is described built in or added by a stored plugin.", "This plugin was not found:nosuch", 5000);
        const string connectionListExample = """[{"name":"mqtt","about":{"trial":false,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sources/builtin/mqtt.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sources/builtin/mqtt.html"},"description":{"en":"Subscribes to topics on an MQTT broker.","zh":"Subscribes to topics on an MQTT broker."}}}]""";
        const string connectionExample = """{"about":{"trial":false,"installed":true,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en":"https://ekuiper.org/docs/en/latest/guide/sources/builtin/mqtt.html","zh":"https://ekuiper.org/docs/zh/latest/guide/sources/builtin/mqtt.html"},"description":{"en":"Subscribes to topics on an MQTT broker.","zh":"Subscribes to topics on an MQTT broker."}},"libs":[],"dataSource":{"default":"topic1","hint":null,"label":null},"properties":{"default":[{"exist":false,"name":"server","default":"tcp://127.0.0.1:1883","type":"string","control":"text","connection_related":true,"optional":false,"values":null,"hint":null,"label":null}]},"node":{"category":"source","iconPath":"iconPath","label":{"en":"MQTT","zh":"MQTT"}}}""";
        table["GET /metadata/connections"] = new OperationSpec("List the connection types")
            .Describe("Every source type described (built in or added by a stored plugin), scan or lookup, ordered by name; no extension type, as eKuiper answers.")
            .Answer(200, "name and about of each.", new MediaSpec(JsonType, list, new ExampleSpec("connections", "One type", Json(connectionListExample))));
        table["GET /metadata/connections/{type}"] = new OperationSpec("Describe a connection type")
            .Describe("The source's description keeping, under each conf key, only the properties that belong to the connection (null when none does).")
            .Param("type", "The source type, e.g. mqtt.", JsonValue.Create("mqtt"))
            .Answer(200, "Its description (shortened in the example).", new MediaSpec(JsonType, entry, new ExampleSpec("mqtt", "The MQTT connection", Json(connectionExample))))
            .Error(400, "No such source type is described (a plain error, code 1000, as eKuiper answers).", "This plugin was not found:nosuch");

        const string functionsExample = """[{"about":{"trial":false,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en_US":"https://ekuiper.org/docs/en/latest/sqls/built-in_functions.html","zh_CN":"https://ekuiper.org/docs/zh/latest/sqls/built-in_functions.html"},"description":{"en_US":"The SQL functions built into the server.","zh_CN":"The SQL functions built into the server."}},"functions":[{"name":"abs","example":"abs(col1)","hint":{"en_US":"Absolute value.","zh_CN":"Absolute value."},"args":[{"name":"field","optional":false,"control":"field","type":"number","hint":null,"label":null}],"return":{"type":"number","hint":null},"node":{"category":"function","icon":"iconPath","label":null}}]}]""";
        table["GET /metadata/functions"] = new OperationSpec("List the SQL function metadata")
            .Describe("eKuiper's array of function metadata files: the built-in functions' file (every built-in SQL function with its arguments and return type; aggregate: true for aggregates) and the metadata files stored function and portable plugins bring, in file-name order.")
            .Answer(200, "The files (the example keeps one function).", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "about and functions (name, example, aggregate, hint, args, return, node)." } },
                new ExampleSpec("functions", "The built-in file, shortened", Json(functionsExample))));

        const string operatorsExample = """[{"name":"filter","about":{"trial":false,"author":{"name":"EMQ","email":"contact@emqx.io","company":"EMQ Technologies Co., Ltd","website":"https://www.emqx.io"},"helpUrl":{"en_US":"https://github.com/lf-edge/ekuiper/blob/master/docs/en_US/sqls/query_language_elements.md","zh_CN":"https://github.com/lf-edge/ekuiper/blob/master/docs/zh_CN/sqls/query_language_elements.md"},"description":{"en_US":"Keeps only the rows for which a condition holds.","zh_CN":"Keeps only the rows for which a condition holds."}},"properties":[{"name":"expr","optional":false,"control":"text","type":"string","hint":null,"label":null}],"node":{"display":true,"category":"operator","input":{"type":"any","rowType":"any","collectionType":"any"},"output":{"type":"same","strategy":"keep"},"icon":"iconPath","label":{"en":"Filter","zh":"Filter"}}}]""";
        table["GET /metadata/operators"] = new OperationSpec("List the graph rule operators")
            .Describe("The operators eKuiper describes for graph rules (filter, function, groupby, join, orderby, pick, script, switch, window) with their properties.")
            .Answer(200, "The operators (the example keeps one).", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "name, about, properties and node." } },
                new ExampleSpec("operators", "The filter operator", Json(operatorsExample))));

        table["GET /metadata/resources"] = new OperationSpec("List the stored conf keys")
            .Describe("The source and sink conf keys someone stored (not the built-in ones): per type one object of key → type, ordered by type; null for a category with none.")
            .Answer(200, "sinks and sources.", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Object, Description = "sinks and sources: arrays of {confKey: type} objects, or null." },
                new ExampleSpec("resources", "One stored MQTT key", Json("""{"sinks":null,"sources":[{"demo":"mqtt"}]}"""))));
    }
}
