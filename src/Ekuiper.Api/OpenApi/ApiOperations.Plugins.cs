using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using static Ekuiper.Api.OpenApi.ApiSchemas;

namespace Ekuiper.Api.OpenApi;

/// <summary>The plugin endpoints (<c>PluginsController</c>).</summary>
public sealed partial class ApiOperations
{
    private void AddPlugins(Dictionary<string, OperationSpec> table)
    {
        var names = (string example) => new MediaSpec(JsonType, null, new ExampleSpec("names", "One", Json(example)));
        var kindParam = (OperationSpec op, bool portables) => portables
            ? op.Param("kind", "sources, sinks, functions or portables.", JsonValue.Create("sources"), "sources", "sinks", "functions", "portables")
            : op.Param("kind", "sources, sinks or functions.", JsonValue.Create("sources"), "sources", "sinks", "functions");
        var nameParam = (OperationSpec op) => op.Param("name", "The plugin's name.", JsonValue.Create("random"));

        table["GET /plugins/{kind}"] = kindParam(new OperationSpec("List the native plugins of a kind"), false)
            .Answer(200, "The plugin names.", names("""["random"]"""));

        var pluginBody = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = Text("The plugin's name (an eKuiper id for native plugins); in a PUT, the path's when left out."),
                ["file"] = Text("A file://, http:// or https:// URI of the plugin's .zip."),
                ["shellParas"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null), Description = "Parameters of the zip's install.sh (kept, never run)." },
                ["functions"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null), Description = "Function plugins: the functions it exports." },
            },
        };
        const string random = """{"name":"random","file":"http://127.0.0.1/plugins/sources/random.zip"}""";
        table["POST /plugins/{kind}"] = kindParam(new OperationSpec("Install a plugin"), true)
            .Describe("Installed as an import of the same nativePlugins (sources_<name>, …) or portablePlugins entry would install it " +
                      "(fetched, checked, staged, stored in one transaction); the export then shows that entry.")
            .Body("The plugin.", new MediaSpec(JsonType, pluginBody, new ExampleSpec("random", "By HTTP link", Json(random))))
            .Answer(201, "Installed.", PlainTextExample("sources plugin random is created"))
            .Error(400, "The body does not decode, the name is invalid or taken, or the zip cannot be fetched or is not such a plugin.",
                "id 'invalid.echo2' contains invalid characters: only alphanumeric, hyphens and underscores are allowed");
        table["GET /plugins/{kind}/{name}"] = nameParam(kindParam(new OperationSpec("Describe a native plugin"), false))
            .Describe("name and version (from the library's file name, name@v1.0.0.so); a function plugin's functions when it was given them.")
            .Answer(200, "The plugin.", new MediaSpec(JsonType, null, new ExampleSpec("plugin", "random", Json("""{"name":"random","version":"1.0.0"}"""))))
            .Error(404, "No plugin of the kind has that name.", "describe sources plugin ghost error: not found");
        table["PUT /plugins/{kind}/{name}"] = nameParam(kindParam(new OperationSpec("Replace a plugin"), true))
            .Describe("Installs the body's zip in the plugin's place, in one transaction (a refused update leaves the old one). " +
                      "A native plugin must exist; a portable plugin is created when absent.")
            .Body("The plugin.", new MediaSpec(JsonType, pluginBody, new ExampleSpec("random", "By HTTP link", Json(random))))
            .Answer(200, "Replaced.", PlainTextExample("plugin random is updated and eKuiper must restart for the change to take effect."))
            .Error(400, "The body does not decode or names another plugin, or the zip cannot be installed.", "Invalid body: the body names plugin other, the path random")
            .Error(404, "No native plugin of the kind has that name.", "update sources plugin ghost error, cannot delete old version: invalid name ghost: not exist");
        table["DELETE /plugins/{kind}/{name}"] = nameParam(kindParam(new OperationSpec("Delete a plugin"), true))
            .Describe("Refused while a stored rule uses it (a stream of its source type, an action of its sink type, a function only it provides).")
            .Param("stop", "1 (native plugins): stop the server (exit code 100) about a second after the delete.", null, "1")
            .Answer(200, "Deleted.", PlainTextExample("sources plugin random is deleted and eKuiper must restart for the change to take effect."))
            .Error(400, "Rules use it, the name is not an eKuiper id, or no portable plugin has that name.",
                "delete sources plugin random error: plugin random can't be dropped due to rule references [rule1]")
            .Error(404, "No native plugin of the kind has that name.", "delete sources plugin ghost error: invalid name ghost: not exist");
        table["POST /plugins/functions/{name}/register"] = new OperationSpec("Register a function plugin's functions")
            .Describe("Records the functions the plugin exports in its entry (exported, checked in rules), from its installed files.")
            .Param("name", "The function plugin's name.", JsonValue.Create("echo"))
            .Body("The functions.", new MediaSpec(JsonType, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["functions"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null) } },
            }, new ExampleSpec("functions", "Two functions", Json("""{"functions":["func1","func2"]}"""))))
            .Answer(200, "Registered.", PlainTextExample("function plugin echo function list is registered"))
            .Error(400, "The body does not decode, the list is empty, or another plugin has one of the functions.",
                "function plugins echo regiser functions error: property 'functions' must not be empty")
            .Error(404, "No function plugin has that name.", "register functions plugin ghost error: not found");
        table["GET /plugins/udfs"] = new OperationSpec("List the functions of the function plugins")
            .Answer(200, "The function names, sorted.", names("""["func1","func2"]"""));
        table["GET /plugins/udfs/{name}"] = new OperationSpec("Find the plugin of a function")
            .Param("name", "The function's name.", JsonValue.Create("func1"))
            .Answer(200, "The function and its plugin.", new MediaSpec(JsonType, null, new ExampleSpec("udf", "func1", Json("""{"name":"func1","plugin":"echo"}"""))))
            .Error(404, "No function plugin provides it.", "describe function ghost error: not found");

        var pluginInfo = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "eKuiper's PluginInfo, as its manifest says (the lists are null when the manifest has none).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["name"] = Text(null),
                ["version"] = Text(null),
                ["language"] = Text("go or python."),
                ["executable"] = Text("The installed program's path on the node that answers."),
                ["virtualEnvType"] = Text("Only when the manifest sets it."),
                ["env"] = Text("Only when the manifest sets it."),
                ["sources"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = Text(null) },
                ["sinks"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = Text(null) },
                ["functions"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = Text(null) },
            },
        };
        const string pysam = """{"name":"pysam","version":"v1.0.0","language":"python","executable":"/ekuiper/data/plugins/portable/pysam/pysam","sources":["pyjson"],"sinks":["print"],"functions":["revert"]}""";
        table["GET /plugins/portables"] = new OperationSpec("List the portable plugins")
            .Describe("Each installed portable plugin's full information, sorted by name.")
            .Answer(200, "The plugins.", new MediaSpec(JsonType, new OpenApiSchema { Type = JsonSchemaType.Array, Items = pluginInfo },
                new ExampleSpec("plugins", "One plugin", Json($"[{pysam}]"))));
        table["GET /plugins/portables/{name}"] = new OperationSpec("Describe a portable plugin")
            .Param("name", "The plugin's name.", JsonValue.Create("pysam"))
            .Answer(200, "The plugin.", new MediaSpec(JsonType, pluginInfo, new ExampleSpec("plugin", "pysam", Json(pysam))))
            .Error(404, "No plugin has that name.", "describe portable plugin ghost error: not found", 1002);
    }
}
